import type { Role } from "#app/generated/prisma/client.ts";
import { hashPassword } from "#app/modules/auth/password.server.ts";
import { createSession } from "#app/modules/auth/session.server.ts";
import { hashToken } from "#app/modules/auth/tokens.ts";
import { db } from "#app/modules/db.server.ts";

/** Test data made directly in the database, as the seed does. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const testPassword = "a quiet walk along the canal";

/** The sign-up form as a person fills it in, for an address. */
export function signUpForm(email: string) {
  return {
    organizationName: "Tuinen Groen",
    country: "NL",
    language: "en",
    name: "Noor",
    email,
    password: testPassword,
  };
}
let passwordHash: Promise<string> | undefined;

export async function createOrganization(
  overrides: { name?: string; country?: "NL" | "BE" | "UK" } = {},
) {
  return db.organization.create({
    data: {
      name: overrides.name ?? `Organisation ${unique()}`,
      country: overrides.country ?? "NL",
      language: "nl",
    },
  });
}

export async function createUser(
  overrides: { email?: string; name?: string; verified?: boolean } = {},
) {
  passwordHash ??= hashPassword(testPassword);
  return db.user.create({
    data: {
      email: overrides.email ?? `person-${unique()}@example.com`,
      name: overrides.name ?? `Person ${unique()}`,
      language: "en",
      passwordHash: await passwordHash,
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
    },
  });
}

/** A cookie that signs the person in, working in the organisation (or in none). */
export async function signInCookie(userId: string, organizationId: string | null): Promise<string> {
  const session = await createSession(userId, organizationId);
  return `werkpad_session=${session.token}`;
}

/** A person with a role in an organisation, and a cookie that signs them in there. */
export async function createMember(
  organizationId: string,
  role: Role,
  overrides: { verified?: boolean } = {},
) {
  const user = await createUser(overrides);
  const membership = await db.membership.create({
    data: { organizationId, userId: user.id, role },
  });
  return { user, membership, cookie: await signInCookie(user.id, organizationId) };
}

/** An organisation with one member of every role. */
export async function createTeam(name?: string) {
  const organization = await createOrganization({ name });
  const member = (role: Role) => createMember(organization.id, role);
  return {
    organization,
    owner: await member("OWNER"),
    hr: await member("HR"),
    manager: await member("MANAGER"),
    employee: await member("EMPLOYEE"),
    physician: await member("PHYSICIAN"),
  };
}

/** An open invitation to an organisation, valid for a day; its link's token comes back too. */
export async function createOpenInvitation(
  organizationId: string,
  invitedById: string,
  overrides: { email?: string; role?: Role } = {},
) {
  const token = `invitation-${unique()}-${crypto.randomUUID()}`;
  const invitation = await db.invitation.create({
    data: {
      organizationId,
      email: overrides.email ?? `invited-${unique()}@example.com`,
      role: overrides.role ?? "EMPLOYEE",
      tokenHash: hashToken(token),
      invitedById,
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
    },
  });
  return { invitation, token };
}
