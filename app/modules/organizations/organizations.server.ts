import type { Role } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { setActiveOrganization } from "#app/modules/auth/session.server.ts";
import { membershipsOf } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lockFor, type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";

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
  return tdb.membership.findMany({
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
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

export async function removeMember(
  tdb: TenantDb,
  actor: Actor,
  membershipId: string,
  client: Client,
): Promise<MemberChange> {
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `owners:${actor.organizationId}`);
    const member = await tx.membership.findUnique({ where: { id: membershipId } });
    if (!member) return refused("not-found");
    const ownerCount = await tx.membership.count({ where: { role: "OWNER" } });
    if (!can(actor, "members.remove", { role: member.role, ownerCount })) return refusedFor(actor);
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.removed",
      targetType: "Membership",
      targetId: membershipId,
      data: { userId: member.userId, role: member.role },
      ...client,
    });
    return done();
  });
}

export async function findOrganization(organizationId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: organizationId } });
}
