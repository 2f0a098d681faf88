process.env.RESEND_API_KEY = "re_test";

import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as invitationAction } from "#app/routes/invitations.$invitationId.ts";
import { action as acceptAction, loader as acceptLoader } from "#app/routes/invitations.accept.tsx";
import { action as membersAction, loader as membersLoader } from "#app/routes/members.tsx";
import { inbox, runJobsUntilIdle, tokenInLink } from "#tests/helpers/email.ts";
import {
  createMember,
  createTeam,
  createUser,
  signInCookie,
  testPassword,
} from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

async function inviteAs(cookie: string, email: string, role: string) {
  return callRoute(membersAction, post("/members", { email, role }, { Cookie: cookie }));
}

describe("invitations", () => {
  test("HR invites; the e-mail's link lets a new person create an account and join with that role", async () => {
    const { organization, hr } = await createTeam("Linde");
    const sent = await inviteAs(hr.cookie, "New.Person@example.com", "MANAGER");
    expect(sent.location).toBe("/members");
    const email = await inbox("new.person@example.com");
    expect(email.subject).toContain("Linde");
    const token = tokenInLink(email);

    const page = await callRoute(acceptLoader, get(`/invitations/accept?token=${token}`));
    expect(page.data).toMatchObject({
      mode: "new-account",
      organization: "Linde",
      role: "MANAGER",
    });

    const joined = await callRoute(
      acceptAction,
      post(`/invitations/accept?token=${token}`, {
        name: "Nieuwe Persoon",
        password: testPassword,
      }),
    );
    expect(joined.location).toBe("/app");
    expect(joined.headers.getSetCookie().some((c) => c.startsWith("werkpad_session="))).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(
      await db.membership.findFirst({
        where: { userId: user.id, organizationId: organization.id },
      }),
    ).toMatchObject({
      role: "MANAGER",
    });
    // Used once: the link is dead now.
    expect((await callRoute(acceptLoader, get(`/invitations/accept?token=${token}`))).data).toEqual(
      { mode: "invalid" },
    );
  });

  test("someone with an account signs in first, then joins with one press", async () => {
    const { organization, owner } = await createTeam();
    const physician = await createUser({ email: "dokter@example.com" });
    await inviteAs(owner.cookie, "dokter@example.com", "PHYSICIAN");
    const token = tokenInLink(await inbox("dokter@example.com"));

    expect(
      (await callRoute(acceptLoader, get(`/invitations/accept?token=${token}`))).data,
    ).toMatchObject({
      mode: "sign-in",
    });
    const cookie = await signInCookie(physician.id, null);
    expect(
      (await callRoute(acceptLoader, get(`/invitations/accept?token=${token}`, { Cookie: cookie })))
        .data,
    ).toMatchObject({ mode: "accept" });
    const joined = await callRoute(
      acceptAction,
      post(`/invitations/accept?token=${token}`, {}, { Cookie: cookie }),
    );
    expect(joined.location).toBe("/app");
    const session = await db.session.findFirstOrThrow({ where: { userId: physician.id } });
    expect(session.organizationId).toBe(organization.id);
  });

  test("a person signed in with another address cannot take someone else's invitation", async () => {
    const { owner } = await createTeam();
    const stranger = await createMember((await createTeam()).organization.id, "EMPLOYEE");
    await inviteAs(owner.cookie, "intended@example.com", "EMPLOYEE");
    const token = tokenInLink(await inbox("intended@example.com"));
    expect(
      (
        await callRoute(
          acceptLoader,
          get(`/invitations/accept?token=${token}`, { Cookie: stranger.cookie }),
        )
      ).data,
    ).toMatchObject({ mode: "wrong-account", email: "intended@example.com" });
    const tried = await callRoute(
      acceptAction,
      post(`/invitations/accept?token=${token}`, {}, { Cookie: stranger.cookie }),
    );
    expect(tried.data).toEqual({ error: "auth:invitation.invalid" });
    expect(await db.membership.count({ where: { userId: stranger.user.id } })).toBe(1);
  });

  test("expired, withdrawn and re-sent links stop working", async () => {
    const { hr } = await createTeam();
    await inviteAs(hr.cookie, "late@example.com", "EMPLOYEE");
    const first = tokenInLink(await inbox("late@example.com"));
    const invitation = await db.invitation.findFirstOrThrow({
      where: { email: "late@example.com" },
    });

    // Sending again gives a new link; the old one no longer works.
    expect(
      (
        await callRoute(
          invitationAction,
          post(`/invitations/${invitation.id}`, { intent: "resend" }, { Cookie: hr.cookie }),
          { invitationId: invitation.id },
        )
      ).location,
    ).toBe("/members");
    const second = tokenInLink(await inbox("late@example.com"));
    expect(second).not.toBe(first);
    expect((await callRoute(acceptLoader, get(`/invitations/accept?token=${first}`))).data).toEqual(
      { mode: "invalid" },
    );

    await db.invitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await callRoute(acceptLoader, get(`/invitations/accept?token=${second}`))).data,
    ).toEqual({ mode: "invalid" });
    const lateJoin = await callRoute(
      acceptAction,
      post(`/invitations/accept?token=${second}`, { name: "Late", password: testPassword }),
    );
    expect(lateJoin.data).toEqual({ error: "auth:invitation.invalid" });

    await inviteAs(hr.cookie, "withdrawn@example.com", "EMPLOYEE");
    const withdrawn = tokenInLink(await inbox("withdrawn@example.com"));
    const open = await db.invitation.findFirstOrThrow({
      where: { email: "withdrawn@example.com" },
    });
    await callRoute(
      invitationAction,
      post(`/invitations/${open.id}`, { intent: "revoke" }, { Cookie: hr.cookie }),
      { invitationId: open.id },
    );
    expect(
      (await callRoute(acceptLoader, get(`/invitations/accept?token=${withdrawn}`))).data,
    ).toEqual({ mode: "invalid" });
    const listed = (await callRoute(membersLoader, get("/members", { Cookie: hr.cookie })))
      .data as { invitations: { email: string }[] };
    expect(listed.invitations.map((i) => i.email)).not.toContain("withdrawn@example.com");
  });

  test("HR cannot make anyone owner; an owner can", async () => {
    const { owner, hr } = await createTeam();
    const byHr = await inviteAs(hr.cookie, "boss@example.com", "OWNER");
    expect(JSON.stringify(byHr.data)).toContain("auth:members.mayNotGrant");
    expect(await db.invitation.count({ where: { email: "boss@example.com" } })).toBe(0);
    expect((await inviteAs(owner.cookie, "boss@example.com", "OWNER")).location).toBe("/members");
  });

  test("nobody invites before confirming their own e-mail address", async () => {
    const { organization } = await createTeam();
    const unverified = await createMember(organization.id, "OWNER", { verified: false });
    const answer = await inviteAs(unverified.cookie, "someone@example.com", "EMPLOYEE");
    expect(JSON.stringify(answer.data)).toContain("auth:members.verifyFirst");
    await runJobsUntilIdle();
    expect(await db.outboxMessage.count({ where: { to: "someone@example.com" } })).toBe(0);
  });

  test("members and people already invited are not invited twice", async () => {
    const { hr, employee } = await createTeam();
    expect(
      JSON.stringify((await inviteAs(hr.cookie, employee.user.email, "EMPLOYEE")).data),
    ).toContain("alreadyMember");
    await inviteAs(hr.cookie, "twice@example.com", "EMPLOYEE");
    expect(
      JSON.stringify((await inviteAs(hr.cookie, "twice@example.com", "EMPLOYEE")).data),
    ).toContain("alreadyInvited");
  });
});
