import { describe, expect, test } from "vitest";
import { hashToken } from "#app/modules/auth/tokens.ts";
import { db } from "#app/modules/db.server.ts";
import { type Role, roles } from "#app/modules/policy/policy.ts";
import { loader as account } from "#app/routes/account.tsx";
import { loader as app } from "#app/routes/app.tsx";
import { loader as audit } from "#app/routes/audit.tsx";
import { action as invitationAction } from "#app/routes/invitations.$invitationId.ts";
import { loader as member } from "#app/routes/members.$membershipId.tsx";
import { loader as members } from "#app/routes/members.tsx";
import { loader as problems } from "#app/routes/problems.tsx";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * Every role against every page of this feature, through the real loaders
 * and actions: the routes ask the policy, and this table is what they answer.
 */
const team = await createTeam();
const invitation = await db.invitation.create({
  data: {
    organizationId: team.organization.id,
    email: "matrix@example.com",
    role: "EMPLOYEE",
    tokenHash: hashToken("matrix"),
    invitedById: team.hr.user.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});
const cookies: Record<Role, string> = {
  OWNER: team.owner.cookie,
  HR: team.hr.cookie,
  MANAGER: team.manager.cookie,
  EMPLOYEE: team.employee.cookie,
  PHYSICIAN: team.physician.cookie,
};

type Visit = (cookie: string) => ReturnType<typeof callRoute>;
const pages: Record<string, { visit: Visit; allowed: Role[]; allowedStatus: number }> = {
  "GET /app": {
    visit: (c) => callRoute(app, get("/app", { Cookie: c })),
    allowed: [...roles],
    allowedStatus: 200,
  },
  "GET /account": {
    visit: (c) => callRoute(account, get("/account", { Cookie: c })),
    allowed: [...roles],
    allowedStatus: 200,
  },
  "GET /members": {
    visit: (c) => callRoute(members, get("/members", { Cookie: c })),
    allowed: ["OWNER", "HR"],
    allowedStatus: 200,
  },
  "GET /members/:id": {
    visit: (c) =>
      callRoute(member, get(`/members/${team.employee.membership.id}`, { Cookie: c }), {
        membershipId: team.employee.membership.id,
      }),
    allowed: ["OWNER", "HR"],
    allowedStatus: 200,
  },
  "POST /invitations/:id (send again)": {
    visit: (c) =>
      callRoute(
        invitationAction,
        post(`/invitations/${invitation.id}`, { intent: "resend" }, { Cookie: c }),
        {
          invitationId: invitation.id,
        },
      ),
    allowed: ["OWNER", "HR"],
    allowedStatus: 302,
  },
  "GET /audit": {
    visit: (c) => callRoute(audit, get("/audit", { Cookie: c })),
    allowed: ["OWNER", "HR"],
    allowedStatus: 200,
  },
  "GET /problems": {
    visit: (c) => callRoute(problems, get("/problems", { Cookie: c })),
    allowed: ["OWNER"],
    allowedStatus: 200,
  },
};

describe("who may open what", () => {
  const cells = Object.keys(pages).flatMap((page) => roles.map((role) => [page, role] as const));
  test.each(cells)("%s as %s", async (page, role) => {
    const { visit, allowed, allowedStatus } = pages[page] as (typeof pages)[string];
    const answer = await visit(cookies[role]);
    expect(answer.status).toBe(allowed.includes(role) ? allowedStatus : 403);
  });

  test("signed-out visitors are sent to sign in", async () => {
    for (const page of Object.values(pages)) {
      const answer = await page.visit("");
      expect(answer.location).toMatch(/^\/signin\?redirectTo=/);
    }
  });
});
