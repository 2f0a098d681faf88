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
    department: "Victim department",
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

const victimAgreement = await db.agreement.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    versionNumber: 1,
    planHash: "v",
    language: "en",
    document: new TextEncoder().encode("%PDF-1.7 Victim's agreement text"),
    documentHash: "d".repeat(64),
    verifyCode: "victim-verify-code",
    createdById: victim.manager.user.id,
  },
});
const victimPassport = await db.adjustmentPassport.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    employeeId: victim.employee.user.id,
    language: "en",
    sealed: new TextEncoder().encode("%PDF-1.7 Victim's private note"),
    sealedHash: "p".repeat(64),
    verifyCode: "victim-passport-code",
    contents: { items: [] },
  },
});

const victimConversation = await db.conversation.create({
  data: {
    organizationId: victim.organization.id,
    caseId: victimCase.id,
    guideId: "first-conversation",
    guideHash: "g",
    guide: { title: { nl: "x", en: "x", fr: "x" }, steps: [], outcomes: [], hub: [] },
    startedById: victim.manager.user.id,
  },
});
await db.conversationNote.create({
  data: {
    organizationId: victim.organization.id,
    conversationId: victimConversation.id,
    stepId: "opening",
    body: "Victim's private note",
    updatedById: victim.manager.user.id,
  },
});

// The victim employee's copy of their data: a person's, not an organisation's, and theirs alone.
const victimExport = await db.dataExport.create({
  data: {
    userId: victim.employee.user.id,
    status: "READY",
    zip: new TextEncoder().encode("PK Victim's private note"),
    size: 24,
    readyAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});

const foreignIds: Record<string, string> = {
  membershipId: victim.employee.membership.id,
  invitationId: victimInvitation.id,
  caseId: victimCase.id,
  itemId: victimItem.id,
  number: "1",
  agreementId: victimAgreement.id,
  passportId: victimPassport.id,
  conversationId: victimConversation.id,
  exportId: victimExport.id,
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
  "prepare",
  "sign",
  "send-code",
  "make",
  "start",
  "save-notes",
  "held",
  "add-topic",
  "save-preparation",
  "react",
  "note",
  "done",
  "undo",
  "absence",
  "event",
  "record-hours",
  "check-in",
  "ask-review",
  "require-two-factor",
];
const secrets = [
  victim.employee.user.email,
  victim.employee.user.name,
  "pending-victim@example.com",
  "Victim BV",
  "Victim's agreement text",
  "Victim's private note",
  "Victim department",
];

type RouteEntry = { path?: string; file: string; children?: RouteEntry[] };
/**
 * Public by design: the page a sealed PDF's QR code leads to (its code is a
 * random secret printed in the PDF itself, and the page shows only what that
 * PDF shows: tests/integration/verify.test.ts), and the guides and
 * information pages, which belong to no organisation. The Stripe simulator's
 * pages stand in for Stripe's own hosted pages (reached by their secret
 * session id, development only) and hold no case data.
 */
const publicByDesign = [
  "verify/:code",
  "guides/:guideId",
  "hub/:pageId",
  "dev/stripe/checkout/:sessionId",
  "dev/stripe/portal/:sessionId",
  "dev/stripe/invoices/:invoiceId",
  // A private calendar feed: its secret address is the key (tests/integration/calendar.test.ts).
  "calendar/:file",
];
const withIds = (routes as RouteEntry[]).filter(
  (route) => route.path?.includes(":") && !publicByDesign.includes(route.path),
);

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
    agreements: await db.agreement.findMany({
      where: { organizationId: victim.organization.id },
      include: { signatures: true },
    }),
    passports: await db.adjustmentPassport.findMany({
      where: { organizationId: victim.organization.id },
    }),
    conversations: await db.conversation.findMany({
      where: { organizationId: victim.organization.id },
      include: { notes: true, topics: true, preparation: true },
    }),
    digests: await db.planDigest.findMany({ where: { organizationId: victim.organization.id } }),
    exports: await db.dataExport.findMany({
      where: { userId: victim.employee.user.id },
      select: { id: true, status: true, expiresAt: true },
    }),
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
                  ruleId: "probleemanalyse",
                  occurrence: "0",
                  doneOn: isoDay(0),
                  startsOn: isoDay(-3),
                  event: "nl-second-track-needed",
                  on: isoDay(-1),
                  energy: "3",
                  workload: "3",
                  planFit: "3",
                  sharing: "EMPLOYER",
                  weekStart: isoDay(-7),
                  hours: "8",
                  secondFactorCode: "123456",
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
  test("the insights count only the organisation's own cases, and know only its departments", async () => {
    const { loader: insights } = await import("#app/routes/insights.tsx");
    const { loader: download } = await import("#app/routes/insights.download.ts");
    const { responseOf } = await import("#tests/helpers/route-args.ts");
    const cookie = { Cookie: intruder.owner.cookie };
    const page = await callRoute(insights, get("/insights", cookie));
    expect(page.status).toBe(200);
    const shown = JSON.stringify(page.data);
    // The victim's case was opened this year; the intruder has none.
    expect(shown).toContain('"cases":{"shown":true,"value":0}');
    const csv = await (await responseOf(download, get("/insights/download", cookie))).text();
    for (const secret of secrets) {
      expect(shown).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    for (const handler of [insights, download]) {
      const asked = await callRoute(handler, get("/insights?department=Victim+department", cookie));
      expect(asked.status).toBe(400);
    }
  });

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

describe("the organisation page", () => {
  test("another organisation's member cannot be made owner, and nothing changes", async () => {
    const { action } = await import("#app/routes/organization.tsx");
    const before = await snapshot();
    const answer = await callRoute(
      action,
      post(
        "/organization",
        {
          intent: "transfer",
          newOwner: victim.employee.membership.id,
          ownRole: "HR",
          confirm: "on",
        },
        { Cookie: intruder.owner.cookie },
      ),
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.data)).toContain("organization:transfer.chooseMember");
    for (const secret of secrets) expect(JSON.stringify(answer.data)).not.toContain(secret);
    expect(await snapshot()).toBe(before);
    expect(
      await db.membership.count({
        where: { organizationId: intruder.organization.id, role: "OWNER" },
      }),
    ).toBe(1);
  });

  test("the organisation's export holds none of another organisation's data", async () => {
    const { downloadExport } = await import("#tests/helpers/organizations.ts");
    const exported = await downloadExport(intruder.owner.cookie);
    expect(exported.response.status).toBe(200);
    const text = Object.keys(exported.files).map(exported.text).join("\n");
    expect(text).toContain(intruder.employee.user.email);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain(victimCase.id);
  });
});
