import type { Country, Language, Role } from "#app/generated/prisma/client.ts";
import { sessionWithMemberships } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { secureAttribute } from "#app/modules/http/cookies.ts";
import { mustUseTwoFactor } from "#app/modules/policy/policy.ts";
import { generateToken, hashToken } from "./tokens.ts";

/**
 * Sessions the Lucia way (docs/decisions/0002): the cookie holds a random
 * token; the database holds only its SHA-256. Sessions last 30 days and are
 * extended when used in their second half (sliding expiry).
 */
export const sessionCookieName = "werkpad_session";
const lifetimeMs = 30 * 24 * 60 * 60 * 1000;
const renewWhenLeftMs = 15 * 24 * 60 * 60 * 1000;

export type SignedIn = {
  sessionId: string;
  expiresAt: Date;
  /** True when this request extended the session, so the cookie must be sent again. */
  renewed: boolean;
  user: {
    id: string;
    email: string;
    name: string;
    language: "nl" | "en" | "fr";
    emailVerified: boolean;
    /** Two-factor sign-in is on (asked at sign-in and before sensitive actions). */
    twoFactor: boolean;
  };
  /** The organisation the person works in now, if they still belong to it. */
  membership: {
    organizationId: string;
    organizationName: string;
    role: Role;
    /** Set while the organisation is scheduled for deletion: then it is read-only (requireMember). */
    deletionDueAt: Date | null;
    /** The organisation requires two-factor sign-in of this person's role (policy.ts). */
    twoFactorRequired: boolean;
  } | null;
  /** Every organisation the person belongs to, oldest membership first: for the switcher. */
  organizations: Array<{
    id: string;
    name: string;
    country: Country;
    language: Language;
    role: Role;
  }>;
};

export async function createSession(
  userId: string,
  organizationId: string | null,
  meta: { ipAddress?: string; userAgent?: string } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + lifetimeMs);
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      organizationId,
      expiresAt,
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent?.slice(0, 300),
    },
  });
  return { token, expiresAt };
}

export async function validateSessionToken(
  token: string,
  now = new Date(),
): Promise<SignedIn | null> {
  const sessionId = hashToken(token);
  const session = await sessionWithMemberships(sessionId);
  if (!session) return null;
  if (session.expiresAt <= now) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let expiresAt = session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < renewWhenLeftMs) {
    expiresAt = new Date(now.getTime() + lifetimeMs);
    renewed = true;
    await db.session.update({ where: { id: sessionId }, data: { expiresAt } });
  }
  const { emailVerifiedAt, twoFactor, memberships, ...user } = session.user;
  const organizations = memberships.map(
    ({ role, organization: { requireTwoFactor: _, deletionDueAt: __, ...organization } }) => ({
      ...organization,
      role,
    }),
  );
  // Still a member of the organisation the session works in? (Removed members lose it at once.)
  const current = memberships.find(
    ({ organization }) => organization.id === session.organizationId,
  );
  return {
    sessionId,
    expiresAt,
    renewed,
    user: {
      ...user,
      emailVerified: emailVerifiedAt !== null,
      twoFactor: Boolean(twoFactor?.enabledAt),
    },
    membership: current
      ? {
          organizationId: current.organization.id,
          organizationName: current.organization.name,
          role: current.role,
          deletionDueAt: current.organization.deletionDueAt,
          twoFactorRequired: mustUseTwoFactor(current.role, current.organization.requireTwoFactor),
        }
      : null,
    organizations,
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Signs a person out of every browser, except the given session when it is still wanted. */
export async function invalidateUserSessions(
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
  return count;
}

export async function setActiveOrganization(
  sessionId: string,
  organizationId: string,
): Promise<void> {
  await db.session.update({ where: { id: sessionId }, data: { organizationId } });
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secureAttribute()}`;
}

export function blankSessionCookie(): string {
  return `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureAttribute()}`;
}

/**
 * The cookie of a sign-in halfway (two-factor.server.ts): sent only to the
 * /signin pages, so no other page even sees it, and gone after ten minutes.
 */
export const pendingSignInCookieName = "werkpad_signin";

export function pendingSignInCookie(token: string, expiresAt: Date): string {
  return `${pendingSignInCookieName}=${token}; Path=/signin; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secureAttribute()}`;
}

export function blankPendingSignInCookie(): string {
  return `${pendingSignInCookieName}=; Path=/signin; HttpOnly; SameSite=Lax; Max-Age=0${secureAttribute()}`;
}

export async function countSessions(userId: string): Promise<number> {
  return db.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
