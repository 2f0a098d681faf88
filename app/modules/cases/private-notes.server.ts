import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { type CaseRecord, partiesOf } from "./cases.server.ts";
import { setConsentIn } from "./consent.server.ts";

/**
 * The employee's private space. Only the employee of the case reads or writes
 * these notes (the policy's privateNotes.use); nothing here is ever loaded for
 * the employer side, e-mailed, logged or put in a PDF. Each function checks
 * the policy itself, so no caller can forget.
 */
export async function listPrivateNotes(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  if (!can(actor, "privateNotes.use", partiesOf(record))) return null;
  return tdb.privateNote.findMany({
    where: { caseId: record.id, authorId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, body: true, sharedWithPhysician: true, createdAt: true, updatedAt: true },
  });
}

/**
 * Saves a note. Marking it as shared is the employee's explicit choice to
 * share notes with the physician, so the consent is granted in the same
 * transaction: the note is never shared without it.
 */
export async function addPrivateNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { body: string; sharedWithPhysician: boolean },
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden">>> {
  if (!can(actor, "privateNotes.use", partiesOf(record))) return refused("forbidden");
  await tdb.$transaction(async (tx) => {
    await tx.privateNote.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        authorId: actor.userId,
        body: input.body,
        sharedWithPhysician: input.sharedWithPhysician,
      },
    });
    if (input.sharedWithPhysician) {
      await setConsentIn(tx, actor, record, "NOTES_TO_PHYSICIAN", true, client);
    }
  });
  return done();
}

export async function deletePrivateNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  noteId: string,
): Promise<Result<undefined, Refusal<"forbidden" | "not-found">>> {
  if (!can(actor, "privateNotes.use", partiesOf(record))) return refused("forbidden");
  const { count } = await tdb.privateNote.deleteMany({
    where: { id: noteId, caseId: record.id, authorId: actor.userId },
  });
  return count === 1 ? done() : refused("not-found");
}
