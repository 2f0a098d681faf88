import type { Language, Role } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { setActiveOrganization } from "#app/modules/auth/session.server.ts";
import { hasTwoFactor } from "#app/modules/auth/two-factor.server.ts";
import { membershipsOf } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { type Actor, can, rolesForPart } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lockFor, type TenantDb, type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";
import type { rolesAfterHandover } from "./forms.ts";

/**
 * Organisations and their members. Queries on members go through the tenant
 * door (a TenantDb); the only cross-organisation read is a person's own list
 * of memberships, for the organisation switcher.
 */
export async function organizationsOf(userId: string) {
  const memberships = await membershipsOf(userId);
  return memberships.map(({ role, organization }) => ({ ...organization, role }));
}

/** Works in another of one's organisations from now on; not found when not a member of it. */
export async function switchOrganization(
  sessionId: string,
  userId: string,
  organizationId: string,
): Promise<Result<{ name: string }, Refusal<"not-found">>> {
  const member = await tenantDb(organizationId).membership.findFirst({
    where: { userId },
    select: { id: true },
  });
  if (!member) return refused("not-found");
  await setActiveOrganization(sessionId, organizationId);
  return done(
    await db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true },
    }),
  );
}

export async function listMembers(tdb: TenantDb) {
  const members = await tdb.membership.findMany({
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: {
        select: { id: true, name: true, email: true, twoFactor: { select: { enabledAt: true } } },
      },
    },
  });
  // Owners and HR see who has two-factor sign-in on: who would be asked to set it up.
  return members.map(({ user: { twoFactor, ...user }, ...member }) => ({
    ...member,
    user: { ...user, twoFactor: Boolean(twoFactor?.enabledAt) },
  }));
}

export async function findMember(tdb: TenantDb, membershipId: string) {
  return tdb.membership.findUnique({
    where: { id: membershipId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
}

export async function countOwners(tdb: TenantDb): Promise<number> {
  return tdb.membership.count({ where: { role: "OWNER" } });
}

/** Refused for lack of the right, or (for an owner) because it would leave the organisation without one. */
type MemberChange = Result<undefined, Refusal<"not-found" | "forbidden" | "last-owner">>;
const refusedFor = (actor: Actor) => refused(actor.role === "OWNER" ? "last-owner" : "forbidden");

/**
 * Changes a member's role. The owner count is read under a per-organisation
 * lock, so two owners demoting each other at once cannot leave none.
 */
export async function changeRole(
  tdb: TenantDb,
  actor: Actor,
  membershipId: string,
  role: Role,
  client: Client,
): Promise<MemberChange> {
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `owners:${actor.organizationId}`);
    const member = await tx.membership.findUnique({ where: { id: membershipId } });
    if (!member) return refused("not-found");
    const ownerCount = await tx.membership.count({ where: { role: "OWNER" } });
    if (!can(actor, "members.changeRole", { from: member.role, to: role, ownerCount })) {
      return refusedFor(actor);
    }
    if (member.role === role) return done();
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.role_changed",
      targetType: "Membership",
      targetId: membershipId,
      data: { userId: member.userId, from: member.role, to: role },
      ...client,
    });
    return done();
  });
}

/** What removing a member means for the cases they take part in (the member page says it first). */
export async function casesOfMember(tdb: TenantDb, userId: string) {
  const [managed, advised, own] = await Promise.all([
    tdb.case.count({ where: { managerId: userId } }),
    tdb.case.count({ where: { physicianId: userId } }),
    tdb.case.count({ where: { employeeId: userId } }),
  ]);
  return { managed, advised, own };
}

/** Who may take over a removed manager's cases: owners, HR and managers, other than the member. */
export async function successorCandidates(tdb: TenantDb, userId: string) {
  const members = await tdb.membership.findMany({
    where: { role: { in: [...rolesForPart.MANAGER] }, userId: { not: userId } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return members.map(({ user }) => user);
}

type Removal = Result<
  undefined,
  | Refusal<"not-found" | "forbidden" | "last-owner" | "successor-not-a-manager">
  | (Refusal<"manages-cases" | "successor-is-employee"> & { count: number })
>;

/**
 * Removes a member, keeping every case they took part in (docs/roles.md):
 * - the cases they manage go to the successor the owner names (an owner, HR
 *   or a manager), in the same transaction; without one the removal is
 *   refused, saying how many cases wait for a new manager;
 * - the cases they advise as physician lose their physician (the medical
 *   notes stay with the case, readable as before: the employee's shared ones);
 * - their own case as its employee stays as it is: they lose access with
 *   their membership, and get it back if they are invited again.
 */
export async function removeMember(
  tdb: TenantDb,
  actor: Actor,
  membershipId: string,
  input: { successorId?: string },
  client: Client,
): Promise<Removal> {
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `owners:${actor.organizationId}`);
    const member = await tx.membership.findUnique({ where: { id: membershipId } });
    if (!member) return refused("not-found");
    const ownerCount = await tx.membership.count({ where: { role: "OWNER" } });
    if (!can(actor, "members.remove", { role: member.role, ownerCount })) return refusedFor(actor);
    const managed = await tx.case.findMany({
      where: { managerId: member.userId },
      select: { id: true, employeeId: true },
    });
    if (managed.length > 0) {
      if (!input.successorId) return refused("manages-cases", { count: managed.length });
      const successor = await tx.membership.findFirst({
        where: {
          userId: input.successorId,
          role: { in: [...rolesForPart.MANAGER] },
          NOT: { userId: member.userId },
        },
      });
      if (!successor) return refused("successor-not-a-manager");
      // A case's manager is never its own employee (the case forms refuse it too).
      const ownCases = managed.filter((record) => record.employeeId === successor.userId).length;
      if (ownCases > 0) return refused("successor-is-employee", { count: ownCases });
      await tx.case.updateMany({
        where: { managerId: member.userId },
        data: { managerId: successor.userId },
      });
      for (const record of managed) {
        await recordAudit(tx, {
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: "case.updated",
          targetType: "Case",
          targetId: record.id,
          data: { managerHandedOver: true, fromUserId: member.userId, toUserId: successor.userId },
          ...client,
        });
      }
    }
    const advised = await tx.case.findMany({
      where: { physicianId: member.userId },
      select: { id: true },
    });
    if (advised.length > 0) {
      await tx.case.updateMany({
        where: { physicianId: member.userId },
        data: { physicianId: null },
      });
      for (const record of advised) {
        await recordAudit(tx, {
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: "case.updated",
          targetType: "Case",
          targetId: record.id,
          data: { physicianRemoved: true, userId: member.userId },
          ...client,
        });
      }
    }
    // Digests not yet sent would tell them of changes in cases they can no longer open.
    await tx.planDigest.deleteMany({ where: { recipientId: member.userId, sentAt: null } });
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.removed",
      targetType: "Membership",
      targetId: membershipId,
      data: {
        userId: member.userId,
        role: member.role,
        casesHandedOver: managed.length,
        casesWithoutPhysician: advised.length,
      },
      ...client,
    });
    return done();
  });
}

type Transfer = Result<
  { newOwnerName: string; ownRole: (typeof rolesAfterHandover)[number] },
  Refusal<"forbidden" | "not-a-member" | "yourself" | "already-owner" | "physician">
>;

/**
 * Hands ownership to another member in one step: they become owner and the
 * owner who hands over takes the role they chose, in one transaction under
 * the owner-count lock, so the organisation is never without an owner. The
 * new owner is told by e-mail.
 */
export async function transferOwnership(
  tdb: TenantDb,
  actor: Actor & { name: string },
  input: { newOwner: string; ownRole: (typeof rolesAfterHandover)[number] },
  client: Client,
): Promise<Transfer> {
  if (!can(actor, "ownership.transfer")) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `owners:${actor.organizationId}`);
    // The role as it is now, not as the session read it: a demoted owner hands nothing over.
    const own = await tx.membership.findFirst({ where: { userId: actor.userId } });
    if (own?.role !== "OWNER") return refused("forbidden");
    const target = await tx.membership.findUnique({
      where: { id: input.newOwner },
      select: { id: true, role: true, userId: true, user: true },
    });
    if (!target) return refused("not-a-member");
    if (target.userId === actor.userId) return refused("yourself");
    if (target.role === "OWNER") return refused("already-owner");
    if (target.role === "PHYSICIAN") return refused("physician");
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { id: own.id }, data: { role: input.ownRole } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "ownership.transferred",
      targetType: "Membership",
      targetId: target.id,
      data: { toUserId: target.userId, theirRoleBefore: target.role, ownRoleAfter: input.ownRole },
      ...client,
    });
    await tellMember(tx, actor, target.user, "ownership-received", "/organization");
    return done({ newOwnerName: target.user.name, ownRole: input.ownRole });
  });
}

/** E-mails one member what an owner did that concerns them (the organisation e-mail), in their language. */
async function tellMember(
  tx: TenantTx,
  actor: Actor & { name: string },
  person: { name: string; email: string; language: Language },
  event: "ownership-received" | "two-factor-reset",
  path: string,
) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { name: true },
  });
  await enqueue(
    tx,
    "email",
    {
      template: "organization",
      to: person.email,
      language: person.language,
      props: {
        name: person.name,
        organizationName: organization.name,
        event,
        byName: actor.name,
        link: `${env().APP_URL}${path}`,
      },
    },
    { organizationId: actor.organizationId },
  );
}

export type TwoFactorReset = Result<
  { name: string },
  Refusal<"forbidden"> | Refusal<"not-a-member"> | Refusal<"not-on">
>;

/**
 * An owner turns two-factor sign-in off for a member who lost both their
 * phone and their recovery codes: Werkpad's only way back in for them (ADR
 * 0030). The person is signed out everywhere and e-mailed; they sign in with
 * their password and set it up again where it is required. Their account is
 * the same in every organisation, so it is off everywhere; this
 * organisation's trail records who did it.
 */
export async function resetMemberTwoFactor(
  tdb: TenantDb,
  actor: Actor & { name: string },
  membershipId: string,
  client: Client,
): Promise<TwoFactorReset> {
  return tdb.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { id: membershipId },
      select: { userId: true, user: { select: { name: true, email: true, language: true } } },
    });
    if (!member) return refused("not-a-member");
    if (!can(actor, "members.resetTwoFactor", { isYou: member.userId === actor.userId }))
      return refused("forbidden");
    const userId = member.userId;
    // Deleted only when it is on: a second click (or a second owner) finds it off.
    const { count } = await tx.twoFactor.deleteMany({
      where: { userId, enabledAt: { not: null } },
    });
    if (count === 0) return refused("not-on");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.pendingSignIn.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "auth.two_factor_reset",
      targetType: "User",
      targetId: userId,
      ...client,
    });
    await tellMember(tx, actor, member.user, "two-factor-reset", "/signin");
    return done({ name: member.user.name });
  });
}

export async function findOrganization(organizationId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: organizationId } });
}

/** Whether the organisation requires two-factor sign-in of owners, HR and physicians. */
export async function twoFactorRequirementOf(organizationId: string): Promise<boolean> {
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { requireTwoFactor: true },
  });
  return organization.requireTwoFactor;
}

/**
 * Requires two-factor sign-in of owners, HR and physicians, or stops
 * requiring it (security.manage: owners). Only an owner who has it on may
 * require it, so nobody demands of others what they have not set up
 * themselves; the route asks them for a current code first. Those it binds
 * are sent to set it up at their next step (requireMember).
 */
export async function setTwoFactorRequirement(
  actor: Actor,
  required: boolean,
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden" | "set-up-first">>> {
  if (!can(actor, "security.manage")) return refused("forbidden");
  if (required && !(await hasTwoFactor(actor.userId))) return refused("set-up-first");
  return db.$transaction(async (tx) => {
    const { count } = await tx.organization.updateMany({
      where: { id: actor.organizationId, requireTwoFactor: !required },
      data: { requireTwoFactor: required },
    });
    if (count === 0) return done();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: required ? "organization.two_factor_required" : "organization.two_factor_optional",
      targetType: "Organization",
      targetId: actor.organizationId,
      ...client,
    });
    return done();
  });
}
