import type { ReviewOutcome } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentState } from "#app/modules/cases/consent.server.ts";
import { db } from "#app/modules/db.server.ts";
import { type Actor, can, caseRole } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * The occupational physician's part of a case, in two kinds of writing kept
 * apart by construction:
 * - functional advice (PhysicianAdvice), for everyone on the case, in work
 *   terms; its capacities reach the employer side only with the employee's consent;
 * - medical notes (MedicalNote), for the physician, and for the employee when
 *   the physician shares one. No function here ever returns them to anyone else.
 * Events about medical notes are audited in a chain of their own, outside the
 * organisation's trail.
 */
export function medicalChain(caseId: string) {
  return `medical:${caseId}`;
}

export type AdviceInput = {
  capacities: string;
  expectedDuration?: string;
  advisedAdjustments: string[];
  advisedSchedule?: string;
  nextConsultation?: string;
};

export async function giveAdvice(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: AdviceInput,
  client: Client,
): Promise<boolean> {
  if (!can(actor, "advice.give", partiesOf(record))) return false;
  await tdb.$transaction(async (tx) => {
    const advice = await tx.physicianAdvice.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        physicianId: actor.userId,
        capacities: input.capacities,
        expectedDuration: input.expectedDuration,
        advisedAdjustments: input.advisedAdjustments,
        advisedSchedule: input.advisedSchedule,
        nextConsultation: input.nextConsultation
          ? new Date(`${input.nextConsultation}T00:00:00Z`)
          : null,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "advice.given",
      targetType: "Case",
      targetId: record.id,
      data: { adviceId: advice.id },
      ...client,
    });
  });
  return true;
}

/**
 * The newest advice as the reader may see it. Without the employee's consent
 * the employer side gets the advice without its capacities (and is told so).
 */
export async function adviceFor(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  const advice = await tdb.physicianAdvice.findFirst({
    where: { caseId: record.id },
    orderBy: { createdAt: "desc" },
  });
  if (!advice) return null;
  const role = caseRole(actor, partiesOf(record));
  const employerSide = role !== "EMPLOYEE" && role !== "PHYSICIAN";
  const withheld = employerSide && !(await consentState(tdb, record.id)).CAPACITIES_TO_EMPLOYER;
  const { capacities, ...rest } = advice;
  return { ...rest, capacities: withheld ? null : capacities, capacitiesWithheld: withheld };
}

export async function writeMedicalNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { body: string; sharedWithEmployee: boolean },
  client: Client,
): Promise<boolean> {
  if (!can(actor, "medicalNotes.write", partiesOf(record))) return false;
  await tdb.$transaction(async (tx) => {
    const note = await tx.medicalNote.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        physicianId: actor.userId,
        body: input.body,
        sharedWithEmployee: input.sharedWithEmployee,
      },
    });
    await recordAudit(tx, {
      chain: medicalChain(record.id),
      organizationId: null,
      actorId: actor.userId,
      action: "medical_note.written",
      targetType: "Case",
      targetId: record.id,
      data: { noteId: note.id, shared: input.sharedWithEmployee },
      ...client,
    });
  });
  return true;
}

/** All medical notes for the assigned physician; the shared ones for the employee; nothing for anyone else. */
export async function medicalNotesFor(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  const parties = partiesOf(record);
  const select = { id: true, body: true, sharedWithEmployee: true, createdAt: true } as const;
  if (can(actor, "medicalNotes.write", parties)) {
    return tdb.medicalNote.findMany({
      where: { caseId: record.id },
      orderBy: { createdAt: "desc" },
      select,
    });
  }
  if (can(actor, "medicalNotes.readShared", parties)) {
    return tdb.medicalNote.findMany({
      where: { caseId: record.id, sharedWithEmployee: true },
      orderBy: { createdAt: "desc" },
      select,
    });
  }
  return null;
}

/** The employee's notes marked as shared, for the assigned physician, while the employee consents. */
export async function sharedPrivateNotes(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  if (!can(actor, "privateNotes.readShared", partiesOf(record))) return null;
  if (!(await consentState(tdb, record.id)).NOTES_TO_PHYSICIAN) return [];
  return tdb.privateNote.findMany({
    where: { caseId: record.id, sharedWithPhysician: true },
    orderBy: { createdAt: "desc" },
    select: { id: true, body: true, createdAt: true },
  });
}

export async function reviewVersion(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { versionNumber: number; outcome: ReviewOutcome; remarks: string },
  client: Client,
): Promise<"reviewed" | "forbidden" | "no-such-version"> {
  if (!can(actor, "plan.review", partiesOf(record))) return "forbidden";
  const version = await tdb.planVersion.findFirst({
    where: { caseId: record.id, number: input.versionNumber },
  });
  if (!version) return "no-such-version";
  await tdb.$transaction(async (tx) => {
    const review = await tx.planReview.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        physicianId: actor.userId,
        ...input,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "plan.reviewed",
      targetType: "Case",
      targetId: record.id,
      data: { reviewId: review.id, number: input.versionNumber, outcome: input.outcome },
      ...client,
    });
  });
  return "reviewed";
}

/** The newest review of each version, for everyone on the case. */
export async function reviewsOf(tdb: TenantDb, caseId: string) {
  const reviews = await tdb.planReview.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: { versionNumber: true, outcome: true, remarks: true, createdAt: true },
  });
  return Object.fromEntries(reviews.map((review) => [review.versionNumber, review]));
}

/**
 * The cases a physician is assigned to, in every organisation they work for:
 * the one list that crosses organisations, limited to the physician's own
 * memberships as physician.
 */
export async function assignedCasesEverywhere(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId, role: "PHYSICIAN" },
    select: { organizationId: true },
  });
  return db.case.findMany({
    where: {
      physicianId: userId,
      organizationId: { in: memberships.map((m) => m.organizationId) },
    },
    orderBy: [{ organizationId: "asc" }, { updatedAt: "desc" }],
    select: {
      id: true,
      kind: true,
      status: true,
      organization: { select: { id: true, name: true } },
      employee: { select: { name: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
      reviews: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { versionNumber: true, outcome: true },
      },
    },
  });
}
