import { Prisma, type Role } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import {
  type Client,
  type Invalid,
  type NewSession,
  normaliseEmail,
  startSession,
  type WeakPassword,
} from "#app/modules/auth/accounts.server.ts";
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
} from "#app/modules/auth/password.server.ts";
import { generateToken, hashToken } from "#app/modules/auth/tokens.ts";
import { standingFor } from "#app/modules/billing/billing.server.ts";
import { invitationByTokenHash } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { type Actor, billingAllows, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { type TenantDb, type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";

/**
 * Invitations to join an organisation with a role. Owners and HR send them
 * (see the policy); the e-mailed link works for people with and without an
 * account, expires after a week, and can be re-sent (a new link) or revoked.
 */
export const invitationLifetimeDays = 7;
const lifetimeMs = invitationLifetimeDays * 24 * 60 * 60 * 1000;

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

export function invitationState(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

async function sendInvitationEmail(
  tx: TenantTx,
  invitation: { email: string; role: Role; organizationId: string },
  inviterName: string,
  token: string,
) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: invitation.organizationId },
  });
  await enqueue(
    tx,
    "email",
    {
      template: "invitation",
      to: invitation.email,
      // The invitee's language is not known yet: the organisation's is the best guess.
      language: organization.language,
      props: {
        organizationName: organization.name,
        inviterName,
        role: invitation.role,
        link: `${env().APP_URL}/invitations/accept?${new URLSearchParams({ token })}`,
        expiresInDays: invitationLifetimeDays,
      },
    },
    { organizationId: organization.id },
  );
}

export async function listOpenInvitations(tdb: TenantDb) {
  const invitations = await tdb.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      lastSentAt: true,
      acceptedAt: true,
      revokedAt: true,
    },
  });
  return invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation) }));
}

export async function findInvitation(tdb: TenantDb, invitationId: string) {
  return tdb.invitation.findUnique({
    where: { id: invitationId },
    select: { id: true, email: true, role: true },
  });
}

/**
 * Records an invitation and queues its e-mail in the caller's transaction.
 * Callers check the policy first (invite(), or opening a case for a new employee).
 */
export async function createInvitation(
  tx: TenantTx,
  actor: Actor & { name: string },
  input: { email: string; role: Role; caseId?: string },
  client: Client,
): Promise<void> {
  const token = generateToken();
  const invitation = await tx.invitation.create({
    data: {
      organizationId: actor.organizationId,
      email: normaliseEmail(input.email),
      role: input.role,
      caseId: input.caseId,
      tokenHash: hashToken(token),
      invitedById: actor.userId,
      expiresAt: new Date(Date.now() + lifetimeMs),
    },
  });
  await sendInvitationEmail(tx, invitation, actor.name, token);
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action: "invitation.created",
    targetType: "Invitation",
    targetId: invitation.id,
    data: { role: input.role },
    ...client,
  });
}

export async function invite(
  tdb: TenantDb,
  actor: Actor & { name: string },
  input: { email: string; role: Role },
  client: Client,
): Promise<
  Result<undefined, Refusal<"forbidden" | "not-paying" | "already-member" | "already-invited">>
> {
  if (!can(actor, "members.invite", { role: input.role })) return refused("forbidden");
  if (!billingAllows("members.invite", await standingFor(tdb))) return refused("not-paying");
  const email = normaliseEmail(input.email);
  const existingUser = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existingUser) {
    const member = await tdb.membership.findFirst({
      where: { userId: existingUser.id },
      select: { id: true },
    });
    if (member) return refused("already-member");
  }
  const open = await tdb.invitation.findFirst({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (open) return refused("already-invited");
  await tdb.$transaction((tx) => createInvitation(tx, actor, { email, role: input.role }, client));
  return done();
}

/** Done, or refused: not found, not this person's to manage, or already accepted or withdrawn ("closed"). */
type Outcome = Result<undefined, Refusal<"not-found" | "forbidden" | "closed">>;

/** A new link (the old one stops working) and a new week. */
export async function resendInvitation(
  tdb: TenantDb,
  actor: Actor & { name: string },
  invitationId: string,
  client: Client,
): Promise<Outcome> {
  const invitation = await tdb.invitation.findUnique({ where: { id: invitationId } });
  if (!invitation) return refused("not-found");
  if (!can(actor, "invitations.manage", { role: invitation.role })) return refused("forbidden");
  if (invitation.acceptedAt || invitation.revokedAt) return refused("closed");
  const token = generateToken();
  await tdb.$transaction(async (tx) => {
    await tx.invitation.update({
      where: { id: invitation.id },
      data: {
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + lifetimeMs),
        lastSentAt: new Date(),
      },
    });
    await sendInvitationEmail(tx, invitation, actor.name, token);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "invitation.resent",
      targetType: "Invitation",
      targetId: invitation.id,
      ...client,
    });
  });
  return done();
}

export async function revokeInvitation(
  tdb: TenantDb,
  actor: Actor,
  invitationId: string,
  client: Client,
): Promise<Outcome> {
  const invitation = await tdb.invitation.findUnique({ where: { id: invitationId } });
  if (!invitation) return refused("not-found");
  if (!can(actor, "invitations.manage", { role: invitation.role })) return refused("forbidden");
  if (invitation.acceptedAt || invitation.revokedAt) return refused("closed");
  await tdb.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "invitation.revoked",
      targetType: "Invitation",
      targetId: invitation.id,
      ...client,
    });
  });
  return done();
}

/**
 * What an invitation link leads to. The one lookup of invitations across
 * organisations: the link's secret is the key, so it finds only its own.
 */
export async function invitationByToken(token: string) {
  const invitation = await invitationByTokenHash(hashToken(token));
  if (!invitation) return null;
  const account = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true },
  });
  return { ...invitation, state: invitationState(invitation), hasAccount: account !== null };
}

async function join(
  tx: TenantTx,
  invitation: { id: string; organizationId: string; role: Role; caseId: string | null },
  userId: string,
  client: Client,
): Promise<boolean> {
  // Only one acceptance wins, even when the link is opened twice at once.
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (count !== 1) return false;
  await tx.membership.upsert({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
    create: { organizationId: invitation.organizationId, userId, role: invitation.role },
    update: {},
  });
  // Invited from a case's form: the person becomes that case's employee.
  if (invitation.caseId) {
    await tx.case.updateMany({
      where: { id: invitation.caseId, organizationId: invitation.organizationId, employeeId: null },
      data: { employeeId: userId },
    });
  }
  await recordAudit(tx, {
    organizationId: invitation.organizationId,
    actorId: userId,
    action: "invitation.accepted",
    targetType: "Invitation",
    targetId: invitation.id,
    data: { role: invitation.role },
    ...client,
  });
  return true;
}

/** A signed-in person accepts an invitation sent to their own address. */
export async function acceptInvitation(
  token: string,
  user: { id: string; email: string },
  client: Client,
): Promise<Result<{ organizationId: string }, Refusal<"invalid" | "wrong-account">>> {
  const invitation = await invitationByToken(token);
  if (invitation?.state !== "pending") return refused("invalid");
  if (invitation.email !== user.email) return refused("wrong-account");
  const joined = await tenantDb(invitation.organizationId).$transaction(async (tx) => {
    if (!(await join(tx, invitation, user.id, client))) return false;
    // The link went to this mailbox, so the address is confirmed.
    await tx.user.updateMany({
      where: { id: user.id, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    return true;
  });
  return joined ? done({ organizationId: invitation.organizationId }) : refused("invalid");
}

/**
 * Someone without an account accepts: the account is created with the
 * invited address. When the link is sent twice at once (a double click, two
 * tabs), one request creates the account; the other finds the address taken
 * or the invitation accepted, and signs the person in too if they typed the
 * same password, so both end on the start page. Otherwise it is told the
 * invitation is used.
 */
export async function acceptInvitationAsNewUser(
  token: string,
  input: { name: string; password: string; language: "nl" | "en" | "fr" },
  client: Client,
): Promise<Result<NewSession, Invalid | WeakPassword>> {
  const invitation = await invitationByToken(token);
  if (invitation?.state !== "pending" || invitation.hasAccount) return refused("invalid");
  const problem = passwordProblem(input.password);
  if (problem) return refused("weak-password", { problem });
  const passwordHash = await hashPassword(input.password);
  const userId = await tenantDb(invitation.organizationId)
    .$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          language: input.language,
          passwordHash,
          emailVerifiedAt: new Date(),
        },
      });
      if (!(await join(tx, invitation, user.id, client))) throw new InvitationTaken();
      await recordAudit(tx, {
        actorId: user.id,
        action: "auth.signed_up",
        targetType: "User",
        targetId: user.id,
        ...client,
      });
      return user.id;
    })
    .catch((error) => {
      if (error instanceof InvitationTaken || isUniqueViolation(error)) return null;
      throw error;
    });
  if (userId) return signInInvited(userId, invitation.organizationId, client);
  // Another request got there first, and has committed: sign in to what it made, with the same password.
  const accepted = await tenantDb(invitation.organizationId).invitation.findUnique({
    where: { id: invitation.id },
    select: { acceptedById: true },
  });
  const account = accepted?.acceptedById
    ? await db.user.findUnique({
        where: { id: accepted.acceptedById },
        select: { id: true, email: true, passwordHash: true },
      })
    : null;
  if (!account || account.email !== invitation.email) return refused("invalid");
  if (!(await verifyPassword(account.passwordHash, input.password))) return refused("invalid");
  return signInInvited(account.id, invitation.organizationId, client);
}

/** Signs the new member in, in the organisation they joined (through the one door for every sign-in). */
function signInInvited(userId: string, organizationId: string, client: Client) {
  return startSession(userId, client, "invitation", organizationId);
}

class InvitationTaken extends Error {}

/** A unique constraint refused the write: here, the invited address got its account meanwhile. */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
