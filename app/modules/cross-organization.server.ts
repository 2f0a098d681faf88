import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/modules/db.server.ts";

/**
 * The only reads of tenant tables that cross organisations, each on purpose
 * and each limited by who is asking. Everything else reaches tenant data
 * through the tenant door (tenant.server.ts); the door's test exempts this
 * file alone, so a new cross-organisation read has to be added, and reviewed,
 * here.
 */

/**
 * An organisation not scheduled for deletion. During the 30 read-only days
 * nobody can act on a reminder (every change gets 423), so the reminder
 * rounds leave such organisations out.
 */
const notClosing = { deletionDueAt: null } satisfies Prisma.OrganizationWhereInput;

/** A person's own memberships, oldest first: the organisation switcher, and where a new session starts. */
export async function membershipsOf(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      organization: { select: { id: true, name: true, country: true, language: true } },
    },
  });
}

/**
 * A session by its id, with its person and every organisation they belong
 * to (their own memberships, as membershipsOf): what each signed-in request
 * needs, in one statement.
 */
export async function sessionWithMemberships(sessionId: string) {
  return db.session.findUnique({
    where: { id: sessionId },
    select: {
      organizationId: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          language: true,
          emailVerifiedAt: true,
          twoFactor: { select: { enabledAt: true } },
          memberships: {
            orderBy: { createdAt: "asc" },
            select: {
              role: true,
              organization: {
                select: {
                  id: true,
                  name: true,
                  country: true,
                  language: true,
                  deletionDueAt: true,
                  requireTwoFactor: true,
                },
              },
            },
          },
        },
      },
    },
  });
}

/**
 * An invitation found by the SHA-256 of its link's secret: the secret is the
 * key, so the link finds only its own invitation, in whichever organisation.
 */
export async function invitationByTokenHash(tokenHash: string) {
  return db.invitation.findUnique({
    where: { tokenHash },
    include: {
      organization: { select: { id: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
}

/**
 * The cases a physician is assigned to, in every organisation where they
 * still work as a physician: the one case list that spans organisations.
 * Not of an organisation that requires two-factor sign-in while they have
 * not set it up: they may not use that organisation yet (request.server.ts).
 */
export async function assignedCasesEverywhere(userId: string) {
  const memberships = await db.membership.findMany({
    where: {
      userId,
      role: "PHYSICIAN",
      OR: [
        { organization: { requireTwoFactor: false } },
        { user: { twoFactor: { enabledAt: { not: null } } } },
      ],
    },
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

/** Plan digests of every organisation that are due: the sender then works in each one's own organisation. */
export async function dueDigests(now: Date, limit: number) {
  return db.planDigest.findMany({
    where: { sentAt: null, dueAt: { lte: now } },
    orderBy: { dueAt: "asc" },
    take: limit,
    select: { id: true, organizationId: true },
  });
}

/** Agreements of every organisation still waiting for signatures: the reminder job then works in each one's own. */
export async function agreementsAwaitingSignatures() {
  return db.agreement.findMany({
    where: {
      status: "AWAITING_SIGNATURES",
      remindersSent: { lt: 3 },
      case: { organization: notClosing },
    },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { id: true, organizationId: true, createdAt: true, remindersSent: true },
  });
}

/**
 * What /verify says about a file Werkpad issued, found by its SHA-256 or by
 * the code in its QR link: any organisation's, since whoever holds the file
 * may check it. Only what the PDF itself shows comes back.
 */
export async function issuedDocument(by: { sha256: string } | { code: string }) {
  const agreementWhere =
    "sha256" in by
      ? { OR: [{ sealedHash: by.sha256 }, { documentHash: by.sha256 }] }
      : { verifyCode: by.code };
  const agreement = await db.agreement.findFirst({
    where: agreementWhere,
    select: {
      id: true,
      caseId: true,
      organizationId: true,
      versionNumber: true,
      planHash: true,
      status: true,
      sealedHash: true,
      documentHash: true,
      sealedAt: true,
      case: { select: { organization: { select: { name: true } } } },
      signatures: {
        orderBy: { signedAt: "asc" },
        select: { side: true, signedAt: true, typedName: true },
      },
    },
  });
  if (agreement) {
    const newer = await db.agreement.findFirst({
      where: {
        caseId: agreement.caseId,
        status: "SEALED",
        versionNumber: { gt: agreement.versionNumber },
      },
      orderBy: { versionNumber: "desc" },
      select: { versionNumber: true },
    });
    const { case: owner, caseId: _case, organizationId: _organization, ...rest } = agreement;
    return {
      kind: "agreement" as const,
      ...rest,
      organizationName: owner.organization.name,
      supersededBy: newer?.versionNumber ?? null,
    };
  }
  const passport = await db.adjustmentPassport.findFirst({
    where: "sha256" in by ? { sealedHash: by.sha256 } : { verifyCode: by.code },
    select: { sealedHash: true, createdAt: true, employeeId: true },
  });
  if (!passport) return null;
  const owner = await db.user.findUnique({
    where: { id: passport.employeeId },
    select: { name: true },
  });
  return {
    kind: "passport" as const,
    sealedHash: passport.sealedHash,
    createdAt: passport.createdAt,
    ownerName: owner?.name ?? "",
  };
}

/** Organisations with a subscription Stripe still bills: the seat reconcile job's round. Ids only. */
export async function organizationsWithLiveSubscription(): Promise<string[]> {
  const rows = await db.subscription.findMany({
    where: { status: { in: ["active", "trialing", "past_due"] } },
    select: { organizationId: true },
  });
  return rows.map((row) => row.organizationId);
}

/**
 * Organisations whose trial ends before `until` and has not ended, that have
 * no live subscription and whose owners were not told yet: the trial
 * reminder's round. Ids only.
 */
export async function trialsEndingUntold(now: Date, until: Date): Promise<string[]> {
  const rows = await db.organization.findMany({
    where: {
      trialEndsAt: { gt: now, lte: until },
      trialReminderSentAt: null,
      ...notClosing,
      OR: [
        { subscription: { is: null } },
        { subscription: { status: { in: ["canceled", "incomplete", "incomplete_expired"] } } },
      ],
    },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * A calendar address found by the SHA-256 of its secret: like an invitation,
 * the secret is the key, so it finds only its own feed. Active feeds of
 * people who still belong to the organisation only.
 */
export async function calendarFeedByTokenHash(tokenHash: string) {
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash },
    select: { organizationId: true, userId: true, revokedAt: true },
  });
  if (!feed || feed.revokedAt) return null;
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: feed.organizationId, userId: feed.userId } },
    select: { role: true, user: { select: { language: true } } },
  });
  return membership ? { ...feed, role: membership.role, language: membership.user.language } : null;
}

/**
 * Everyone who may get a reminder e-mail, with the organisations they work
 * in: the daily reminder round (app/modules/reminders/). People whose
 * reminders are off are left out.
 */
export async function peopleToRemind() {
  return db.user.findMany({
    where: {
      memberships: { some: { organization: notClosing } },
      NOT: { reminders: { is: { rhythm: "NONE" } } },
    },
    select: {
      id: true,
      name: true,
      email: true,
      language: true,
      reminders: { select: { rhythm: true, unsubscribeToken: true, lastSentOn: true } },
      memberships: {
        where: { organization: notClosing },
        select: { organizationId: true, role: true },
      },
    },
  });
}

/** Every organisation with a closed case, and its retention setting: the retention job then works in each one's own. */
export async function organizationsWithClosedCases() {
  return db.organization.findMany({
    where: { cases: { some: { status: "CLOSED" } } },
    select: { id: true, country: true, caseRetentionMonths: true },
  });
}

/**
 * People who erased their account and whom no case of any organisation names
 * any more (as employee, manager, physician or opener), nor an invitation
 * they sent: the retention job deletes them.
 */
export async function erasedPeopleNamedNowhere(limit: number) {
  return db.user.findMany({
    where: {
      erasedAt: { not: null },
      casesAsEmployee: { none: {} },
      casesManaged: { none: {} },
      casesAsPhysician: { none: {} },
      casesOpened: { none: {} },
      invitationsSent: { none: {} },
    },
    take: limit,
    select: { id: true },
  });
}

/** The cases that name a person, in every organisation: what erasing their account must keep, and why. */
export async function casesNaming(userId: string) {
  return db.case.findMany({
    where: {
      OR: [
        { employeeId: userId },
        { managerId: userId },
        { physicianId: userId },
        { openedById: userId },
      ],
    },
    select: {
      id: true,
      organizationId: true,
      employeeId: true,
      managerId: true,
      physicianId: true,
      status: true,
      closedAt: true,
      organization: { select: { name: true, country: true, caseRetentionMonths: true } },
      agreements: { where: { status: "SEALED" }, select: { id: true } },
    },
  });
}

/**
 * Organisations whose 30-day grace period after a scheduled deletion has
 * ended: the deletion job's round (app/modules/organizations/deletion.server.ts). Ids only.
 */
export async function organizationsDueForDeletion(now: Date): Promise<string[]> {
  const rows = await db.organization.findMany({
    where: { deletionDueAt: { lte: now } },
    orderBy: { deletionDueAt: "asc" },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
