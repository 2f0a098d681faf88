import type { PhysicianAdvice, ReviewOutcome } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import type { ConsentState } from "#app/modules/cases/consent.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment } from "#app/modules/catalog/catalog.ts";
import { type Actor, type CaseRole, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
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
): Promise<Result<undefined, Refusal<"forbidden" | "unknown-adjustment">>> {
  if (!can(actor, "advice.give", partiesOf(record))) return refused("forbidden");
  const catalogue = await loadCatalogue();
  if (input.advisedAdjustments.some((id) => !findAdjustment(catalogue, id))) {
    return refused("unknown-adjustment");
  }
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
  return done();
}

/** The catalogue ids the newest advice names: what either side may add in one click. */
export async function advisedAdjustmentsOf(tdb: TenantDb, caseId: string): Promise<string[]> {
  const advice = await tdb.physicianAdvice.findFirst({
    where: { caseId },
    orderBy: { createdAt: "desc" },
    select: { advisedAdjustments: true },
  });
  return advice?.advisedAdjustments ?? [];
}

/**
 * The newest advice as the reader may see it. Without the employee's consent
 * the employer side gets the advice without its capacities (and is told so).
 * The pages read the advice and the consents with the rest of the case.
 */
export function adviceAsSeenBy(
  advice: PhysicianAdvice | null,
  consents: ConsentState,
  role: CaseRole,
) {
  if (!advice) return null;
  const employerSide = role !== "EMPLOYEE" && role !== "PHYSICIAN";
  const withheld = employerSide && !consents.CAPACITIES_TO_EMPLOYER;
  const { capacities, ...rest } = advice;
  return { ...rest, capacities: withheld ? null : capacities, capacitiesWithheld: withheld };
}

export async function writeMedicalNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { body: string; sharedWithEmployee: boolean },
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden">>> {
  if (!can(actor, "medicalNotes.write", partiesOf(record))) return refused("forbidden");
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
  return done();
}

/**
 * The physician corrects a note: the new text replaces it for every reader,
 * the earlier text is kept for the physician only, and the change is audited
 * in the case's medical chain. A withdrawn note is not amended.
 */
export async function amendMedicalNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { noteId: string; body: string; sharedWithEmployee: boolean },
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden" | "not-found" | "withdrawn" | "unchanged">>> {
  if (!can(actor, "medicalNotes.write", partiesOf(record))) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    const note = await tx.medicalNote.findFirst({ where: { id: input.noteId, caseId: record.id } });
    if (!note) return refused("not-found");
    if (note.withdrawnAt) return refused("withdrawn");
    const textChanged = note.body !== input.body;
    if (!textChanged && note.sharedWithEmployee === input.sharedWithEmployee) {
      return refused("unchanged");
    }
    const now = new Date();
    if (textChanged) {
      await tx.medicalNoteRevision.create({
        data: {
          organizationId: actor.organizationId,
          noteId: note.id,
          body: note.body,
          replacedAt: now,
        },
      });
    }
    await tx.medicalNote.update({
      where: { id: note.id },
      data: {
        body: input.body,
        sharedWithEmployee: input.sharedWithEmployee,
        ...(textChanged ? { amendedAt: now } : {}),
      },
    });
    await recordAudit(tx, {
      chain: medicalChain(record.id),
      organizationId: null,
      actorId: actor.userId,
      action: "medical_note.amended",
      targetType: "Case",
      targetId: record.id,
      data: { noteId: note.id, textChanged, shared: input.sharedWithEmployee },
      ...client,
    });
    return done();
  });
}

/** The physician withdraws a note: it stays in the physician's list, marked, and leaves the employee's. */
export async function withdrawMedicalNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  noteId: string,
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden" | "not-found">>> {
  if (!can(actor, "medicalNotes.write", partiesOf(record))) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    const { count } = await tx.medicalNote.updateMany({
      where: { id: noteId, caseId: record.id, withdrawnAt: null },
      data: { withdrawnAt: new Date() },
    });
    if (count !== 1) return refused("not-found");
    await recordAudit(tx, {
      chain: medicalChain(record.id),
      organizationId: null,
      actorId: actor.userId,
      action: "medical_note.withdrawn",
      targetType: "Case",
      targetId: record.id,
      data: { noteId },
      ...client,
    });
    return done();
  });
}

/**
 * Every medical note with its earlier texts for the assigned physician; the
 * shared, not withdrawn ones (current text only) for the employee; nothing
 * for anyone else.
 */
export async function medicalNotesFor(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  const parties = partiesOf(record);
  const select = {
    id: true,
    body: true,
    sharedWithEmployee: true,
    createdAt: true,
    amendedAt: true,
    updatedAt: true,
    withdrawnAt: true,
  } as const;
  if (can(actor, "medicalNotes.write", parties)) {
    return tdb.medicalNote.findMany({
      where: { caseId: record.id },
      orderBy: { createdAt: "desc" },
      select: {
        ...select,
        revisions: {
          orderBy: { replacedAt: "desc" },
          select: { id: true, body: true, replacedAt: true },
        },
      },
    });
  }
  if (can(actor, "medicalNotes.readShared", parties)) {
    const notes = await tdb.medicalNote.findMany({
      where: { caseId: record.id, sharedWithEmployee: true, withdrawnAt: null },
      orderBy: { createdAt: "desc" },
      select,
    });
    return notes.map((note) => ({ ...note, revisions: [] }));
  }
  return null;
}

/** The employee's notes marked as shared, for the assigned physician, while the employee consents. */
export async function sharedPrivateNotes(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  consents: ConsentState,
) {
  if (!can(actor, "privateNotes.readShared", partiesOf(record))) return null;
  if (!consents.NOTES_TO_PHYSICIAN) return [];
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
): Promise<Result<undefined, Refusal<"forbidden" | "not-found">>> {
  if (!can(actor, "plan.review", partiesOf(record))) return refused("forbidden");
  const version = await tdb.planVersion.findFirst({
    where: { caseId: record.id, number: input.versionNumber },
  });
  if (!version) return refused("not-found");
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
  return done();
}

/** The newest review of each version, for everyone on the case. */
export const reviewSelect = {
  versionNumber: true,
  outcome: true,
  remarks: true,
  createdAt: true,
} as const;

/** The newest review of each version, by version number, from reviews oldest first. */
export function reviewsByVersion<R extends { versionNumber: number }>(reviews: R[]) {
  return Object.fromEntries(reviews.map((review) => [review.versionNumber, review]));
}
