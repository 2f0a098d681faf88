import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as acceptAction } from "#app/routes/invitations.accept.tsx";
import { createOpenInvitation, createTeam, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, post } from "#tests/helpers/route-args.ts";

/**
 * The same invitation link opened twice at once (a double click, two tabs):
 * exactly one account results, and both requests end well.
 */
async function openInvitation() {
  const team = await createTeam();
  const { invitation, token } = await createOpenInvitation(team.organization.id, team.hr.user.id);
  return { team, token, email: invitation.email };
}

const accept = (token: string, password: string) =>
  callRoute(
    acceptAction,
    post(`/invitations/accept?token=${token}`, { name: "Robin Race", password }),
  );

const signedIn = (answer: { headers: Headers }) =>
  answer.headers.getSetCookie().some((cookie) => /^werkpad_session=[^;]+/.test(cookie));

describe("an invitation accepted twice at once", () => {
  test("makes one account, and both requests sign the person in", async () => {
    const { team, token, email } = await openInvitation();
    const answers = await Promise.all([accept(token, testPassword), accept(token, testPassword)]);
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.location).toBe("/app");
      expect(signedIn(answer)).toBe(true);
    }
    const users = await db.user.findMany({ where: { email } });
    expect(users).toHaveLength(1);
    expect(
      await db.membership.count({
        where: { userId: users[0]?.id, organizationId: team.organization.id },
      }),
    ).toBe(1);
  });

  test("five at once still make one account", async () => {
    const { token, email } = await openInvitation();
    const answers = await Promise.all(Array.from({ length: 5 }, () => accept(token, testPassword)));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302, 302]);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  test("a second request with another password is told the invitation is used, and signs nobody in", async () => {
    const { token, email } = await openInvitation();
    const [first, second] = await Promise.all([
      accept(token, testPassword),
      accept(token, `${testPassword} but different`),
    ]);
    const answers = [first, second].filter((answer) => answer !== undefined);
    const winners = answers.filter(signedIn);
    expect(winners).toHaveLength(1);
    const loser = answers.find((answer) => !signedIn(answer));
    expect(loser?.status).toBe(200);
    expect(loser?.data).toEqual({ error: "auth:invitation.invalid" });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});
