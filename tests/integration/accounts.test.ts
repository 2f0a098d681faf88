process.env.RESEND_API_KEY = "re_test";

import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as forgotAction } from "#app/routes/forgot-password.tsx";
import { action as resetAction } from "#app/routes/reset-password.tsx";
import { action as requestLinkAction } from "#app/routes/signin.link.tsx";
import { action as magicAction } from "#app/routes/signin.magic.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { action as signUpAction } from "#app/routes/signup.tsx";
import { action as verifyAction, loader as verifyLoader } from "#app/routes/verify-email.tsx";
import { codeIn, inbox, runJobsUntilIdle, tokenInLink } from "#tests/helpers/email.ts";
import { createUser, signUpForm, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

const newPassword = "autumn leaves on the quay";

function sessionCookieOf(headers: Headers): string | undefined {
  return headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("werkpad_session=") && !cookie.includes("Max-Age=0"));
}

async function signUp(email: string) {
  return callRoute(signUpAction, post("/signup", signUpForm(email)));
}

describe("sign-up and e-mail verification", () => {
  test("creates the organisation with its owner and e-mails a code that signs in", async () => {
    const answer = await signUp("Noor@Tuinen.example");
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/verify-email?email=noor%40tuinen.example");
    expect(sessionCookieOf(answer.headers)).toBeUndefined();

    const email = await inbox("noor@tuinen.example");
    const user = await db.user.findUniqueOrThrow({
      where: { email: "noor@tuinen.example" },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.memberships).toMatchObject([
      { role: "OWNER", organization: { name: "Tuinen Groen", country: "NL" } },
    ]);

    const verified = await callRoute(
      verifyAction,
      post("/verify-email", {
        intent: "verify",
        email: "noor@tuinen.example",
        code: codeIn(email),
      }),
    );
    expect(verified.status).toBe(302);
    expect(verified.location).toBe("/app");
    expect(sessionCookieOf(verified.headers)).toBeDefined();
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt,
    ).not.toBeNull();
  });

  test("the link in the e-mail verifies and signs in, once", async () => {
    await signUp("link@tuinen.example");
    const token = tokenInLink(await inbox("link@tuinen.example"));
    const first = await callRoute(verifyLoader, get(`/verify-email?token=${token}`));
    expect(first.location).toBe("/app");
    expect(sessionCookieOf(first.headers)).toBeDefined();
    const again = await callRoute(verifyLoader, get(`/verify-email?token=${token}`));
    expect(again.data).toMatchObject({ linkInvalid: true });
  });

  test("an address that already has an account gets the same answer on screen, and its owner an e-mail", async () => {
    const existing = await createUser({ email: "taken@tuinen.example" });
    const answer = await signUp("taken@tuinen.example");
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/verify-email?email=taken%40tuinen.example");
    const email = await inbox("taken@tuinen.example");
    expect(email.text).toContain("/signin");
    expect(await db.membership.count({ where: { userId: existing.id } })).toBe(0);
  });

  test("a wrong code is refused, and after five wrong codes even the right one is", async () => {
    await signUp("wrong@tuinen.example");
    const code = codeIn(await inbox("wrong@tuinen.example"));
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const answer = await callRoute(
        verifyAction,
        post(
          "/verify-email",
          { intent: "verify", email: "wrong@tuinen.example", code: wrong },
          { "x-test": String(i) },
        ),
      );
      expect(answer.status).toBe(200);
    }
    const right = await callRoute(
      verifyAction,
      post("/verify-email", { intent: "verify", email: "wrong@tuinen.example", code }),
    );
    expect(right.status).toBe(200);
    expect(JSON.stringify(right.data)).toMatch(/invalidCode|rateLimited/);
  });

  test("an expired code is refused", async () => {
    await signUp("late@tuinen.example");
    const code = codeIn(await inbox("late@tuinen.example"));
    await db.oneTimeToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await callRoute(
      verifyAction,
      post("/verify-email", { intent: "verify", email: "late@tuinen.example", code }),
    );
    expect(JSON.stringify(answer.data)).toContain("auth:errors.invalidCode");
    expect(sessionCookieOf(answer.headers)).toBeUndefined();
  });
});

describe("sign-in", () => {
  test("with the right password signs in and returns where the person was going", async () => {
    await createUser({ email: "ada@example.com" });
    const answer = await callRoute(
      signInAction,
      post("/signin", { email: "ADA@example.com", password: testPassword, redirectTo: "/members" }),
    );
    expect(answer.location).toBe("/members");
    expect(sessionCookieOf(answer.headers)).toMatch(/HttpOnly; SameSite=Lax/);
  });

  test("a wrong password and an unknown address get the same answer", async () => {
    const user = await createUser({ email: "bea@example.com" });
    const wrong = await callRoute(
      signInAction,
      post("/signin", { email: "bea@example.com", password: "not the password" }),
    );
    const unknown = await callRoute(
      signInAction,
      post("/signin", { email: "nobody@example.com", password: "not the password" }),
    );
    expect(wrong.status).toBe(200);
    expect(JSON.stringify(wrong.data)).toContain("auth:errors.invalidCredentials");
    expect(JSON.stringify(unknown.data)).toEqual(
      JSON.stringify(wrong.data).replace("bea@example.com", "nobody@example.com"),
    );
    const failed = await db.auditEvent.findMany({
      where: { action: "auth.sign_in_failed", targetId: user.id },
    });
    expect(failed).toHaveLength(1);
  });

  test("never redirects to another site after signing in", async () => {
    await createUser({ email: "cas@example.com" });
    const answer = await callRoute(
      signInAction,
      post("/signin", {
        email: "cas@example.com",
        password: testPassword,
        redirectTo: "https://evil.example/",
      }),
    );
    expect(answer.location).toBe("/app");
  });

  test("an unconfirmed address is sent to confirm first, with a new code", async () => {
    await createUser({ email: "dirk@example.com", verified: false });
    const answer = await callRoute(
      signInAction,
      post("/signin", { email: "dirk@example.com", password: testPassword }),
    );
    expect(answer.location).toBe("/verify-email?email=dirk%40example.com");
    expect(sessionCookieOf(answer.headers)).toBeUndefined();
    expect(codeIn(await inbox("dirk@example.com"))).toMatch(/^\d{6}$/);
  });
});

describe("sign-in links", () => {
  test("sign in once; the second use and an expired link are refused", async () => {
    await createUser({ email: "eli@example.com" });
    const requested = await callRoute(
      requestLinkAction,
      post("/signin/link", { email: "eli@example.com" }),
    );
    expect(requested.data).toMatchObject({ sent: true });
    const token = tokenInLink(await inbox("eli@example.com"));

    const first = await callRoute(magicAction, post("/signin/magic", { token }));
    expect(first.location).toBe("/app");
    expect(sessionCookieOf(first.headers)).toBeDefined();
    const reused = await callRoute(magicAction, post("/signin/magic", { token }));
    expect(reused.data).toEqual({ invalid: true });

    await callRoute(requestLinkAction, post("/signin/link", { email: "eli@example.com" }));
    const expired = tokenInLink(await inbox("eli@example.com"));
    await db.oneTimeToken.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect((await callRoute(magicAction, post("/signin/magic", { token: expired }))).data).toEqual({
      invalid: true,
    });
  });

  test("an unknown address gets the same answer and no e-mail", async () => {
    const answer = await callRoute(
      requestLinkAction,
      post("/signin/link", { email: "ghost@example.com" }),
    );
    expect(answer.data).toMatchObject({ sent: true });
    await runJobsUntilIdle();
    expect(await db.outboxMessage.count({ where: { to: "ghost@example.com" } })).toBe(0);
  });

  test("only the hash of a link's token is stored", async () => {
    await createUser({ email: "fay@example.com" });
    await callRoute(requestLinkAction, post("/signin/link", { email: "fay@example.com" }));
    const token = tokenInLink(await inbox("fay@example.com"));
    expect(await db.oneTimeToken.count({ where: { tokenHash: token } })).toBe(0);
    const stored = await db.oneTimeToken.findFirstOrThrow({
      where: { purpose: "MAGIC_LINK" },
      orderBy: { createdAt: "desc" },
    });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("password reset", () => {
  test("sets a new password once, signs out every other session, and the old password stops working", async () => {
    const user = await createUser({ email: "gus@example.com" });
    const other = await callRoute(
      signInAction,
      post("/signin", { email: "gus@example.com", password: testPassword }),
    );
    expect(sessionCookieOf(other.headers)).toBeDefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    await callRoute(forgotAction, post("/forgot-password", { email: "gus@example.com" }));
    const token = tokenInLink(await inbox("gus@example.com"));
    const reset = await callRoute(
      resetAction,
      post(`/reset-password`, { token, password: newPassword }),
    );
    expect(reset.location).toBe("/app");
    // The old session is gone; the only one left is the one the reset opened.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const reused = await callRoute(
      resetAction,
      post(`/reset-password`, { token, password: "yet another long phrase" }),
    );
    expect(JSON.stringify(reused.data)).toContain("auth:reset.invalid");
    const old = await callRoute(
      signInAction,
      post("/signin", { email: "gus@example.com", password: testPassword }),
    );
    expect(JSON.stringify(old.data)).toContain("auth:errors.invalidCredentials");
    const fresh = await callRoute(
      signInAction,
      post("/signin", { email: "gus@example.com", password: newPassword }),
    );
    expect(fresh.location).toBe("/app");
    expect(
      await db.auditEvent.count({ where: { action: "auth.password_reset", targetId: user.id } }),
    ).toBe(1);
  });

  test("a common password is refused with a reason, and the link still works", async () => {
    await createUser({ email: "hal@example.com" });
    await callRoute(forgotAction, post("/forgot-password", { email: "hal@example.com" }));
    const token = tokenInLink(await inbox("hal@example.com"));
    const weak = await callRoute(
      resetAction,
      post(`/reset-password`, { token, password: "password123456" }),
    );
    expect(JSON.stringify(weak.data)).toContain("auth:errors.passwordCommon");
    const good = await callRoute(
      resetAction,
      post(`/reset-password`, { token, password: newPassword }),
    );
    expect(good.location).toBe("/app");
  });
});
