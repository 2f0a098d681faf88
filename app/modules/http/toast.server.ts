import { createCookie, redirect } from "react-router";
import { secureCookies } from "./cookies.ts";
import { type Toast, toastSchema } from "./toast.ts";

// A short-lived cookie carries the toast across the redirect after an action,
// so it also works without JavaScript.
const toastCookie = createCookie("werkpad_toast", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  secure: secureCookies(),
});

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(toast));
  return redirect(url, { ...init, headers });
}

/** Reads the pending toast, if any, and the header that clears it once shown. */
export async function takeToast(
  request: Request,
): Promise<{ toast: Toast | null; headers: HeadersInit | undefined }> {
  const raw = await toastCookie.parse(request.headers.get("cookie"));
  if (raw === null || raw === undefined) return { toast: null, headers: undefined };
  const parsed = toastSchema.safeParse(raw);
  return {
    toast: parsed.success ? parsed.data : null,
    headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0 }) },
  };
}
