import { unzipSync } from "fflate";
import { db } from "#app/modules/db.server.ts";
import { tenantDelegates } from "#app/modules/tenant.server.ts";
import { loader as exportLoader } from "#app/routes/organization.export.ts";
import { agreedCaseTeam, signedAgreement } from "./agreements.ts";
import { createOpenInvitation } from "./factories.ts";
import { get, responseOf } from "./route-args.ts";

type Delegate = (typeof tenantDelegates)[number];
type Countable = { count(args: object): Promise<number> };

/** Rows of every tenant table (`tenantDelegates`) that belong to an organisation. */
export async function tenantRowCounts(organizationId: string): Promise<Record<Delegate, number>> {
  const counts = {} as Record<Delegate, number>;
  for (const delegate of tenantDelegates) {
    counts[delegate] = await (db[delegate] as unknown as Countable).count({
      where: { organizationId },
    });
  }
  return counts;
}

/**
 * An organisation with rows in every tenant table: an agreed, signed and
 * sealed plan (made the way people make it), and one row of every other kind
 * written directly, with a canary in each private or medical text.
 */
export async function organizationWithEverything(
  name: string,
  options: { billingRows?: boolean } = { billingRows: true },
) {
  const team = await agreedCaseTeam(name);
  const sealed = await signedAgreement(team);
  const organizationId = team.organization.id;
  const caseId = team.caseId;
  const canary = `CANARY-${name}-${crypto.randomUUID()}`;
  const on = new Date("2026-11-02T00:00:00Z");
  await createOpenInvitation(organizationId, team.hr.user.id);
  await db.privateNote.create({
    data: { organizationId, caseId, authorId: team.employee.user.id, body: `Private ${canary}` },
  });
  await db.planDigest.create({
    data: { organizationId, caseId, recipientId: team.employee.user.id, dueAt: new Date() },
  });
  await db.physicianAdvice.create({
    data: {
      organizationId,
      caseId,
      physicianId: team.physician.user.id,
      capacities: `Advice ${canary}`,
    },
  });
  const note = await db.medicalNote.create({
    data: {
      organizationId,
      caseId,
      physicianId: team.physician.user.id,
      body: `Medical ${canary}`,
    },
  });
  await db.medicalNoteRevision.create({
    data: { organizationId, noteId: note.id, body: `Earlier medical ${canary}` },
  });
  await db.planReview.create({
    data: {
      organizationId,
      caseId,
      versionNumber: 1,
      physicianId: team.physician.user.id,
      outcome: "REVIEWED",
      remarks: "",
    },
  });
  await db.consent.create({
    data: {
      organizationId,
      caseId,
      employeeId: team.employee.user.id,
      scope: "NOTES_TO_PHYSICIAN",
    },
  });
  await db.adjustmentPassport.create({
    data: {
      organizationId,
      caseId,
      employeeId: team.employee.user.id,
      language: "en",
      sealed: new TextEncoder().encode(`%PDF-1.7 Passport ${canary}`),
      sealedHash: crypto.randomUUID().replaceAll("-", "").padEnd(64, "0"),
      verifyCode: `passport-${crypto.randomUUID()}`,
      contents: { items: [] },
    },
  });
  const conversation = await db.conversation.create({
    data: {
      organizationId,
      caseId,
      guideId: "first-conversation",
      guideHash: "g",
      guide: { title: { nl: "x", en: "x", fr: "x" }, steps: [], outcomes: [], hub: [] },
      startedById: team.manager.user.id,
    },
  });
  await db.conversationNote.create({
    data: {
      organizationId,
      conversationId: conversation.id,
      stepId: "opening",
      body: `Conversation ${canary}`,
      updatedById: team.manager.user.id,
    },
  });
  await db.conversationTopic.create({
    data: { organizationId, conversationId: conversation.id, body: `Topic ${canary}` },
  });
  await db.conversationPreparation.create({
    data: {
      organizationId,
      conversationId: conversation.id,
      employeeId: team.employee.user.id,
      body: `Preparation ${canary}`,
    },
  });
  if (options.billingRows) await billingRows(organizationId);
  await db.checkIn.create({
    data: {
      organizationId,
      caseId,
      authorId: team.employee.user.id,
      energy: 3,
      workload: 3,
      planFit: 3,
      comment: `Check-in ${canary}`,
    },
  });
  await db.actualHours.create({
    data: { organizationId, caseId, weekStart: on, hours: 8, recordedById: team.manager.user.id },
  });
  await db.calendarFeed.create({
    data: {
      organizationId,
      userId: team.manager.user.id,
      tokenHash: crypto.randomUUID().replaceAll("-", "").padEnd(64, "1"),
    },
  });
  await db.caseAbsence.create({
    data: { organizationId, caseId, startsOn: on, recordedById: team.hr.user.id },
  });
  await db.caseEvent.create({
    data: {
      organizationId,
      caseId,
      event: "nl-second-track-needed",
      on,
      recordedById: team.hr.user.id,
    },
  });
  await db.deadlineDone.create({
    data: {
      organizationId,
      caseId,
      ruleId: "probleemanalyse",
      doneOn: on,
      markedById: team.hr.user.id,
    },
  });
  await db.caseStatusChange.create({ data: { organizationId, caseId, toStatus: "ABSENT" } });
  return { ...team, sealed, canary };
}

/** Downloads the organisation's export as `cookie`; the ZIP's files, read. */
export async function downloadExport(cookie: string) {
  const response = await responseOf(exportLoader, get("/organization/export", { Cookie: cookie }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const files =
    response.status === 200 && response.headers.get("content-type") === "application/zip"
      ? unzipSync(bytes)
      : {};
  const text = (name: string) => new TextDecoder().decode(files[name] ?? new Uint8Array());
  return { response, bytes, files, text, json: (name: string) => JSON.parse(text(name) || "null") };
}

/** A cancelled subscription and a paid invoice, as Stripe's webhooks would have left them. */
async function billingRows(organizationId: string) {
  const on = new Date("2026-11-02T00:00:00Z");
  await db.subscription.create({
    data: {
      id: `sub_${crypto.randomUUID().replaceAll("-", "")}`,
      organizationId,
      status: "canceled",
      itemId: "si_x",
      interval: "month",
      currency: "eur",
      unitAmount: 900,
      quantity: 1,
      currentPeriodStart: on,
      currentPeriodEnd: on,
      cancelAtPeriodEnd: false,
    },
  });
  await db.invoice.create({
    data: {
      id: `in_${crypto.randomUUID().replaceAll("-", "")}`,
      organizationId,
      status: "paid",
      currency: "eur",
      amountDue: 900,
      amountPaid: 900,
      periodStart: on,
      periodEnd: on,
      issuedAt: on,
    },
  });
}
