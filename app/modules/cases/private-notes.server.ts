import { type Actor, can } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { type CaseRecord, partiesOf } from "./cases.server.ts";

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

export async function addPrivateNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { body: string; sharedWithPhysician: boolean },
): Promise<boolean> {
  if (!can(actor, "privateNotes.use", partiesOf(record))) return false;
  await tdb.privateNote.create({
    data: {
      organizationId: actor.organizationId,
      caseId: record.id,
      authorId: actor.userId,
      body: input.body,
      sharedWithPhysician: input.sharedWithPhysician,
    },
  });
  return true;
}

export async function deletePrivateNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  noteId: string,
) {
  if (!can(actor, "privateNotes.use", partiesOf(record))) return false;
  const { count } = await tdb.privateNote.deleteMany({
    where: { id: noteId, caseId: record.id, authorId: actor.userId },
  });
  return count === 1;
}
