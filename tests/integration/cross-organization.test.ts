import { describe, expect, test } from "vitest";
import { hashToken } from "#app/modules/auth/tokens.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import routes from "#app/routes.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * Every route that takes an id, visited by an owner of another organisation
 * (the most powerful role there) with this organisation's ids: each answers
 * 404, shows none of the data and changes nothing. A new route with an id
 * fails here until its parameter is added below.
 */
const victim = await createTeam("Victim BV");
const intruder = await createTeam("Intruder BV");
const victimInvitation = await db.invitation.create({
  data: {
    organizationId: victim.organization.id,
    email: "pending-victim@example.com",
    role: "EMPLOYEE",
    tokenHash: hashToken("victim-invitation"),
    invitedById: victim.hr.user.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});

const victimCase = await db.case.create({
  data: {
    organizationId: victim.organization.id,
    kind: "OWN_HEALTH",
    country: "NL",
    employeeId: victim.employee.user.id,
    managerId: victim.manager.user.id,
    openedById: victim.hr.user.id,
  },
});
const victimItem = await db.planItem.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    kind: "AGREEMENT",
    content: { topic: "contact", text: "Victim's agreement text" },
    contentHash: "h",
    proposedBySide: "EMPLOYER",
    proposedById: victim.manager.user.id,
    employerAgreedHash: "h",
    employeeAgreedHash: "h",
  },
});
await db.planVersion.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    number: 1,
    contentHash: "v",
    snapshot: [
      {
        id: victimItem.id,
        kind: "AGREEMENT",
        content: victimItem.content,
        proposedBySide: "EMPLOYER",
      },
    ],
  },
});
await db.privateNote.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    authorId: victim.employee.user.id,
    body: "Victim's private note",
  },
});

const foreignIds: Record<string, string> = {
  membershipId: victim.employee.membership.id,
  invitationId: victimInvitation.id,
  caseId: victimCase.id,
  itemId: victimItem.id,
  number: "1",
};
const intents = [
  "change-role",
  "remove",
  "resend",
  "revoke",
  "propose",
  "agree",
  "decline",
  "withdraw",
  "propose-removal",
  "repeat-phase",
  "add",
  "delete",
];
const secrets = [
  victim.employee.user.email,
  victim.employee.user.name,
  "pending-victim@example.com",
  "Victim BV",
  "Victim's agreement text",
  "Victim's private note",
];

type RouteEntry = { path?: string; file: string; children?: RouteEntry[] };
const withIds = (routes as RouteEntry[]).filter((route) => route.path?.includes(":"));

async function snapshot() {
  return JSON.stringify({
    memberships: await db.membership.findMany({
      where: { organizationId: victim.organization.id },
      orderBy: { id: "asc" },
    }),
    invitations: await db.invitation.findMany({
      where: { organizationId: victim.organization.id },
      orderBy: { id: "asc" },
    }),
    cases: await db.case.findMany({ where: { organizationId: victim.organization.id } }),
    items: await db.planItem.findMany({ where: { organizationId: victim.organization.id } }),
    versions: await db.planVersion.findMany({ where: { organizationId: victim.organization.id } }),
    notes: await db.privateNote.findMany({ where: { organizationId: victim.organization.id } }),
    digests: await db.planDigest.findMany({ where: { organizationId: victim.organization.id } }),
  });
}

describe("another organisation's ids", () => {
  test("every route with an id is covered by this test", () => {
    const params = withIds.flatMap((route) =>
      [...(route.path ?? "").matchAll(/:(\w+)/g)].map((m) => m[1]),
    );
    expect(params.length).toBeGreaterThan(0);
    for (const param of params) expect(Object.keys(foreignIds)).toContain(param);
  });

  test.each(withIds.map((route) => [route.path ?? "", route.file] as const))(
    "%s answers 404 and reveals and changes nothing",
    async (path, file) => {
      const module = (await import(`#app/${file}`)) as {
        loader?: (args: never) => unknown;
        action?: (args: never) => unknown;
      };
      const params = Object.fromEntries(
        [...path.matchAll(/:(\w+)/g)].map((m) => [m[1], foreignIds[m[1] ?? ""] ?? ""]),
      );
      const url = `/${path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? "")}`;
      const before = await snapshot();
      const answers = [];
      if (module.loader)
        answers.push(
          await callRoute(module.loader, get(url, { Cookie: intruder.owner.cookie }), params),
        );
      if (module.action) {
        for (const intent of intents) {
          answers.push(
            await callRoute(
              module.action,
              post(
                url,
                {
                  intent,
                  role: "OWNER",
                  kind: "REVIEW",
                  date: isoDay(33),
                  itemId: victimItem.id,
                  lockVersion: "1",
                  reason: "x",
                  body: "x",
                  noteId: "x",
                  topic: "contact",
                  text: "Intruder",
                },
                { Cookie: intruder.owner.cookie },
              ),
              params,
            ),
          );
        }
      }
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        const shown = JSON.stringify(answer.data ?? "");
        for (const secret of secrets) expect(shown).not.toContain(secret);
      }
      expect(await snapshot()).toBe(before);
    },
  );

  test("is answered exactly like an id that does not exist", async () => {
    const { loader } = await import("#app/routes/members.$membershipId.tsx");
    const foreign = await callRoute(loader, get("/members/x", { Cookie: intruder.owner.cookie }), {
      membershipId: foreignIds.membershipId ?? "",
    });
    const missing = await callRoute(loader, get("/members/x", { Cookie: intruder.owner.cookie }), {
      membershipId: "does-not-exist",
    });
    expect(foreign).toEqual(missing);
  });
});

describe("lists", () => {
  test("show only the organisation's own members, invitations and audit events", async () => {
    const { loader: members } = await import("#app/routes/members.tsx");
    const { loader: audit } = await import("#app/routes/audit.tsx");
    const { loader: cases } = await import("#app/routes/cases.tsx");
    const lists = JSON.stringify([
      (await callRoute(members, get("/members", { Cookie: intruder.owner.cookie }))).data,
      (await callRoute(audit, get("/audit", { Cookie: intruder.owner.cookie }))).data,
      (await callRoute(cases, get("/cases", { Cookie: intruder.owner.cookie }))).data,
    ]);
    for (const secret of secrets) expect(lists).not.toContain(secret);
    expect(lists).toContain(intruder.employee.user.email);
  });
});
