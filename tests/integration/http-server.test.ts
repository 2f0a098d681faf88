import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { limits } from "#app/modules/auth/rate-limit.server.ts";
import { type RunningServer, refusedStart, startServer } from "#tests/helpers/http-server.ts";

/**
 * What only the HTTP server (server/index.ts) decides, checked on the real
 * server in a child process: start-up checks, and whose word the client's
 * address is. The file's database belongs to the child while it runs, so
 * these tests look only through HTTP.
 */

describe("start-up", () => {
  test("the server refuses to start when the dev outbox would be on behind an https address", async () => {
    const { code, output } = await refusedStart({
      NODE_ENV: "production",
      APP_URL: "https://werkpad.example",
      DEV_OUTBOX: "1",
    });
    expect(code).toBe(1);
    expect(output).toContain(
      "DEV_OUTBOX: /dev/outbox shows live sign-in and reset links to anyone",
    );
  });
});

/** A failed sign-in as a browser would send it, claiming to come from `forwardedFor`. */
async function failedSignIn(server: RunningServer, attempt: number, forwardedFor: string) {
  const response = await server.fetch("/signin", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Accept-Language": "en",
      "X-Forwarded-For": forwardedFor,
    },
    body: new URLSearchParams({
      email: `nobody-${attempt}-${crypto.randomUUID()}@example.com`,
      password: "not the password",
    }),
  });
  const page = await response.text();
  if (page.includes("Too many attempts")) return "rate-limited";
  if (page.includes("is not right")) return "refused";
  throw new Error(`Unexpected answer ${response.status}`);
}

/** Failed sign-ins, each claiming a new address; what the server answered to each. */
async function signInsFromNewAddresses(server: RunningServer, prefix: string) {
  const answers: string[] = [];
  for (let attempt = 0; attempt <= limits.signInPerIp.max; attempt++)
    answers.push(await failedSignIn(server, attempt, `${prefix}.${attempt + 1}`));
  return answers;
}

describe("X-Forwarded-For without TRUST_PROXY (the default)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(() => server?.stop());

  test("a new header value does not reset the per-address sign-in limit", async () => {
    const answers = await signInsFromNewAddresses(server, "198.51.100");
    expect(answers.slice(0, limits.signInPerIp.max).every((a) => a === "refused")).toBe(true);
    // The 31st attempt comes from the same socket address, whatever the header says.
    expect(answers.at(-1)).toBe("rate-limited");
  });
});

describe("X-Forwarded-For from a proxy TRUST_PROXY names", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ TRUST_PROXY: "loopback" });
  }, 60_000);
  afterAll(() => server?.stop());

  test("names the client, so each address has its own limit", async () => {
    const answers = await signInsFromNewAddresses(server, "203.0.113");
    expect(answers.every((a) => a === "refused")).toBe(true);
  });
});
