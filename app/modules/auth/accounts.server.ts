import type { Country, Language } from "#app/generated/prisma/client.ts";
import { recordAudit, recordAuditNow } from "#app/modules/audit/audit.server.ts";
import { membershipsOf } from "#app/modules/cross-organization.server.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import type { JobPayload } from "#app/modules/jobs/kinds.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import {
  type Done,
  done,
  type Refusal,
  type Refused,
  type Result,
  refused,
} from "#app/modules/result.ts";
import { withinOrganization } from "#app/modules/tenant.server.ts";
import {
  hashPassword,
  type PasswordProblem,
  passwordProblem,
  verifyPassword,
} from "./password.server.ts";
import {
  attempt,
  checkLimits,
  clearAttempts,
  countAttempt,
  emailKey,
  ipKey,
  type Limit,
  limits,
  type Verdict,
} from "./rate-limit.server.ts";
import { createSession, invalidateUserSessions } from "./session.server.ts";
import { generateCode, generateToken, hashCode, hashToken } from "./tokens.ts";
import {
  beginPendingSignIn,
  endPendingSignIn,
  hasTwoFactor,
  pendingSignInOf,
  type SecondFactorMethod,
  type SecondFactorRefusal,
  verifySecondFactor,
} from "./two-factor.server.ts";

/**
 * Account flows: sign-up, e-mail verification, sign-in by password or e-mailed
 * link, password reset and change. Answers never reveal whether an address
 * has an account: the same message whatever the case, and the owner of an
 * existing address hears about a sign-up attempt by e-mail instead.
 *
 * Nor does their speed. A request that e-mails an address (sign-up, a sign-in
 * or reset link, a new code) does the same work whatever the address: it
 * counts the attempt and queues one job. The job looks the address up and
 * decides what, if anything, to send (sendAccountEmail, completeSignUp).
 */
export type Client = { ipAddress: string; userAgent: string };
/**
 * A sign-in's first step done: a new session (its cookie's token, and whose
 * it is), or, for someone with two-factor sign-in on, a pending sign-in whose
 * token goes in a cookie of its own until the code is typed (respond.server.ts).
 */
export type NewSession = {
  kind: "session" | "second-factor";
  token: string;
  expiresAt: Date;
  userId: string;
};
/** Too many attempts: try again at `retryAt`. */
export type RateLimited = { reason: "rate-limited"; retryAt: Date };
export type WeakPassword = { reason: "weak-password"; problem: PasswordProblem };
/** A wrong code, an unknown or used link, a wrong password: the same answer for each. */
export type Invalid = Refusal<"invalid">;

const minutes = (n: number) => n * 60 * 1000;
export const lifetimes = {
  verifyEmail: minutes(30),
  magicLink: minutes(15),
  resetPassword: minutes(60),
};
const maxWrongCodes = 5;

function link(path: string, token: string) {
  return `${env().APP_URL}${path}?${new URLSearchParams({ token })}`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checksFor(action: "signin" | "email-link" | "verify-code", email: string, client: Client) {
  const [perEmail, perIp] =
    action === "signin"
      ? [limits.signInPerEmail, limits.signInPerIp]
      : action === "email-link"
        ? [limits.emailLinkPerEmail, limits.emailLinkPerIp]
        : [limits.verifyCodePerEmail, limits.verifyCodePerIp];
  return [
    [emailKey(action, email), perEmail],
    [ipKey(action, client.ipAddress), perIp],
  ] as Array<[string, Limit]>;
}

function blockedBy(verdict: Verdict): Refused<RateLimited> | undefined {
  return verdict.allowed ? undefined : refused("rate-limited", { retryAt: verdict.retryAt });
}

/** Sending e-mails: every request counts. */
async function limitSending(email: string, client: Client) {
  return blockedBy(await attempt(checksFor("email-link", email, client)));
}

/** The organisation a fresh session starts in: the one the person joined first. */
async function firstOrganizationOf(userId: string): Promise<string | null> {
  const [first] = await membershipsOf(userId);
  return first?.organization.id ?? null;
}

type SignInMethod = "password" | "link" | "code" | "invitation";

/**
 * Opens a session, in the given organisation or else the person's first.
 * The sign-in is recorded in that organisation's trail only: someone in
 * several organisations (a physician) does not show every sign-in to all of
 * them. Every way of signing in ends here, so someone with two-factor sign-in
 * on gets no session yet, only a pending sign-in until their code is right.
 */
export async function startSession(
  userId: string,
  client: Client,
  method: SignInMethod,
  organizationId: string | null = null,
): Promise<Done<NewSession>> {
  if (await hasTwoFactor(userId)) {
    const pending = await beginPendingSignIn(userId, method, organizationId);
    return done({ kind: "second-factor", userId, ...pending });
  }
  return openSession(userId, client, { method }, organizationId);
}

async function openSession(
  userId: string,
  client: Client,
  data: { method: string; secondFactor?: SecondFactorMethod },
  organizationId: string | null,
): Promise<Done<NewSession>> {
  const startIn = organizationId ?? (await firstOrganizationOf(userId));
  const session = await createSession(userId, startIn, client);
  await recordAuditNow({
    organizationId: startIn,
    actorId: userId,
    action: "auth.signed_in",
    targetType: "User",
    targetId: userId,
    data,
    ...client,
  });
  return done({ kind: "session", userId, ...session });
}

/**
 * The second step of a sign-in: the code from the person's app, or one of
 * their recovery codes. Opens the session and ends the pending sign-in.
 */
export async function completeTwoFactorSignIn(
  pendingToken: string | null,
  code: string,
  client: Client,
): Promise<
  Result<
    NewSession & { secondFactor: SecondFactorMethod },
    SecondFactorRefusal | Refusal<"expired">
  >
> {
  const pending = await pendingSignInOf(pendingToken);
  if (!pending) return refused("expired");
  const verified = await verifySecondFactor(pending.userId, code, client, "sign-in");
  if (!verified.ok) return verified;
  if (!(await endPendingSignIn(pending.id))) return refused("expired");
  const session = await openSession(
    pending.userId,
    client,
    { method: pending.method, secondFactor: verified.value },
    pending.organizationId,
  );
  return done({ ...session.value, secondFactor: verified.value });
}

async function issueEmailVerification(
  tx: Tx,
  user: { id: string; email: string; name: string; language: Language },
): Promise<void> {
  const token = generateToken();
  const code = generateCode();
  const created = await tx.oneTimeToken.create({
    data: {
      purpose: "VERIFY_EMAIL",
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + lifetimes.verifyEmail),
    },
  });
  await tx.oneTimeToken.update({
    where: { id: created.id },
    data: { codeHash: hashCode(created.id, code) },
  });
  await enqueue(tx, "email", {
    template: "verify-email",
    to: user.email,
    language: user.language,
    props: {
      name: user.name,
      code,
      link: link("/verify-email", token),
      expiresInMinutes: lifetimes.verifyEmail / 60000,
    },
  });
}

export type SignUpInput = {
  organizationName: string;
  country: Country;
  language: Language;
  name: string;
  email: string;
  password: string;
};

export async function signUp(
  input: SignUpInput,
  client: Client,
): Promise<Result<{ email: string }, RateLimited | WeakPassword>> {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) return refused("weak-password", { problem });
  const blocked = await limitSending(email, client);
  if (blocked) return blocked;
  // Hashed for every address, so that the job never sees the password.
  const passwordHash = await hashPassword(input.password);
  await enqueue(db, "account.sign-up", {
    email,
    name: input.name,
    organizationName: input.organizationName,
    country: input.country,
    language: input.language,
    passwordHash,
    client: { ipAddress: client.ipAddress, userAgent: client.userAgent },
  });
  return done({ email });
}

/**
 * The `account.sign-up` job: creates the account with its organisation and
 * e-mails a code, or, when the address has an account already, tells its
 * owner so. (Two sign-ups for one address at once: the second fails on the
 * unique address, and its retry finds the account.)
 */
export async function completeSignUp(input: JobPayload<"account.sign-up">): Promise<void> {
  const { email, client } = input;
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) {
    await enqueue(db, "email", {
      template: "account-exists",
      to: email,
      language: existing.language,
      props: {
        name: existing.name,
        signInLink: `${env().APP_URL}/signin`,
        resetLink: `${env().APP_URL}/forgot-password`,
      },
    });
    return;
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name, language: input.language, passwordHash: input.passwordHash },
    });
    const organization = await tx.organization.create({
      data: { name: input.organizationName, country: input.country, language: input.language },
    });
    await withinOrganization(tx, organization.id).membership.create({
      data: { organizationId: organization.id, userId: user.id, role: "OWNER" },
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: user.id,
      action: "organization.created",
      targetType: "Organization",
      targetId: organization.id,
      ...client,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.signed_up",
      targetType: "User",
      targetId: user.id,
      ...client,
    });
    await issueEmailVerification(tx, user);
  });
}

/** Sends a new code and link when the address has an unverified account; silent otherwise. */
export async function resendVerification(
  emailInput: string,
  client: Client,
): Promise<Result<undefined, RateLimited>> {
  return requestAccountEmail(emailInput, client, "verify-email");
}

async function markVerified(tx: Tx, userId: string, client: Client) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt) return;
  await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await recordAudit(tx, {
    actorId: userId,
    action: "auth.email_verified",
    targetType: "User",
    targetId: userId,
    ...client,
  });
}

/** Marks a token used exactly once; false when it was used (or taken by a parallel request) already. */
async function consume(tx: Tx, tokenId: string): Promise<boolean> {
  const { count } = await tx.oneTimeToken.updateMany({
    where: { id: tokenId, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

export async function verifyEmailWithCode(
  emailInput: string,
  code: string,
  client: Client,
): Promise<Result<NewSession, RateLimited | Invalid>> {
  const email = normaliseEmail(emailInput);
  const checks = checksFor("verify-code", email, client);
  const blocked = blockedBy(await checkLimits(checks));
  if (blocked) return blocked;
  const user = await db.user.findUnique({ where: { email } });
  const token = user
    ? await db.oneTimeToken.findFirst({
        where: {
          userId: user.id,
          purpose: "VERIFY_EMAIL",
          usedAt: null,
          expiresAt: { gt: new Date() },
        },
        orderBy: { createdAt: "desc" },
      })
    : null;
  if (!user || !token || token.failedAttempts >= maxWrongCodes) return refused("invalid");
  if (token.codeHash !== hashCode(token.id, code)) {
    await db.oneTimeToken.update({
      where: { id: token.id },
      data: { failedAttempts: { increment: 1 } },
    });
    return refused("invalid");
  }
  const consumed = await db.$transaction(async (tx) => {
    if (!(await consume(tx, token.id))) return false;
    await markVerified(tx, user.id, client);
    return true;
  });
  if (!consumed) return refused("invalid");
  await clearAttempts(emailKey("verify-code", email));
  return startSession(user.id, client, "code");
}

/** Finds a live token of a purpose by the secret from a link. */
async function liveToken(token: string, purpose: "VERIFY_EMAIL" | "MAGIC_LINK" | "RESET_PASSWORD") {
  const found = await db.oneTimeToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!found || found.purpose !== purpose || found.usedAt || found.expiresAt <= new Date())
    return null;
  return found;
}

/**
 * Uses an e-mailed link once: confirms the address (opening the link proves
 * the mailbox is theirs) and signs in.
 */
async function signInWithLinkToken(
  token: string,
  purpose: "VERIFY_EMAIL" | "MAGIC_LINK",
  client: Client,
): Promise<Result<NewSession, Invalid>> {
  const found = await liveToken(token, purpose);
  if (!found) return refused("invalid");
  const consumed = await db.$transaction(async (tx) => {
    if (!(await consume(tx, found.id))) return false;
    await markVerified(tx, found.userId, client);
    return true;
  });
  return consumed ? startSession(found.userId, client, "link") : refused("invalid");
}

export function verifyEmailWithLink(token: string, client: Client) {
  return signInWithLinkToken(token, "VERIFY_EMAIL", client);
}

export async function signInWithPassword(
  emailInput: string,
  password: string,
  client: Client,
): Promise<Result<NewSession, RateLimited | Invalid | { reason: "unverified"; email: string }>> {
  const email = normaliseEmail(emailInput);
  const checks = checksFor("signin", email, client);
  const blocked = blockedBy(await checkLimits(checks));
  if (blocked) return blocked;
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) {
    await countAttempt(checks);
    if (user) {
      await recordAuditNow({
        action: "auth.sign_in_failed",
        targetType: "User",
        targetId: user.id,
        ...client,
      });
    }
    return refused("invalid");
  }
  await clearAttempts(emailKey("signin", email));
  if (!user.emailVerifiedAt) {
    await resendVerification(email, client);
    return refused("unverified", { email });
  }
  return startSession(user.id, client, "password");
}

type AccountEmail = JobPayload<"account.email">["purpose"];

/** Counts the attempt and queues the job that decides; the same work for every address. */
async function requestAccountEmail(
  emailInput: string,
  client: Client,
  purpose: AccountEmail,
): Promise<Result<undefined, RateLimited>> {
  const email = normaliseEmail(emailInput);
  const blocked = await limitSending(email, client);
  if (blocked) return blocked;
  await enqueue(db, "account.email", { purpose, email });
  return done();
}

export function requestMagicLink(email: string, client: Client) {
  return requestAccountEmail(email, client, "magic-link");
}

export function requestPasswordReset(email: string, client: Client) {
  return requestAccountEmail(email, client, "reset-password");
}

/**
 * The `account.email` job: a sign-in or reset link for an address with an
 * account, a new verification code for one not yet confirmed; nothing for
 * any other address.
 */
export async function sendAccountEmail({
  purpose,
  email,
}: JobPayload<"account.email">): Promise<void> {
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return;
  if (purpose === "verify-email") {
    if (user.emailVerifiedAt) return;
    await db.$transaction(async (tx) => {
      // A new code replaces the old ones.
      await tx.oneTimeToken.updateMany({
        where: { userId: user.id, purpose: "VERIFY_EMAIL", usedAt: null },
        data: { expiresAt: new Date() },
      });
      await issueEmailVerification(tx, user);
    });
    return;
  }
  const token = generateToken();
  const lifetime = purpose === "magic-link" ? lifetimes.magicLink : lifetimes.resetPassword;
  await db.$transaction(async (tx) => {
    await tx.oneTimeToken.create({
      data: {
        purpose: purpose === "magic-link" ? "MAGIC_LINK" : "RESET_PASSWORD",
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + lifetime),
      },
    });
    await enqueue(tx, "email", {
      template: purpose,
      to: email,
      language: user.language,
      props: {
        name: user.name,
        expiresInMinutes: lifetime / 60000,
        link: link(purpose === "magic-link" ? "/signin/magic" : "/reset-password", token),
      },
    });
  });
}

export function signInWithMagicLink(token: string, client: Client) {
  return signInWithLinkToken(token, "MAGIC_LINK", client);
}

/** Whether a reset link still works, so the page can say so before anyone types a password. */
export async function resetLinkIsValid(token: string): Promise<boolean> {
  return (await liveToken(token, "RESET_PASSWORD")) !== null;
}

export async function resetPassword(
  token: string,
  newPassword: string,
  client: Client,
): Promise<Result<NewSession, Invalid | WeakPassword>> {
  const found = await liveToken(token, "RESET_PASSWORD");
  if (!found) return refused("invalid");
  const problem = passwordProblem(newPassword);
  if (problem) return refused("weak-password", { problem });
  const passwordHash = await hashPassword(newPassword);
  const consumed = await db.$transaction(async (tx) => {
    if (!(await consume(tx, found.id))) return false;
    await tx.user.update({ where: { id: found.userId }, data: { passwordHash } });
    await markVerified(tx, found.userId, client);
    await recordAudit(tx, {
      actorId: found.userId,
      action: "auth.password_reset",
      targetType: "User",
      targetId: found.userId,
      ...client,
    });
    return true;
  });
  if (!consumed) return refused("invalid");
  // Whoever knew the old password is signed out everywhere.
  await invalidateUserSessions(found.userId);
  return startSession(found.userId, client, "link");
}

/** Changes the password and signs out every other browser; this one stays signed in. */
export async function changePassword(
  userId: string,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  client: Client,
): Promise<Result<undefined, Refusal<"wrong-password"> | WeakPassword>> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, currentPassword))) {
    return refused("wrong-password");
  }
  const problem = passwordProblem(newPassword);
  if (problem) return refused("weak-password", { problem });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.password_changed",
      targetType: "User",
      targetId: userId,
      ...client,
    });
  });
  await invalidateUserSessions(userId, { except: currentSessionId });
  return done();
}
