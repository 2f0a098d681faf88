/**
 * Talking to the app as a browser would: signing in through the form, and
 * fetching a page once to check it and keep its exact bytes.
 */
import { demoPassword } from "../../prisma/demo.ts";
import type { Answer } from "./floor.ts";
import type { Headers } from "./measure.ts";

/** Signs in through the sign-in form from the app's own address (forms are accepted from it only); the session cookie. */
export async function signIn(appUrl: string, email: string): Promise<string> {
  const response = await fetch(`${appUrl}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
    body: new URLSearchParams({ email, password: demoPassword }),
  });
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith("werkpad_session="));
  if (!cookie) throw new Error(`signing in as ${email} failed (${response.status})`);
  return cookie.split(";")[0] ?? "";
}

/**
 * One GET of `urlPath`, which must answer 200: its body as served without
 * compression (autocannon asks for none either) and its content type.
 */
export async function fetchAnswer(appUrl: string, urlPath: string, headers: Headers) {
  const response = await fetch(`${appUrl}${urlPath}`, {
    headers: { ...headers, "Accept-Encoding": "identity" },
    redirect: "manual",
  });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new Error(
      `${urlPath} answered ${response.status}${location ? ` (redirect to ${location})` : ""} instead of 200; ` +
        "is the build current (npm run build) and the demo data what the benchmark expects?",
    );
  }
  return { body, contentType: response.headers.get("content-type") ?? "" } satisfies Answer;
}
