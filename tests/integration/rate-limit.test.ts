import { describe, expect, test } from "vitest";
import { attempt, limits, pruneRateLimits } from "#app/modules/auth/rate-limit.server.ts";
import { db } from "#app/modules/db.server.ts";
import { action as signInAction } from "#app/routes/signin.tsx";
import { createUser, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, post } from "#tests/helpers/route-args.ts";

function signIn(email: string, password: string, ip = "203.0.113.7") {
  return callRoute(signInAction, post("/signin", { email, password }), {}, { ip });
}

describe("brute-force protection on sign-in", () => {
  test("after five attempts for an address, even the right password waits, and the page says until when", async () => {
    await createUser({ email: "ivy@example.com" });
    for (let i = 0; i < 5; i++) {
      const answer = await signIn("ivy@example.com", `wrong password ${i}`);
      expect(JSON.stringify(answer.data)).toContain("auth:errors.invalidCredentials");
    }
    const blocked = await signIn("ivy@example.com", testPassword);
    expect(blocked.location).toBeNull();
    expect(JSON.stringify(blocked.data)).toMatch(/auth:errors\.rateLimited\?minutes=\d+/);
  });

  test("the count lives in the database, so every server process sees it", async () => {
    await createUser({ email: "jan@example.com" });
    await signIn("jan@example.com", "wrong password");
    const buckets = await db.rateLimitBucket.findMany({
      where: { key: { startsWith: "signin:email:" } },
    });
    expect(buckets.some((bucket) => bucket.count >= 1)).toBe(true);
    // Keys never hold the address itself.
    expect(buckets.every((bucket) => !bucket.key.includes("jan@example.com"))).toBe(true);
  });

  test("one address trying many accounts is stopped per IP", async () => {
    const ip = "198.51.100.23";
    let blocked = false;
    for (let i = 0; i <= limits.signInPerIp.max && !blocked; i++) {
      const answer = await signIn(`spray-${i}@example.com`, "wrong password", ip);
      blocked = JSON.stringify(answer.data).includes("rateLimited");
    }
    expect(blocked).toBe(true);
    const other = await signIn("someone-else@example.com", "wrong password", "198.51.100.99");
    expect(JSON.stringify(other.data)).toContain("invalidCredentials");
  });

  test("people signing in correctly are never counted, so a whole office behind one IP gets in", async () => {
    const people = await Promise.all(
      Array.from({ length: limits.signInPerIp.max + 5 }, (_, i) =>
        createUser({ email: `office-${i}@example.com` }),
      ),
    );
    for (const person of people) {
      expect((await signIn(person.email, testPassword, "192.0.2.200")).location).toBe("/app");
    }
  });

  test("a successful sign-in clears the address's count", async () => {
    await createUser({ email: "kim@example.com" });
    for (let i = 0; i < 4; i++) await signIn("kim@example.com", "wrong password");
    expect((await signIn("kim@example.com", testPassword)).location).toBe("/app");
    for (let i = 0; i < 4; i++) await signIn("kim@example.com", "wrong password");
    expect((await signIn("kim@example.com", testPassword)).location).toBe("/app");
  });
});

describe("fixed windows", () => {
  test("refuse past the limit until the window ends, then allow again", async () => {
    const limit = { max: 2, windowSeconds: 60 };
    const start = new Date("2026-11-22T10:00:10Z");
    expect(await attempt([["test:window", limit]], start)).toEqual({ allowed: true });
    expect(await attempt([["test:window", limit]], start)).toEqual({ allowed: true });
    expect(await attempt([["test:window", limit]], start)).toEqual({
      allowed: false,
      retryAt: new Date("2026-11-22T10:01:00Z"),
    });
    expect(await attempt([["test:window", limit]], new Date("2026-11-22T10:01:00Z"))).toEqual({
      allowed: true,
    });
  });
});

test("windows that ended a day ago are removed, current ones kept", async () => {
  const limit = { max: 5, windowSeconds: 60 };
  await attempt([["prune:old", limit]], new Date("2026-11-20T10:00:00Z"));
  await attempt([["prune:new", limit]], new Date("2026-11-22T09:59:00Z"));
  await pruneRateLimits(new Date("2026-11-22T10:00:00Z"));
  const keys = (
    await db.rateLimitBucket.findMany({ where: { key: { startsWith: "prune:" } } })
  ).map((b) => b.key);
  expect(keys).toEqual(["prune:new"]);
});
