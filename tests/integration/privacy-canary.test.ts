process.env.RESEND_API_KEY = "re_test";

import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import { handleError } from "#app/entry.server.tsx";
import { sealAgreement } from "#app/modules/agreements/agreements.server.ts";
import { hashToken } from "#app/modules/auth/tokens.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { addLogSink, type LogRecord } from "#app/modules/log.server.ts";
import { sendDueDigests } from "#app/modules/plans/notify.server.ts";
import { buildExport } from "#app/modules/privacy/export.server.ts";
import { loader as exportLoader } from "#app/routes/account.export.$exportId.ts";
import { action as accountAction } from "#app/routes/account.tsx";
import { action as checkInsAction } from "#app/routes/cases.$caseId.checkins.tsx";
import { action as autosaveAction } from "#app/routes/cases.$caseId.conversations.$conversationId.autosave.ts";
import { action as notesAction } from "#app/routes/cases.$caseId.notes.tsx";
import { action as passportAction } from "#app/routes/cases.$caseId.passport.tsx";
import { action as physicianAction } from "#app/routes/cases.$caseId.physician.tsx";
import routes from "#app/routes.ts";
import { liveAgreement, pdftotext, prepareAs, signAs } from "#tests/helpers/agreements.ts";
import { answerAs, createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { inbox } from "#tests/helpers/email.ts";
import { callRoute, get, post, responseOf, routeArgs } from "#tests/helpers/route-args.ts";
import { sentEmails } from "#tests/mocks/resend.ts";

/**
 * The privacy proof. A unique canary goes into every private or medical
 * field; then everything the employer side (owner, HR, the manager) can
 * receive is collected: every route's loader answer (all routes of
 * app/routes.ts, so a route added later is checked too), every job payload
 * while it waits, every e-mail in the outbox and every e-mail sent, and every
 * log line written meanwhile, and the text of every PDF a route serves them
 * (poppler's pdftotext reads it: the agreement to sign, the sealed one, and
 * the employee's passport, which must not reach them at all). No canary may
 * appear anywhere. Writes that fail count too: canaries sent in requests that
 * are refused or crash must reach neither the database nor a log line.
 */
const logs: LogRecord[] = [];
const detach = addLogSink((record) => logs.push(record));
afterAll(() => detach());

const team = await createCaseTeam("Canary BV");
const caseId = team.record.id;
const canaries = {
  privateNote: `CANARY-PRIVATE-${crypto.randomUUID()}`,
  sharedNote: `CANARY-SHARED-${crypto.randomUUID()}`,
  medicalNote: `CANARY-MEDICAL-${crypto.randomUUID()}`,
  sharedMedicalNote: `CANARY-MEDICAL-SHARED-${crypto.randomUUID()}`,
  /** A shared medical note's first text, before the physician corrected it. */
  replacedMedicalText: `CANARY-MEDICAL-REPLACED-${crypto.randomUUID()}`,
  correctedMedicalText: `CANARY-MEDICAL-CORRECTED-${crypto.randomUUID()}`,
  /** The employee's own preparation for a conversation with their manager. */
  conversationPreparation: `CANARY-PREPARATION-${crypto.randomUUID()}`,
  /** A check-in the employee keeps to themselves, and one shared with the physician only. */
  privateCheckIn: `CANARY-CHECKIN-PRIVATE-${crypto.randomUUID()}`,
  physicianCheckIn: `CANARY-CHECKIN-PHYSICIAN-${crypto.randomUUID()}`,
};
const withheldCapacities = `CANARY-CAPACITIES-${crypto.randomUUID()}`;

// The employee writes two notes, one shared with the physician.
for (const [body, share] of [
  [canaries.privateNote, false],
  [canaries.sharedNote, true],
] as const) {
  const answer = await callRoute(
    notesAction,
    post(
      `/cases/${caseId}/notes`,
      { intent: "add", body: `Note: ${body}`, ...(share ? { share: "on" } : {}) },
      { Cookie: team.employee.cookie },
    ),
    { caseId },
  );
  if (answer.status !== 302) throw new Error("the employee's note was not saved");
}
// The physician writes medical notes (one shared with the employee) and advice.
for (const [body, share] of [
  [canaries.medicalNote, false],
  [canaries.sharedMedicalNote, true],
] as const) {
  await callRoute(
    physicianAction,
    post(
      `/cases/${caseId}/physician`,
      {
        intent: "medical-note",
        body: `Medical: ${body}`,
        ...(share ? { shareWithEmployee: "on" } : {}),
      },
      { Cookie: team.physician.cookie },
    ),
    { caseId },
  );
}
// A shared note, corrected: the earlier text is the physician's alone.
await callRoute(
  physicianAction,
  post(
    `/cases/${caseId}/physician`,
    {
      intent: "medical-note",
      body: `Medical: ${canaries.replacedMedicalText}`,
      shareWithEmployee: "on",
    },
    { Cookie: team.physician.cookie },
  ),
  { caseId },
);
const corrected = await db.medicalNote.findFirstOrThrow({
  where: { caseId, body: { contains: canaries.replacedMedicalText } },
});
await callRoute(
  physicianAction,
  post(
    `/cases/${caseId}/physician`,
    {
      intent: "amend-medical-note",
      noteId: corrected.id,
      body: `Medical: ${canaries.correctedMedicalText}`,
      shareWithEmployee: "on",
    },
    { Cookie: team.physician.cookie },
  ),
  { caseId },
);
await callRoute(
  physicianAction,
  post(
    `/cases/${caseId}/physician`,
    {
      intent: "advice",
      capacities: `Four hours a day. ${withheldCapacities}`,
      advisedAdjustments: "A04",
    },
    { Cookie: team.physician.cookie },
  ),
  { caseId },
);
// Writes that fail: invalid dates, text over the limit, NUL bytes, bodies that
// are not forms, and a database that refuses the write with an error quoting it.
const failedCanary = (what: string) => `CANARY-FAILED-${what}-${crypto.randomUUID()}`;
const failedCanaries: string[] = [];
const failingWrites: Array<{ action: (args: never) => unknown; path: string; request: Request }> =
  [];
function failing(
  action: (args: never) => unknown,
  path: string,
  cookie: string,
  body: BodyInit,
  contentType = "application/x-www-form-urlencoded",
) {
  failingWrites.push({
    action,
    path,
    request: new Request(new URL(path, "http://localhost"), {
      method: "POST",
      body,
      headers: { Cookie: cookie, "Content-Type": contentType },
    }),
  });
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
for (const [what, fields] of [
  ["advice-date", { intent: "advice", nextConsultation: "2026-02-45" }],
  ["advice-year", { intent: "advice", nextConsultation: "20260-01-01" }],
  ["advice-long", { intent: "advice", advisedSchedule: "x".repeat(900) }],
  ["advice-version", { intent: "review", versionNumber: "2147483648", outcome: "REVIEWED" }],
  ["medical-long", { intent: "medical-note", bodyPadding: "x".repeat(4100) }],
] as const) {
  const canary = failedCanary(what);
  failedCanaries.push(canary);
  const text = "bodyPadding" in fields ? `${canary} ${fields.bodyPadding}` : canary;
  const { bodyPadding: _padding, ...rest } = fields as Record<string, string>;
  failing(
    physicianAction,
    `/cases/${caseId}/physician`,
    team.physician.cookie,
    form({ ...rest, capacities: text, remarks: text, body: text }),
  );
}
for (const [what, body, contentType] of [
  ["note-long", form({ intent: "add", body: `${"x".repeat(4001)}` }), undefined],
  ["note-nul", form({ intent: "add", body: "\u0000" }), undefined],
  ["note-json", JSON.stringify({ body: "" }), "application/json"],
  ["note-text", "body=", "text/plain"],
  [
    "note-multipart",
    '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\n',
    "multipart/form-data; boundary=b",
  ],
] as const) {
  const canary = failedCanary(what);
  failedCanaries.push(canary);
  failing(
    notesAction,
    `/cases/${caseId}/notes`,
    team.employee.cookie,
    typeof body === "string"
      ? body.replace(/body=|"body":""|\r\n\r\n$/, (m) => `${m}${canary}`)
      : body,
    contentType,
  );
}
// The database refuses a note with an error message that quotes the note.
const forcedCanary = failedCanary("database");
failedCanaries.push(forcedCanary);
await db.$executeRawUnsafe(`CREATE FUNCTION refuse_canary() RETURNS trigger AS $$
  BEGIN RAISE EXCEPTION 'refused note: %', NEW.body; END $$ LANGUAGE plpgsql`);
await db.$executeRawUnsafe(
  `CREATE TRIGGER refuse_canary BEFORE INSERT ON "PrivateNote" FOR EACH ROW WHEN (NEW.body LIKE '%CANARY-FAILED-database%') EXECUTE FUNCTION refuse_canary()`,
);
failing(
  notesAction,
  `/cases/${caseId}/notes`,
  team.employee.cookie,
  form({ intent: "add", body: forcedCanary }),
);
const routeContext = () => (routeArgs(get("/")) as unknown as { context: unknown }).context;
const failedAnswers: number[] = [];
for (const { action, path, request } of failingWrites) {
  const answer = await callRoute(action, request, { caseId }).catch((error: unknown) => {
    // What React Router does with an error a route throws: log it, answer 500.
    handleError(error, { request, params: { caseId }, context: routeContext() } as never);
    return { status: 500 };
  });
  failedAnswers.push(answer.status);
  if (answer.status === 302) throw new Error(`a failing write to ${path} was saved`);
}
await db.$executeRawUnsafe(`DROP TRIGGER refuse_canary ON "PrivateNote"`);

// A plan with a version, so every route has something to show.
await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(42) });
for (const item of (await planOf(team.employee.cookie, caseId)).items) {
  await answerAs(team.employee.cookie, caseId, item.id, "agree");
}
// A conversation: the employee prepares, in words of their own (a canary), and adds a topic.
const conversation = await db.conversation.create({
  data: {
    organizationId: team.organization.id,
    caseId,
    guideId: "first-conversation",
    guideHash: "h",
    guide: (await loadGuides())["first-conversation"] as object,
    startedById: team.manager.user.id,
  },
});
await callRoute(
  autosaveAction,
  post(
    `/cases/${caseId}/conversations/${conversation.id}/autosave`,
    { intent: "preparation", body: canaries.conversationPreparation },
    { Cookie: team.employee.cookie },
  ),
  { caseId, conversationId: conversation.id },
);
// Two check-ins: one private, one shared with the physician only.
for (const [comment, sharing] of [
  [canaries.privateCheckIn, "PRIVATE"],
  [canaries.physicianCheckIn, "PHYSICIAN"],
] as const) {
  const answer = await callRoute(
    checkInsAction,
    post(
      `/cases/${caseId}/checkins`,
      { intent: "check-in", energy: "2", workload: "4", planFit: "3", comment, sharing },
      { Cookie: team.employee.cookie },
    ),
    { caseId },
  );
  if (answer.status !== 302) throw new Error("the employee's check-in was not saved");
}
// Version 1 as a signed, sealed agreement; version 2 made ready to sign (a
// document of its own); and the employee's passport, with words of their own.
const passportCanary = `CANARY-PASSPORT-${crypto.randomUUID()}`;
await prepareAs(team.manager.cookie, caseId);
const sealedAgreement = await liveAgreement(caseId);
await signAs(team.employee, caseId, sealedAgreement.id);
await signAs(team.manager, caseId, sealedAgreement.id);
await sealAgreement({ organizationId: team.organization.id, agreementId: sealedAgreement.id });
await callRoute(
  passportAction,
  post(
    `/cases/${caseId}/passport`,
    {
      intent: "make",
      helps: passportCanary,
      language: "en",
    },
    { Cookie: team.employee.cookie },
  ),
  { caseId },
);
const passport = await db.adjustmentPassport.findFirstOrThrow({ where: { caseId } });
await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(43) });
for (const waiting of (await planOf(team.employee.cookie, caseId)).items)
  if (waiting.awaiting === "EMPLOYEE")
    await answerAs(team.employee.cookie, caseId, waiting.id, "agree");
await prepareAs(team.manager.cookie, caseId, 2);
const waitingAgreement = await liveAgreement(caseId, 2);
const [item] = (await planOf(team.manager.cookie, caseId)).items;
const invitation = await db.invitation.create({
  data: {
    organizationId: team.organization.id,
    email: "someone@canary.example",
    role: "EMPLOYEE",
    tokenHash: hashToken(`canary-${caseId}`),
    invitedById: team.hr.user.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});
// The employee's copy of their data (a ZIP), put together as its job does.
await callRoute(
  accountAction,
  post("/account", { intent: "request-export" }, { Cookie: team.employee.cookie }),
);
const dataExport = await db.dataExport.findFirstOrThrow({
  where: { userId: team.employee.user.id },
});
await buildExport(
  { exportId: dataExport.id },
  { id: "canary-export", organizationId: null, now: () => new Date() },
);

/** Every file in a ZIP as text: a PDF's through pdftotext. */
function zipText(bytes: Uint8Array): string {
  return Object.entries(unzipSync(bytes))
    .map(([name, content]) => (name.endsWith(".pdf") ? pdftotext(content) : strFromU8(content)))
    .join("\n");
}

const params: Record<string, string> = {
  caseId,
  itemId: item?.id ?? "",
  number: "1",
  membershipId: team.employee.membership.id,
  invitationId: invitation.id,
  agreementId: sealedAgreement.id,
  passportId: passport.id,
  code: sealedAgreement.verifyCode,
  conversationId: conversation.id,
  guideId: "first-conversation",
  pageId: "nl-rights",
  // The Stripe simulator's pages hold no case data; unknown ids answer 404.
  sessionId: "cs_none",
  invoiceId: "in_none",
  // No address of anyone's: the feed itself is checked in calendar.test.ts.
  file: "none.ics",
  exportId: dataExport.id,
};
/** Every agreement of the case, each PDF route tried with each of them. */
const agreementIds = [sealedAgreement.id, waitingAgreement.id];

type RouteEntry = { path?: string; index?: boolean; file: string };
const pages = (routes as RouteEntry[]).filter((route) => route.path !== "*");

async function everythingFor(cookie: string): Promise<string> {
  const answers: unknown[] = [];
  for (const route of pages) {
    const module = (await import(`#app/${route.file}`)) as { loader?: (args: never) => unknown };
    if (!module.loader) continue;
    const path = route.index ? "" : (route.path ?? "");
    const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? "");
    for (const name of names)
      if (!params[name]) throw new Error(`The canary test needs a value for :${name} (${path})`);
    const targets: Array<Record<string, string>> = names.includes("agreementId")
      ? agreementIds.map((agreementId) => ({ ...params, agreementId }))
      : [params];
    for (const values of targets) {
      const url = `/${path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? "")}`;
      if (route.file === "routes/insights.download.ts") {
        // The insights' CSV: its text, as the reader downloads it.
        const response = await responseOf(module.loader, get(url, { Cookie: cookie }), values);
        answers.push({ url, status: response.status, csv: await response.text() });
        continue;
      }
      if (route.file === "routes/organization.export.ts") {
        // The organisation's export: every JSON file and the text of every PDF in the ZIP.
        const response = await responseOf(module.loader, get(url, { Cookie: cookie }), values);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const files =
          response.headers.get("content-type") === "application/zip" ? unzipSync(bytes) : {};
        const texts = Object.entries(files).map(([name, content]) =>
          name.endsWith(".pdf") ? pdftotext(content) : new TextDecoder().decode(content),
        );
        answers.push({ url, status: response.status, files: Object.keys(files), texts });
        continue;
      }
      if (route.file.endsWith(".pdf.ts") || names.includes("exportId")) {
        const response = await responseOf(module.loader, get(url, { Cookie: cookie }), values);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const type = response.headers.get("content-type");
        const text =
          type === "application/pdf"
            ? pdftotext(bytes)
            : type === "application/zip"
              ? zipText(bytes)
              : "";
        answers.push({ url, status: response.status, file: text });
        continue;
      }
      const answer = await callRoute(module.loader, get(url, { Cookie: cookie }), values);
      answers.push({ url, status: answer.status, location: answer.location, data: answer.data });
    }
  }
  return JSON.stringify(answers);
}

describe("the privacy canary", () => {
  test("the employee and the physician do see what is theirs (so the test can see a leak)", async () => {
    const employeeSees = await everythingFor(team.employee.cookie);
    expect(employeeSees).toContain(canaries.privateNote);
    expect(employeeSees).toContain(canaries.sharedMedicalNote);
    expect(employeeSees).not.toContain(canaries.medicalNote);
    expect(employeeSees).toContain(canaries.correctedMedicalText);
    expect(employeeSees).not.toContain(canaries.replacedMedicalText);
    const physicianSees = await everythingFor(team.physician.cookie);
    expect(physicianSees).toContain(canaries.medicalNote);
    expect(physicianSees).toContain(canaries.sharedNote);
    expect(physicianSees).not.toContain(canaries.privateNote);
    expect(employeeSees).toContain(canaries.conversationPreparation);
    expect(physicianSees).not.toContain(canaries.conversationPreparation);
    expect(physicianSees).toContain(canaries.replacedMedicalText);
    expect(employeeSees).toContain(canaries.privateCheckIn);
    expect(physicianSees).toContain(canaries.physicianCheckIn);
    expect(physicianSees).not.toContain(canaries.privateCheckIn);
    // The employee's own passport carries their words: the PDF's text is read.
    expect(employeeSees).toContain(passportCanary);
    expect(physicianSees).not.toContain(passportCanary);
  });

  test("the employee's copy of their data holds what is theirs, and no medical text kept from them", async () => {
    const response = await responseOf(
      exportLoader,
      get(`/account/export/${dataExport.id}`, { Cookie: team.employee.cookie }),
      { exportId: dataExport.id },
    );
    expect(response.headers.get("content-type")).toBe("application/zip");
    const copy = zipText(new Uint8Array(await response.arrayBuffer()));
    for (const own of [
      canaries.privateNote,
      canaries.sharedNote,
      canaries.sharedMedicalNote,
      canaries.correctedMedicalText,
      canaries.conversationPreparation,
      canaries.privateCheckIn,
      canaries.physicianCheckIn,
      passportCanary,
      withheldCapacities,
    ])
      expect(copy).toContain(own);
    expect(copy).not.toContain(canaries.medicalNote);
    expect(copy).not.toContain(canaries.replacedMedicalText);
    // The agreements' text is there too, read from the sealed PDF.
    expect(copy).toContain("Signing certificate");
  });

  test.each([
    ["the owner", team.owner.cookie],
    ["HR", team.hr.cookie],
    ["the case's manager", team.manager.cookie],
  ])("%s receives no private or medical text on any page", async (_who, cookie) => {
    const seen = await everythingFor(cookie);
    expect(seen).toContain(isoDay(42)); // the plan itself is there
    for (const canary of Object.values(canaries)) expect(seen).not.toContain(canary);
    expect(seen).not.toContain(passportCanary);
    // The agreements' PDFs were read: both the sealed one and the one waiting to be signed.
    expect(seen).toContain("Signing certificate");
    expect(seen).toContain("Agreement on adjustments and return to work");
    // The physician's capacities advice stays withheld until the employee shares it.
    expect(seen).not.toContain(withheldCapacities);
    // The owner's organisation export was read, with the sealed agreement in it.
    if (cookie === team.owner.cookie) {
      expect(seen).toContain("werkpad.organization-export.v1");
      expect(seen).toContain(`agreements/${caseId}/version-1-${sealedAgreement.id}.pdf`);
    }
  });

  test("no e-mail, no job and no log line carries private or medical text", async () => {
    await sendDueDigests(new Date(Date.now() + 61 * 60_000));
    // Job payloads while they wait (they are erased once run), then what they became.
    const queued = await db.job.findMany();
    expect(queued.some((job) => job.kind === "email" && job.payload !== null)).toBe(true);
    await inbox(team.manager.user.email).catch(() => undefined);
    const mail = JSON.stringify([
      queued,
      await db.job.findMany(),
      await db.outboxMessage.findMany(),
      sentEmails,
    ]);
    const logged = JSON.stringify(logs);
    for (const canary of [...Object.values(canaries), withheldCapacities, ...failedCanaries]) {
      expect(mail).not.toContain(canary);
      expect(logged).not.toContain(canary);
    }
    expect(logs.length).toBeGreaterThan(0);
  });

  test("writes that fail store nothing, and their errors are logged without the text", async () => {
    // Refused by validation (200, the form again) or the request guard (400), or crashed (500).
    expect(failedAnswers.every((status) => [200, 400, 500].includes(status))).toBe(true);
    expect(failedAnswers).toContain(400);
    expect(failedAnswers.at(-1)).toBe(500);
    const stored = JSON.stringify([
      await db.privateNote.findMany(),
      await db.medicalNote.findMany(),
      await db.physicianAdvice.findMany(),
      await db.planReview.findMany(),
    ]);
    for (const canary of failedCanaries) expect(stored).not.toContain(canary);
    // The forced database error was logged, by what it was and where, not by what it said.
    const crash = logs.find((record) => record.msg === "unexpected error");
    expect(crash).toMatchObject({
      requestId: "test-request",
      error: { name: "PrismaClientKnownRequestError", model: "PrivateNote", sqlState: "P0001" },
    });
    expect(JSON.stringify(crash)).not.toContain("refused note");
  });

  test("once the employee shares the capacities advice, the employer side reads it", async () => {
    await callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "consent", scope: "CAPACITIES_TO_EMPLOYER", granted: "yes" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(await everythingFor(team.hr.cookie)).toContain(withheldCapacities);
    const consent = await db.consent.findFirstOrThrow({
      where: { caseId, scope: "CAPACITIES_TO_EMPLOYER" },
    });
    expect(consent.withdrawnAt).toBeNull();
    await callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "consent", scope: "CAPACITIES_TO_EMPLOYER", granted: "no" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(await everythingFor(team.hr.cookie)).not.toContain(withheldCapacities);
    const events = await db.auditEvent.findMany({
      where: { chain: `consent:${caseId}` },
      orderBy: { seq: "asc" },
    });
    const choices = events.filter((event) => event.action.startsWith("consent."));
    expect(choices.map((event) => [event.action, (event.data as { scope: string }).scope])).toEqual(
      [
        ["consent.granted", "NOTES_TO_PHYSICIAN"],
        ["consent.granted", "CAPACITIES_TO_EMPLOYER"],
        ["consent.withdrawn", "CAPACITIES_TO_EMPLOYER"],
      ],
    );
    // The passport the employee made is in the same log: what went in, counted, never its text.
    const passportMade = events.find((event) => event.action === "passport.made");
    expect(passportMade?.data).toEqual({ adjustments: 0, capacities: 0 });
  });

  test("the note typed when closing a case reaches its details, never the insights", async () => {
    const { action: editAction, loader: editLoader } = await import(
      "#app/routes/cases.$caseId.edit.tsx"
    );
    const { loader: insights } = await import("#app/routes/insights.tsx");
    const { loader: download } = await import("#app/routes/insights.download.ts");
    const note = `CANARY-CLOSING-${crypto.randomUUID()}`;
    const closed = await callRoute(
      editAction,
      post(
        `/cases/${caseId}/edit`,
        {
          status: "CLOSED",
          closedCategory: "OTHER",
          closedReason: note,
          managerId: team.manager.user.id,
          country: "NL",
          startKind: "ABSENCE",
        },
        { Cookie: team.hr.cookie },
      ),
      { caseId },
    );
    expect(closed.status).toBe(302);
    const details = await callRoute(
      editLoader,
      get(`/cases/${caseId}/edit`, { Cookie: team.hr.cookie }),
      { caseId },
    );
    expect(JSON.stringify(details.data)).toContain(note);
    for (const cookie of [team.owner.cookie, team.hr.cookie]) {
      const page = await callRoute(insights, get("/insights", { Cookie: cookie }));
      expect(JSON.stringify(page.data)).toContain('"closed":');
      expect(JSON.stringify(page.data)).not.toContain(note);
      const csv = await (
        await responseOf(download, get("/insights/download", { Cookie: cookie }))
      ).text();
      expect(csv.split("\r\n").length).toBeGreaterThan(20);
      expect(csv).not.toContain(note);
    }
  });
});
