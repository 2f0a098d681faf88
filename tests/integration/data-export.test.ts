process.env.RESEND_API_KEY = "re_test";

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { verifyChain } from "#app/modules/audit/audit.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { ensureRecurringJobs, runDueJobs } from "#app/modules/jobs/worker.server.ts";
import { loader as downloadLoader } from "#app/routes/account.export.$exportId.ts";
import { action as accountAction, loader as accountLoader } from "#app/routes/account.tsx";
import { action as checkInsAction } from "#app/routes/cases.$caseId.checkins.tsx";
import { action as autosaveAction } from "#app/routes/cases.$caseId.conversations.$conversationId.autosave.ts";
import { action as conversationAction } from "#app/routes/cases.$caseId.conversations.$conversationId.tsx";
import { action as notesAction } from "#app/routes/cases.$caseId.notes.tsx";
import { action as passportAction } from "#app/routes/cases.$caseId.passport.tsx";
import { action as physicianAction } from "#app/routes/cases.$caseId.physician.tsx";
import { action as planAction, loader as planLoader } from "#app/routes/cases.$caseId.tsx";
import {
  agreeAllAs,
  agreedCaseTeam,
  pdftotext,
  signedAgreement,
} from "#tests/helpers/agreements.ts";
import { proposeAs } from "#tests/helpers/cases.ts";
import { inbox, pathOfLink, runJobsUntilIdle } from "#tests/helpers/email.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post, responseOf, toastOf } from "#tests/helpers/route-args.ts";

/**
 * The employee's copy of their data (GDPR articles 15 and 20): asked for on
 * the account page, put together by a job, e-mailed, downloaded by its owner
 * only, gone after 7 days. The ZIP is opened and every file read (the PDFs
 * through poppler's pdftotext) for the other employee's data and for the
 * medical note the physician did not share.
 */
const team = await agreedCaseTeam("Export BV");
const { caseId } = team;
const mark = (what: string) => `${what}-${crypto.randomUUID()}`;
const texts = {
  privateNote: mark("OWN-PRIVATE-NOTE"),
  sharedMedical: mark("MEDICAL-SHARED"),
  unsharedMedical: mark("MEDICAL-NOT-SHARED"),
  capacities: mark("ADVICE-CAPACITIES"),
  checkIn: mark("CHECK-IN-COMMENT"),
  preparation: mark("PREPARATION"),
  topic: mark("TOPIC"),
  passport: mark("PASSPORT-HELPS"),
  review: mark("REVIEW-REMARKS"),
};

const as = (cookie: string) => ({ Cookie: cookie });
async function act(
  action: (args: never) => unknown,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  params: Record<string, string> = { caseId },
) {
  const answer = await callRoute(action, post(path, fields, as(cookie)), params);
  if (answer.status !== 302) throw new Error(`${path} ${fields.intent}: ${answer.status}`);
  return answer;
}

// Version 1 signed and sealed, then a version 2: "all plan versions".
const agreement = await signedAgreement(team);
await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(60) });
await agreeAllAs(team.employee, caseId, "EMPLOYEE");
// The employee's own words: a private note, a check-in, a passport.
await act(notesAction, `/cases/${caseId}/notes`, team.employee.cookie, {
  intent: "add",
  body: texts.privateNote,
});
await act(notesAction, `/cases/${caseId}/notes`, team.employee.cookie, {
  intent: "consent",
  scope: "CAPACITIES_TO_EMPLOYER",
  granted: "yes",
});
await act(checkInsAction, `/cases/${caseId}/checkins`, team.employee.cookie, {
  intent: "check-in",
  energy: "2",
  workload: "4",
  planFit: "3",
  comment: texts.checkIn,
  sharing: "PRIVATE",
});
await act(passportAction, `/cases/${caseId}/passport`, team.employee.cookie, {
  intent: "make",
  helps: texts.passport,
  language: "en",
});
// The physician: advice, a review, a medical note shared with the employee and one not.
await act(physicianAction, `/cases/${caseId}/physician`, team.physician.cookie, {
  intent: "advice",
  capacities: texts.capacities,
  advisedAdjustments: "A04",
});
await act(physicianAction, `/cases/${caseId}/physician`, team.physician.cookie, {
  intent: "review",
  versionNumber: "2",
  outcome: "REVIEWED",
  remarks: texts.review,
});
for (const [body, share] of [
  [texts.sharedMedical, true],
  [texts.unsharedMedical, false],
] as const)
  await act(physicianAction, `/cases/${caseId}/physician`, team.physician.cookie, {
    intent: "medical-note",
    body,
    ...(share ? { shareWithEmployee: "on" } : {}),
  });
// A conversation the employee prepares for.
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
const conversationParams = { caseId, conversationId: conversation.id };
await callRoute(
  autosaveAction,
  post(
    `/cases/${caseId}/conversations/${conversation.id}/autosave`,
    { intent: "preparation", body: texts.preparation },
    as(team.employee.cookie),
  ),
  conversationParams,
);
await act(
  conversationAction,
  `/cases/${caseId}/conversations/${conversation.id}`,
  team.employee.cookie,
  { intent: "add-topic", body: texts.topic },
  conversationParams,
);

// Another employee's case in the same organisation, with the same manager and physician.
const other = team.otherEmployee;
const otherCase = await db.case.create({
  data: {
    organizationId: team.organization.id,
    kind: "OWN_HEALTH",
    country: "NL",
    employeeId: other.user.id,
    managerId: team.manager.user.id,
    physicianId: team.physician.user.id,
    openedById: team.hr.user.id,
  },
});
const otherTexts = {
  plan: mark("OTHER-PLAN"),
  privateNote: mark("OTHER-PRIVATE"),
  medical: mark("OTHER-MEDICAL"),
  advice: mark("OTHER-ADVICE"),
};
const otherParams = { caseId: otherCase.id };
await act(
  planAction,
  `/cases/${otherCase.id}`,
  team.manager.cookie,
  { intent: "propose", kind: "AGREEMENT", topic: "contact", text: otherTexts.plan },
  otherParams,
);
await act(
  notesAction,
  `/cases/${otherCase.id}/notes`,
  other.cookie,
  { intent: "add", body: otherTexts.privateNote, share: "on" },
  otherParams,
);
await act(
  physicianAction,
  `/cases/${otherCase.id}/physician`,
  team.physician.cookie,
  { intent: "medical-note", body: otherTexts.medical, shareWithEmployee: "on" },
  otherParams,
);
await act(
  physicianAction,
  `/cases/${otherCase.id}/physician`,
  team.physician.cookie,
  { intent: "advice", capacities: otherTexts.advice, advisedAdjustments: "A04" },
  otherParams,
);
// HR opens both cases: the visits are recorded, and the employee may read who came by.
for (const id of [caseId, otherCase.id])
  await callRoute(planLoader, get(`/cases/${id}`, as(team.hr.cookie)), { caseId: id });
await runJobsUntilIdle();

/** Everything the other employee is, and wrote: none of it may be in our employee's copy. */
const otherPeoplesData = [
  other.user.name,
  other.user.email,
  otherCase.id,
  ...Object.values(otherTexts),
  texts.unsharedMedical,
];

function requestAs(cookie: string, fields: Record<string, string> = {}) {
  return callRoute(
    accountAction,
    post("/account", { intent: "request-export", ...fields }, as(cookie)),
  );
}

function downloadAs(cookie: string, exportId: string) {
  return responseOf(downloadLoader, get(`/account/export/${exportId}`, cookie ? as(cookie) : {}), {
    exportId,
  });
}

const folder = mkdtempSync(join(tmpdir(), "werkpad-export-"));

/** The ZIP as Info-ZIP sees it (`unzip -t`), and each file's text (a PDF's through pdftotext). */
function open(bytes: Uint8Array) {
  const file = join(folder, `${crypto.randomUUID()}.zip`);
  writeFileSync(file, bytes);
  const tested = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
  const entries = unzipSync(bytes);
  const text = Object.fromEntries(
    Object.entries(entries).map(([name, content]) => [
      name,
      name.endsWith(".pdf") ? pdftotext(content) : strFromU8(content),
    ]),
  );
  return { tested, entries, text };
}

async function exportFor(person: { cookie: string; user: { id: string; email: string } }) {
  const asked = await requestAs(person.cookie);
  expect(toastOf(asked)).toMatchObject({ kind: "success", message: "privacy:card.requested" });
  await runJobsUntilIdle();
  const ready = await db.dataExport.findFirstOrThrow({
    where: { userId: person.user.id },
    orderBy: { requestedAt: "desc" },
  });
  expect(ready.status).toBe("READY");
  const response = await downloadAs(person.cookie, ready.id);
  expect(response.status).toBe(200);
  return { ready, response, zip: open(new Uint8Array(await response.arrayBuffer())) };
}

describe("the employee's copy of their data", () => {
  test("is asked for once, prepared by a job, e-mailed, and holds all their own data", async () => {
    const first = await requestAs(team.employee.cookie);
    expect(first.location).toBe("/account");
    expect(toastOf(first)).toMatchObject({
      kind: "success",
      message: "privacy:card.requested",
      focus: "data-export",
    });
    // A second click while it is being prepared is refused, and changes nothing.
    const second = await requestAs(team.employee.cookie);
    expect(toastOf(second)).toMatchObject({
      kind: "error",
      message: "privacy:card.alreadyPreparing",
    });
    expect(await db.dataExport.count({ where: { userId: team.employee.user.id } })).toBe(1);
    expect(await db.job.count({ where: { kind: "privacy.export" } })).toBe(1);
    const page = await callRoute(accountLoader, get("/account", as(team.employee.cookie)));
    expect(page.data).toMatchObject({ latestExport: { status: "PREPARING" } });

    const email = await inbox(team.employee.user.email);
    expect(email.subject).toBe("Your copy of your data is ready");
    const link = pathOfLink(email);
    const made = await db.dataExport.findFirstOrThrow({ where: { userId: team.employee.user.id } });
    expect(link).toBe(`/account/export/${made.id}`);
    expect(made).toMatchObject({ status: "READY", size: made.zip?.byteLength });
    expect(made.expiresAt?.getTime()).toBe((made.readyAt?.getTime() ?? 0) + 7 * 86_400_000);
    expect(email.text).not.toContain(texts.privateNote);
    const ready = await callRoute(accountLoader, get("/account", as(team.employee.cookie)));
    expect(ready.data).toMatchObject({ latestExport: { id: made.id, status: "READY" } });

    const response = await downloadAs(team.employee.cookie, made.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="werkpad-export-${made.readyAt?.toISOString().slice(0, 10)}.zip"`,
    );
    expect(response.headers.get("cache-control")).toContain("no-store");
    const { tested, entries, text } = open(new Uint8Array(await response.arrayBuffer()));
    expect(tested).toContain("No errors detected");
    expect(Object.keys(entries).sort()).toEqual([
      "README.txt",
      expect.stringMatching(/^case-1\/adjustment-passport-1-\d{4}-\d{2}-\d{2}\.pdf$/),
      "case-1/agreement-version-1-signed.pdf",
      "werkpad-export.json",
    ]);
    // The sealed PDF, byte for byte as stored.
    expect(entries["case-1/agreement-version-1-signed.pdf"]).toEqual(
      new Uint8Array(agreement.sealed ?? new Uint8Array()),
    );
    expect(text["README.txt"]).toContain("Your data from Werkpad");
    expect(text["README.txt"]).toContain("werkpad-export.json");
    expect(text["README.txt"]).toContain("case-1/agreement-version-");

    const data = JSON.parse(text["werkpad-export.json"] ?? "{}");
    expect(data.account).toMatchObject({
      name: team.employee.user.name,
      email: team.employee.user.email,
      signsInWithPassword: true,
    });
    expect(data.sessions.length).toBeGreaterThan(0);
    const [organisation] = data.organisations;
    expect(organisation).toMatchObject({ name: "Export BV", yourRole: "EMPLOYEE" });
    expect(organisation.yourCases).toHaveLength(1);
    const own = organisation.yourCases[0];
    expect(own.id).toBe(caseId);
    expect(own.people).toEqual([
      { name: team.employee.user.name, part: "employee" },
      { name: team.manager.user.name, part: "manager" },
      { name: team.physician.user.name, part: "occupational physician" },
    ]);
    expect(own.plan.versions.map((version: { number: number }) => version.number)).toEqual([1, 2]);
    expect(own.plan.items.length).toBeGreaterThanOrEqual(4);
    expect(own.privateNotes).toMatchObject([{ text: texts.privateNote }]);
    expect(own.consents).toMatchObject([{ scope: "CAPACITIES_TO_EMPLOYER", withdrawnAt: null }]);
    expect(own.physician.advice).toMatchObject([{ capacities: texts.capacities }]);
    expect(own.physician.reviews).toMatchObject([{ version: 2, remarks: texts.review }]);
    expect(own.physician.medicalNotesSharedWithYou).toMatchObject([{ text: texts.sharedMedical }]);
    expect(own.checkIns).toMatchObject([{ comment: texts.checkIn, sharedWith: "PRIVATE" }]);
    expect(own.conversations).toMatchObject([
      { yourPreparation: { text: texts.preparation }, yourTopics: [{ text: texts.topic }] },
    ]);
    expect(own.agreements).toMatchObject([
      { version: 1, status: "SEALED", file: "case-1/agreement-version-1-signed.pdf" },
    ]);
    expect(own.adjustmentPassports).toHaveLength(1);
    expect(text[own.adjustmentPassports[0].file]).toContain(texts.passport);
    expect(own.whoOpenedYourCase).toMatchObject([{ name: team.hr.user.name, role: "HR" }]);
    expect(data.activity.map((event: { action: string }) => event.action)).toContain(
      "privacy.export_requested",
    );
  });

  test("holds nothing of another employee, no unshared medical note and no secret, in any file", async () => {
    const { ready, zip } = await exportFor(team.employee);
    const everything = Object.values(zip.text).join("\n");
    expect(everything).toContain(texts.privateNote);
    for (const secret of otherPeoplesData) expect(everything).not.toContain(secret);
    // No password hash, no session or token hash, no calendar or stop-link secret.
    const user = await db.user.findUniqueOrThrow({ where: { id: team.employee.user.id } });
    const sessions = await db.session.findMany({ where: { userId: user.id } });
    for (const secret of [user.passwordHash ?? "$argon2", ...sessions.map((s) => s.id)])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/passwordHash|tokenHash|\$argon2/);
    // The bytes stay in the database only as long as the row.
    expect(ready.zip?.byteLength).toBeGreaterThan(0);
  });

  test("is the owner's only: anyone else gets 404, a signed-out visitor is asked to sign in", async () => {
    const made = await db.dataExport.findFirstOrThrow({
      where: { userId: team.employee.user.id, status: "READY" },
    });
    const stranger = await createTeam("Elsewhere BV");
    for (const cookie of [
      other.cookie,
      team.hr.cookie,
      team.owner.cookie,
      team.manager.cookie,
      team.physician.cookie,
      stranger.owner.cookie,
    ])
      expect((await downloadAs(cookie, made.id)).status).toBe(404);
    const signedOut = await downloadAs("", made.id);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(
      `/signin?redirectTo=${encodeURIComponent(`/account/export/${made.id}`)}`,
    );
    expect((await downloadAs(team.employee.cookie, "does-not-exist")).status).toBe(404);
  });

  test("asking and every download are audited in the account chain, which still verifies", async () => {
    const userId = team.employee.user.id;
    const events = await db.auditEvent.findMany({
      where: { targetType: "User", targetId: userId, action: { startsWith: "privacy." } },
    });
    expect(events.every((event) => event.chain === "account" && event.actorId === userId)).toBe(
      true,
    );
    expect(events.filter((event) => event.action === "privacy.export_requested")).toHaveLength(2);
    expect(
      events.filter((event) => event.action === "privacy.export_downloaded").length,
    ).toBeGreaterThanOrEqual(2);
    // Refused downloads are not downloads.
    expect(
      await db.auditEvent.count({
        where: { action: "privacy.export_downloaded", actorId: { not: userId } },
      }),
    ).toBe(0);
    expect(await verifyChain("account")).toEqual({ valid: true });
  });

  test("expires after 7 days: not downloadable, then deleted by housekeeping", async () => {
    const made = await db.dataExport.findFirstOrThrow({
      where: { userId: team.employee.user.id, status: "READY" },
    });
    // A newer copy replaced the first one when it was ready.
    expect(await db.dataExport.count({ where: { userId: team.employee.user.id } })).toBe(1);
    const readyAt = made.readyAt ?? new Date();
    const later = (days: number) => new Date(readyAt.getTime() + days * 86_400_000);
    await ensureRecurringJobs(later(6));
    await runDueJobs({ now: later(6) });
    expect(await db.dataExport.count({ where: { id: made.id } })).toBe(1);
    // Past its end the link is dead at once, before housekeeping comes by…
    await db.dataExport.update({ where: { id: made.id }, data: { expiresAt: new Date() } });
    expect((await downloadAs(team.employee.cookie, made.id)).status).toBe(404);
    const page = await callRoute(accountLoader, get("/account", as(team.employee.cookie)));
    expect(page.data).toMatchObject({ latestExport: null });
    // …and housekeeping deletes it, bytes and all.
    // Every due job, however many others wait: housekeeping is among them.
    await runDueJobs({ now: later(8), limit: 100 });
    expect(await db.dataExport.count({ where: { id: made.id } })).toBe(0);
  });

  test("a job that gives up marks the copy failed, and the person may ask again", async () => {
    const person = team.otherManager;
    await requestAs(person.cookie);
    const job = await db.job.findFirstOrThrow({
      where: { kind: "privacy.export", status: "QUEUED" },
    });
    // A payload the kind's schema refuses: the job is dead at once.
    await db.job.update({ where: { id: job.id }, data: { payload: { exportId: 7 } } });
    await runDueJobs();
    expect(await db.dataExport.findFirstOrThrow({ where: { jobId: job.id } })).toMatchObject({
      status: "FAILED",
    });
    const page = await callRoute(accountLoader, get("/account", as(person.cookie)));
    expect(page.data).toMatchObject({ latestExport: { status: "FAILED" } });
    expect(toastOf(await requestAs(person.cookie))?.kind).toBe("success");
  });
});

describe("the copy of someone who is not the employee", () => {
  test("the manager's holds their account and what they did, and no one's case", async () => {
    const { zip } = await exportFor(team.manager);
    const data = JSON.parse(zip.text["werkpad-export.json"] ?? "{}");
    expect(data.account.email).toBe(team.manager.user.email);
    expect(data.organisations[0]).toMatchObject({
      yourRole: "MANAGER",
      casesWhereYouHelp: { asManager: 2, asPhysician: 0 },
      yourCases: [],
    });
    expect(data.activity.map((event: { action: string }) => event.action)).toContain(
      "plan.item_proposed",
    );
    expect(zip.text["README.txt"]).toContain("counted, not copied");
    const everything = Object.values(zip.text).join("\n");
    for (const secret of [
      ...otherPeoplesData,
      caseId,
      team.employee.user.name,
      texts.privateNote,
      texts.sharedMedical,
      texts.capacities,
      texts.preparation,
    ])
      expect(everything).not.toContain(secret);
  });

  test("the physician's holds no medical note, no advice and no one's name", async () => {
    const { zip } = await exportFor(team.physician);
    const data = JSON.parse(zip.text["werkpad-export.json"] ?? "{}");
    expect(data.organisations[0].casesWhereYouHelp).toEqual({ asManager: 0, asPhysician: 2 });
    expect(data.activity.map((event: { action: string }) => event.action)).toContain(
      "medical_note.written",
    );
    const everything = Object.values(zip.text).join("\n");
    for (const secret of [
      ...Object.values(texts),
      ...Object.values(otherTexts),
      team.employee.user.name,
      other.user.name,
    ])
      expect(everything).not.toContain(secret);
  });
});
