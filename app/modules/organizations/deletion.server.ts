import type { Role } from "#app/generated/prisma/client.ts";
import { accountChain, recordAudit, redactAuditEvents } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { cancelSubscriptionForDeletion } from "#app/modules/billing/billing.server.ts";
import { organizationsDueForDeletion } from "#app/modules/cross-organization.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue, JobFailure } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import {
  lockFor,
  type TenantDb,
  type TenantTx,
  tenantDb,
  tenantDelegates,
} from "#app/modules/tenant.server.ts";

/**
 * Deleting an organisation (docs/decisions/0029):
 * 1. an owner downloads the export (export.server.ts);
 * 2. within a day of it, an owner schedules the deletion by typing the
 *    organisation's name. The organisation is read-only from then on
 *    (requireMember refuses every change but cancelling), its open invitations
 *    are withdrawn, and every owner and HR colleague is e-mailed;
 * 3. for 30 days any owner can cancel (everyone is e-mailed again);
 * 4. then the recurring `organizations.delete` job ends the Stripe
 *    subscription and deletes every tenant row of the organisation, and the
 *    organisation itself. The audit trail stays (the database refuses to
 *    change it); the deletion is recorded in the account chain, which outlives
 *    the organisation.
 */
export const gracePeriodDays = 30;
/** Deletion can be scheduled this long after an owner downloaded the export. */
export const exportValidForHours = 24;
const hourMs = 60 * 60_000;

export function exportIsFresh(lastExportAt: Date | null, now = new Date()): boolean {
  return (
    lastExportAt !== null &&
    lastExportAt.getTime() <= now.getTime() &&
    now.getTime() - lastExportAt.getTime() <= exportValidForHours * hourMs
  );
}

/** Where the organisation stands: for the owners' page. */
export async function deletionState(tdb: TenantDb, now = new Date()) {
  const organization = await tdb.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: { name: true, lastExportAt: true, deletionRequestedAt: true, deletionDueAt: true },
  });
  return { ...organization, exportFresh: exportIsFresh(organization.lastExportAt, now) };
}

/**
 * What the deletion form sends. Kept as an object so that a second factor
 * (a code typed in) can join the name without changing the callers' shape.
 */
export type DeletionRequest = { confirmName: string };

type Schedule = Result<
  { dueAt: Date },
  Refusal<"forbidden" | "already-scheduled" | "wrong-name" | "export-needed">
>;

/** The name as typed, compared without the spaces around it; otherwise exactly. */
function sameName(typed: string, name: string): boolean {
  return typed.trim().normalize("NFC") === name.trim().normalize("NFC");
}

export async function scheduleDeletion(
  tdb: TenantDb,
  actor: Actor & { name: string },
  request: DeletionRequest,
  client: Client,
  now = new Date(),
): Promise<Schedule> {
  if (!can(actor, "organization.delete")) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `organization:${tdb.organizationId}`);
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: tdb.organizationId },
      select: { name: true, lastExportAt: true, deletionDueAt: true },
    });
    if (organization.deletionDueAt) return refused("already-scheduled");
    if (!sameName(request.confirmName, organization.name)) return refused("wrong-name");
    if (!exportIsFresh(organization.lastExportAt, now)) return refused("export-needed");
    const dueAt = new Date(now.getTime() + gracePeriodDays * 24 * hourMs);
    await tx.organization.update({
      where: { id: tdb.organizationId },
      data: { deletionRequestedAt: now, deletionDueAt: dueAt },
    });
    // Nobody joins an organisation that is about to be deleted.
    await tx.invitation.updateMany({
      where: { acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAudit(tx, {
      organizationId: tdb.organizationId,
      actorId: actor.userId,
      action: "organization.deletion_requested",
      targetType: "Organization",
      targetId: tdb.organizationId,
      data: {
        deletionOn: isoDay(0, dueAt),
        exportedAt: organization.lastExportAt?.toISOString() ?? null,
      },
      ...client,
    });
    await tellOwnersAndHr(tx, organization.name, "deletion-scheduled", actor.name, dueAt);
    return done({ dueAt });
  });
}

export async function cancelDeletion(
  tdb: TenantDb,
  actor: Actor & { name: string },
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden" | "not-scheduled">>> {
  if (!can(actor, "organization.delete")) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `organization:${tdb.organizationId}`);
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: tdb.organizationId },
      select: { name: true, deletionDueAt: true },
    });
    if (!organization.deletionDueAt) return refused("not-scheduled");
    await tx.organization.update({
      where: { id: tdb.organizationId },
      data: { deletionRequestedAt: null, deletionDueAt: null },
    });
    await recordAudit(tx, {
      organizationId: tdb.organizationId,
      actorId: actor.userId,
      action: "organization.deletion_cancelled",
      targetType: "Organization",
      targetId: tdb.organizationId,
      data: { deletionOn: isoDay(0, organization.deletionDueAt) },
      ...client,
    });
    await tellOwnersAndHr(tx, organization.name, "deletion-cancelled", actor.name);
    return done();
  });
}

type Recipient = {
  role: Role;
  user: { email: string; name: string; language: "nl" | "en" | "fr" };
};

async function ownersAndHr(tx: TenantTx): Promise<Recipient[]> {
  return tx.membership.findMany({
    where: { role: { in: ["OWNER", "HR"] } },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { email: true, name: true, language: true } } },
  });
}

/** Each in their own language; owners are sent to the page where they can act, HR to their start page. */
async function tellOwnersAndHr(
  tx: TenantTx,
  organizationName: string,
  event: "deletion-scheduled" | "deletion-cancelled",
  byName: string,
  dueAt?: Date,
) {
  for (const { role, user } of await ownersAndHr(tx)) {
    await enqueue(
      tx,
      "email",
      {
        template: "organization",
        to: user.email,
        language: user.language,
        props: {
          name: user.name,
          organizationName,
          event,
          byName,
          ...(dueAt ? { deletionOn: isoDay(0, dueAt) } : {}),
          link: `${env().APP_URL}${role === "OWNER" ? "/organization" : "/app"}`,
        },
      },
      { organizationId: tx.organizationId },
    );
  }
}

/**
 * The recurring job: deletes every organisation whose grace period has
 * ended by `now`. One that fails (Stripe cannot be reached) does not hold up
 * the others; the job says so and is tried again.
 */
export async function deleteDueOrganizations(now: Date): Promise<number> {
  let deleted = 0;
  let failed = 0;
  for (const organizationId of await organizationsDueForDeletion(now)) {
    try {
      if (await deleteOrganization(organizationId, now)) deleted += 1;
    } catch (error) {
      failed += 1;
      log.error("organisation deletion failed", { organizationId, error });
    }
  }
  if (failed > 0) throw new JobFailure(`${failed} organisation(s) could not be deleted yet`);
  return deleted;
}

type Deletable = { deleteMany(args: object): Promise<{ count: number }> };

/**
 * Deletes one organisation whose grace period has ended: its Stripe
 * subscription first (outside the transaction: Stripe is not part of it, and
 * asking again is harmless), then, in one transaction, every row of every
 * tenant table (`tenantDelegates`, so a table added later is deleted too),
 * the jobs queued for it, and the organisation itself. People's accounts stay:
 * they are not the organisation's, and may belong to other organisations.
 */
export async function deleteOrganization(organizationId: string, now: Date): Promise<boolean> {
  const tdb = tenantDb(organizationId);
  const due = await tdb.organization.findFirst({
    where: { id: organizationId, deletionDueAt: { lte: now } },
    select: { id: true },
  });
  if (!due) return false;
  await cancelSubscriptionForDeletion(tdb);
  return tdb.$transaction(
    async (tx) => {
      await lockFor(tx, `organization:${organizationId}`);
      // Cancelled in the meantime? Then nothing happens.
      const organization = await tx.organization.findFirst({
        where: { id: organizationId, deletionDueAt: { lte: now } },
        select: { name: true, deletionRequestedAt: true },
      });
      if (!organization) return false;
      const recipients = await ownersAndHr(tx);
      const counts: Record<string, number> = {};
      // Rows that point at others first (the list names parents before their children).
      for (const delegate of [...tenantDelegates].reverse()) {
        const { count } = await (tx[delegate] as unknown as Deletable).deleteMany({});
        counts[delegate] = count;
      }
      // Work queued for it (e-mails not sent yet, seat checks) has nobody left to serve.
      await tx.job.deleteMany({ where: { organizationId, status: { not: "RUNNING" } } });
      // The trail cannot be deleted (the database refuses): what it says about the
      // organisation's people and cases is reduced to hash-only stubs, so the
      // chains still verify and nothing personal outlives the organisation.
      await redactAuditEvents(tx, { organizationId });
      await tx.organization.delete({ where: { id: organizationId } });
      // The organisation's own chain has nobody left to read it: the record of the
      // deletion goes to the account chain, which outlives every organisation.
      await recordAudit(tx, {
        chain: accountChain,
        organizationId,
        action: "organization.deleted",
        targetType: "Organization",
        targetId: organizationId,
        data: {
          requestedAt: organization.deletionRequestedAt?.toISOString() ?? null,
          members: counts.membership ?? 0,
          cases: counts.case ?? 0,
          agreements: counts.agreement ?? 0,
        },
      });
      for (const { user } of recipients) {
        await enqueue(tx, "email", {
          template: "organization",
          to: user.email,
          language: user.language,
          props: {
            name: user.name,
            organizationName: organization.name,
            event: "deleted",
            byName: "",
            link: `${env().APP_URL}/app`,
          },
        });
      }
      log.info("organisation deleted", { organizationId, cases: counts.case ?? 0 });
      return true;
    },
    { timeout: 120_000 },
  );
}
