import { describe, expect, test } from "vitest";
import { createSession, validateSessionToken } from "#app/modules/auth/session.server.ts";
import { db } from "#app/modules/db.server.ts";
import { action as accountAction, loader as accountLoader } from "#app/routes/account.tsx";
import { loader as appLoader } from "#app/routes/app.tsx";
import { action as signOutAction } from "#app/routes/signout.ts";
import { createMember, createOrganization, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

const day = 24 * 60 * 60 * 1000;

describe("sessions", () => {
  test("only the SHA-256 of the cookie's token is stored", async () => {
    const organization = await createOrganization();
    const { user } = await createMember(organization.id, "HR");
    const { token } = await createSession(user.id, organization.id);
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    expect(await validateSessionToken(token)).toMatchObject({ user: { id: user.id } });
  });

  test("are extended when used in their second half, and end when expired", async () => {
    const organization = await createOrganization();
    const { user } = await createMember(organization.id, "HR");
    const { token } = await createSession(user.id, organization.id);
    const inTwentyDays = new Date(Date.now() + 20 * day);
    const renewed = await validateSessionToken(token, inTwentyDays);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBeGreaterThan(inTwentyDays.getTime() + 29 * day);
    expect(await validateSessionToken(token, new Date(Date.now() + 60 * day))).toBeNull();
  });

  test("a signed-out visitor is sent to sign in and brought back afterwards", async () => {
    const answer = await callRoute(appLoader, get("/app"));
    expect(answer.location).toBe("/signin?redirectTo=%2Fapp");
  });

  test("sign out ends this session only", async () => {
    const organization = await createOrganization();
    const { user, cookie } = await createMember(organization.id, "MANAGER");
    const other = await createSession(user.id, organization.id);
    const answer = await callRoute(signOutAction, post("/signout", {}, { Cookie: cookie }));
    expect(
      answer.headers
        .getSetCookie()
        .some((c) => c.startsWith("werkpad_session=;") && c.includes("Max-Age=0")),
    ).toBe(true);
    expect((await callRoute(appLoader, get("/app", { Cookie: cookie }))).location).toMatch(
      /^\/signin/,
    );
    expect(
      (await callRoute(appLoader, get("/app", { Cookie: `werkpad_session=${other.token}` })))
        .status,
    ).toBe(200);
  });

  test("sign out everywhere ends every session of the person, in every browser", async () => {
    const organization = await createOrganization();
    const { user, cookie } = await createMember(organization.id, "EMPLOYEE");
    const otherBrowser = `werkpad_session=${(await createSession(user.id, organization.id)).token}`;
    expect(
      (await callRoute(accountLoader, get("/account", { Cookie: cookie }))).data,
    ).toMatchObject({ sessions: 2 });
    const answer = await callRoute(
      accountAction,
      post("/account", { intent: "sign-out-everywhere" }, { Cookie: cookie }),
    );
    expect(answer.location).toBe("/signin");
    expect((await callRoute(appLoader, get("/app", { Cookie: otherBrowser }))).location).toMatch(
      /^\/signin/,
    );
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("changing the password signs out the other browsers and keeps this one", async () => {
    const organization = await createOrganization();
    const { user, cookie } = await createMember(organization.id, "EMPLOYEE");
    const otherBrowser = `werkpad_session=${(await createSession(user.id, organization.id)).token}`;
    const wrong = await callRoute(
      accountAction,
      post(
        "/account",
        { currentPassword: "not it at all", newPassword: "a brand new long phrase" },
        { Cookie: cookie },
      ),
    );
    expect(JSON.stringify(wrong.data)).toContain("auth:errors.wrongCurrentPassword");
    const changed = await callRoute(
      accountAction,
      post(
        "/account",
        { currentPassword: testPassword, newPassword: "a brand new long phrase" },
        { Cookie: cookie },
      ),
    );
    expect(changed.location).toBe("/account");
    expect((await callRoute(appLoader, get("/app", { Cookie: otherBrowser }))).location).toMatch(
      /^\/signin/,
    );
    expect((await callRoute(appLoader, get("/app", { Cookie: cookie }))).status).toBe(200);
    expect(
      await db.auditEvent.count({ where: { action: "auth.password_changed", targetId: user.id } }),
    ).toBe(1);
  });
});
