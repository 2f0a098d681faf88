import type { Role } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { setActiveOrganization } from "#app/modules/auth/session.server.ts";
import { db } from "#app/modules/db.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * Organisations and their members. Queries on members go through the tenant
 * door (a TenantDb); the only cross-organisation read is a person's own list
 * of memberships, for the organisation switcher.
 */
export async function organizationsOf(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      organization: { select: { id: true, name: true, country: true, language: true } },
    },
  });
  return memberships.map(({ role, organization }) => ({ ...organization, role }));
}

/** Works in another of one's organisations from now on; null when not a member of it. */
export async function switchOrganization(
  sessionId: string,
  userId: string,
  organizationId: string,
): Promise<{ name: string } | null> {
  const member = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { organization: { select: { name: true } } },
  });
  if (!member) return null;
  await setActiveOrganization(sessionId, organizationId);
  return member.organization;
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

type Outcome = { status: "done" } | { status: "not-found" } | { status: "forbidden" };

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
): Promise<Outcome> {
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`owners:${actor.organizationId}`}))`;
    const member = await tx.membership.findUnique({ where: { id: membershipId } });
    if (!member) return { status: "not-found" };
    const ownerCount = await tx.membership.count({ where: { role: "OWNER" } });
    if (!can(actor, "members.changeRole", { from: member.role, to: role, ownerCount })) {
      return { status: "forbidden" };
    }
    if (member.role === role) return { status: "done" };
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
    return { status: "done" };
  });
}

export async function removeMember(
  tdb: TenantDb,
  actor: Actor,
  membershipId: string,
  client: Client,
): Promise<Outcome> {
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`owners:${actor.organizationId}`}))`;
    const member = await tx.membership.findUnique({ where: { id: membershipId } });
    if (!member) return { status: "not-found" };
    const ownerCount = await tx.membership.count({ where: { role: "OWNER" } });
    if (!can(actor, "members.remove", { role: member.role, ownerCount }))
      return { status: "forbidden" };
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
    return { status: "done" };
  });
}

export async function findOrganization(organizationId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: organizationId } });
}
