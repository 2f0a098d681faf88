import { Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { contentHash } from "#app/modules/hash.ts";
import type { JobPayload } from "#app/modules/jobs/kinds.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { lockFor, type TenantDb, type TenantTx } from "#app/modules/tenant.server.ts";

/**
 * The audit trail: append-only events (the database refuses UPDATE and DELETE),
 * each chained to the previous event of its chain by a SHA-256 hash, so a
 * removed or altered event breaks every hash after it. Organisation events
 * chain per organisation; events about a person's account (sign-in, password)
 * chain in "account".
 */
export const accountChain = "account";

export type AuditAction =
  | "auth.signed_up"
  | "auth.signed_in"
  | "auth.sign_in_failed"
  | "auth.signed_out"
  | "auth.signed_out_everywhere"
  | "auth.email_verified"
  | "auth.password_changed"
  | "auth.password_reset"
  | "auth.two_factor_enabled"
  | "auth.two_factor_disabled"
  | "auth.two_factor_reset"
  | "auth.recovery_codes_renewed"
  | "auth.recovery_code_used"
  | "auth.second_factor_failed"
  | "organization.created"
  | "organization.two_factor_required"
  | "organization.two_factor_optional"
  | "invitation.created"
  | "invitation.resent"
  | "invitation.revoked"
  | "invitation.accepted"
  | "member.role_changed"
  | "member.removed"
  | "case.opened"
  | "case.updated"
  | "plan.item_proposed"
  | "plan.item_agreed"
  | "plan.item_declined"
  | "plan.item_changed"
  | "plan.item_withdrawn"
  | "plan.item_removal_proposed"
  | "plan.item_removed"
  | "plan.item_removal_declined"
  | "plan.version_agreed"
  | "case.viewed"
  | "advice.given"
  | "plan.reviewed"
  | "medical_note.written"
  | "medical_note.amended"
  | "medical_note.withdrawn"
  | "consent.granted"
  | "consent.withdrawn"
  | "agreement.prepared"
  | "agreement.signed"
  | "agreement.declined"
  | "agreement.voided"
  | "agreement.sealed"
  | "agreement.downloaded"
  | "passport.made"
  | "passport.downloaded"
  | "conversation.started"
  | "conversation.held"
  | "billing.checkout_started"
  | "retention.case_deleted"
  | "retention.period_changed"
  | "privacy.account_erased"
  | "privacy.export_requested"
  | "privacy.export_downloaded"
  | "ownership.transferred"
  | "organization.exported"
  | "organization.deletion_requested"
  | "organization.deletion_cancelled"
  | "organization.deleted";

export type AuditInput = {
  organizationId?: string | null;
  /**
   * A chain of its own, outside the organisation's trail that owners and HR
   * read: for events the employer side must not even see happen (a medical
   * note written, a consent about notes). Defaults to the organisation's chain.
   */
  chain?: string;
  actorId?: string | null;
  action: AuditAction;
  targetType?:
    | "User"
    | "Membership"
    | "Invitation"
    | "Organization"
    | "Case"
    | "PlanItem"
    | "PlanVersion"
    | "Agreement"
    | "ErasureRequest";
  targetId?: string;
  data?: Record<string, string | number | boolean | null>;
  ipAddress?: string | null;
  userAgent?: string | null;
};

/** A transaction (plain or through the tenant door); the append holds its lock until it commits. */
type AuditClient = Tx | TenantTx;
const genesis = "0".repeat(64);

function hashEvent(fields: Record<string, unknown>): string {
  return contentHash(fields);
}

function hashedFields(event: {
  chain: string;
  seq: number;
  organizationId: string | null;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  at: Date;
  prevHash: string;
}) {
  return { ...event, data: event.data ?? null, at: event.at.toISOString() };
}

/**
 * Appends an event inside the transaction of the change it records, so both
 * happen or neither. Appends to one chain are serialised by an advisory lock
 * held until the transaction ends.
 */
export async function recordAudit(client: AuditClient, input: AuditInput): Promise<void> {
  const chain = input.chain ?? input.organizationId ?? accountChain;
  await lockFor(client, `audit:${chain}`);
  const last = await client.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const event = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    organizationId: input.organizationId ?? null,
    actorId: input.actorId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    data: input.data ?? null,
    ipAddress: input.ipAddress ?? null,
    userAgent: input.userAgent ? input.userAgent.slice(0, 300) : null,
    at: new Date(),
    prevHash: last?.hash ?? genesis,
  };
  await client.auditEvent.create({
    data: {
      ...event,
      data: event.data ?? undefined,
      hash: hashEvent(hashedFields(event)),
    },
  });
}

/** Appends an event on its own, for events that change nothing else (a sign-in). */
export async function recordAuditNow(input: AuditInput): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, input));
}

/**
 * Recomputes a chain; returns the first event whose hash or link does not hold.
 * A stub (a redacted event) cannot be recomputed, but its hash still links it
 * to both neighbours: changing or dropping one still breaks the chain.
 */
export async function verifyChain(
  chain: string,
): Promise<{ valid: true } | { valid: false; seq: number }> {
  const events = await db.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
  let prevHash = genesis;
  let expectedSeq = 1;
  for (const event of events) {
    const { id: _id, hash, redactedAt, ...fields } = event;
    if (
      event.seq !== expectedSeq ||
      event.prevHash !== prevHash ||
      (redactedAt === null && hashEvent(hashedFields(fields)) !== hash)
    ) {
      return { valid: false, seq: event.seq };
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  return { valid: true };
}

/**
 * Reduces events to hash-only stubs (the database allows no other change):
 * for an erased person, a case removed by retention, a deleted organisation.
 * When and what happened stays, so the trail still shows that something
 * happened and still verifies; who, about whom, details and client go.
 */
export async function redactAuditEvents(
  client: AuditClient,
  where: { actorOrTarget: string } | { targetIds: string[] } | { organizationId: string },
): Promise<number> {
  const match =
    "actorOrTarget" in where
      ? { OR: [{ actorId: where.actorOrTarget }, { targetId: where.actorOrTarget }] }
      : "targetIds" in where
        ? { targetId: { in: where.targetIds } }
        : { organizationId: where.organizationId };
  const { count } = await client.auditEvent.updateMany({
    where: { ...match, redactedAt: null },
    data: {
      redactedAt: new Date(),
      actorId: null,
      targetType: null,
      targetId: null,
      data: Prisma.DbNull,
      ipAddress: null,
      userAgent: null,
    },
  });
  return count;
}

/**
 * An organisation's trail as owners and HR read it: its own events, and the
 * account events (sign-ins, password changes) of its current members.
 */
export async function listAuditEvents(tdb: TenantDb, limit = 200) {
  const { organizationId } = tdb;
  const members = await tdb.membership.findMany({ select: { userId: true } });
  const memberIds = members.map((member) => member.userId);
  const events = await db.auditEvent.findMany({
    where: {
      OR: [
        { organizationId },
        { chain: accountChain, targetType: "User", targetId: { in: memberIds } },
      ],
    },
    orderBy: { at: "desc" },
    take: limit,
  });
  const peopleIds = [
    ...new Set(
      events.flatMap((event) => [
        event.actorId,
        event.targetType === "User" ? event.targetId : null,
      ]),
    ),
  ].filter((id): id is string => Boolean(id));
  const people = await db.user.findMany({
    where: { id: { in: peopleIds } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  return events.map((event) => ({
    id: event.id,
    at: event.at,
    action: event.action as AuditAction,
    // A failed sign-in has no actor: it names whose account was tried.
    who: names.get(event.actorId ?? "") ?? null,
    subject: event.targetType === "User" ? (names.get(event.targetId ?? "") ?? null) : null,
    data: (event.data ?? {}) as Record<string, string>,
    /** The case an event is about, so the page can say whose case it was. */
    caseId:
      event.targetType === "Case"
        ? event.targetId
        : ((((event.data ?? {}) as Record<string, unknown>).caseId as string | undefined) ?? null),
    ipAddress: event.ipAddress,
  }));
}

/**
 * Records that someone on the employer side opened a case: once per person
 * and case in ten minutes, so that reloading a page or answering items does
 * not bury the trail in repeats.
 */
type CaseView = JobPayload<"audit.case-viewed">;

const viewThrottleMs = 10 * 60 * 1000;
/** When this process last queued a visit, per person and case: a page view then reads nothing more. */
const queuedViews = new Map<string, number>();

/**
 * Notes an employer-side visit to a case: queued for the job worker, at most
 * once per ten minutes per person and case from this process, so that
 * opening a case costs at most one statement (docs/architecture.md, "The
 * plan page"). The worker records it in the trail, once per ten minutes
 * whichever process queued it.
 */
export async function noteCaseView(view: CaseView, now = Date.now()): Promise<void> {
  const key = `${view.actorId}:${view.caseId}`;
  const last = queuedViews.get(key);
  if (last !== undefined && now - last < viewThrottleMs) return;
  // Forget what no longer throttles anything, so the map stays small.
  if (queuedViews.size > 10_000) {
    for (const [entry, at] of queuedViews)
      if (now - at >= viewThrottleMs) queuedViews.delete(entry);
  }
  queuedViews.set(key, now);
  await enqueue(db, "audit.case-viewed", view, { organizationId: view.organizationId });
}

/** The job of noteCaseView: records the visit unless one was recorded in the last ten minutes. */
export async function recordCaseView(input: CaseView): Promise<void> {
  const recent = await db.auditEvent.findFirst({
    where: {
      organizationId: input.organizationId,
      action: "case.viewed",
      actorId: input.actorId,
      targetId: input.caseId,
      at: { gt: new Date(Date.now() - viewThrottleMs) },
    },
    select: { id: true },
  });
  if (recent) return;
  await recordAuditNow({
    organizationId: input.organizationId,
    actorId: input.actorId,
    action: "case.viewed",
    targetType: "Case",
    targetId: input.caseId,
    ipAddress: input.ipAddress,
    userAgent: input.userAgent,
  });
}

/** Who opened a case and when, newest first: for the employee whose case it is. */
export async function caseViewsOf(tdb: TenantDb, caseId: string) {
  const events = await db.auditEvent.findMany({
    where: {
      organizationId: tdb.organizationId,
      action: "case.viewed",
      targetType: "Case",
      targetId: caseId,
    },
    orderBy: { at: "desc" },
    take: 100,
    select: { id: true, at: true, actorId: true },
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(events.map((event) => event.actorId ?? ""))] } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((person) => [person.id, person.name]));
  return events.map((event) => ({
    id: event.id,
    at: event.at,
    name: names.get(event.actorId ?? "") ?? "",
  }));
}

/**
 * Every recorded visit to a case, oldest first, with the visitor's name and
 * their role in the organisation now (null once they left it): for the
 * employee's copy of their data (app/modules/privacy/).
 */
export async function caseViewersOf(tdb: TenantDb, caseId: string) {
  const events = await db.auditEvent.findMany({
    where: {
      organizationId: tdb.organizationId,
      action: "case.viewed",
      targetType: "Case",
      targetId: caseId,
    },
    orderBy: { at: "asc" },
    select: { at: true, actorId: true },
  });
  const ids = [...new Set(events.map((event) => event.actorId ?? ""))];
  const [people, memberships] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    tdb.membership.findMany({
      where: { userId: { in: ids } },
      select: { userId: true, role: true },
    }),
  ]);
  const names = new Map(people.map((person) => [person.id, person.name]));
  const roles = new Map(memberships.map((membership) => [membership.userId, membership.role]));
  return events.map((event) => ({
    at: event.at,
    name: names.get(event.actorId ?? "") ?? "",
    role: roles.get(event.actorId ?? "") ?? null,
  }));
}
