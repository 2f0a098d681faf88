import { db } from "#app/modules/db.server.ts";

/**
 * The only reads of tenant tables that cross organisations, each on purpose
 * and each limited by who is asking. Everything else reaches tenant data
 * through the tenant door (tenant.server.ts); the door's test exempts this
 * file alone, so a new cross-organisation read has to be added, and reviewed,
 * here.
 */

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
          memberships: {
            orderBy: { createdAt: "asc" },
            select: {
              role: true,
              organization: { select: { id: true, name: true, country: true, language: true } },
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
 */
export async function assignedCasesEverywhere(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId, role: "PHYSICIAN" },
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
