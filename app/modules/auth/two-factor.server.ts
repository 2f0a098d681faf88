import { recordAudit, recordAuditNow } from "#app/modules/audit/audit.server.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { qrPath } from "#app/modules/qr.server.ts";
import { done, type Refusal, type Refused, type Result, refused } from "#app/modules/result.ts";
import type { Client, RateLimited } from "./accounts.server.ts";
import { isRecoveryCode, isTotpCode, normaliseCode } from "./code-format.ts";
import {
  checkLimits,
  clearAttempts,
  countAttempt,
  ipKey,
  type Limit,
  limits,
} from "./rate-limit.server.ts";
import { openSecret, sealSecret } from "./secret-box.server.ts";
import { invalidateUserSessions } from "./session.server.ts";
import { generateToken, hashToken } from "./tokens.ts";
import {
  acceptedStep,
  generateRecoveryCodes,
  generateTotpKey,
  keyForTyping,
  keyUri,
} from "./totp.ts";

/**
 * Two-factor sign-in (docs/decisions/0030): an authenticator app's codes
 * (TOTP) and ten single-use recovery codes. Asked at sign-in (a pending
 * sign-in, below, until the code is right) and again before sensitive
 * actions (`confirmSecondFactor`). Wrong codes count against limits per
 * person and per address, like wrong passwords, wherever they are typed.
 */
export type SecondFactorMethod = "totp" | "recovery";
/** A wrong code, a code used already, or none set up: the same answer for each. */
export type WrongCode = Refusal<"wrong-code">;
export type SecondFactorRefusal = WrongCode | RateLimited;
/** Where a code was typed, for the audit trail. */
type Purpose = "sign-in" | "step-up" | "turn-off" | "recovery-codes";

const userKey = (userId: string) => `second-factor:user:${userId}`;

function checksFor(userId: string, client: Client): Array<[string, Limit]> {
  return [
    [userKey(userId), limits.secondFactorPerUser],
    [ipKey("second-factor", client.ipAddress), limits.secondFactorPerIp],
  ];
}

/** Whether someone has two-factor sign-in on (not merely being set up). */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const record = await db.twoFactor.findUnique({
    where: { userId },
    select: { enabledAt: true },
  });
  return Boolean(record?.enabledAt);
}

function hashRecoveryCode(userId: string, normalised: string): string {
  return hashToken(`recovery:${userId}:${normalised}`);
}

/** Accepts a TOTP code once: the step is stored only if it is later than the last one used. */
async function acceptTotp(userId: string, code: string, now: Date): Promise<boolean> {
  const record = await db.twoFactor.findUnique({ where: { userId } });
  if (!record?.enabledAt) return false;
  const step = acceptedStep(openSecret(record.secret, userId), code, now, record.lastStep);
  if (step === null) return false;
  // Two requests with the same code at once: only one moves the step on.
  const { count } = await db.twoFactor.updateMany({
    where: { userId, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step },
  });
  return count === 1;
}

async function spendRecoveryCode(userId: string, code: string, client: Client, actor: boolean) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(userId, code), usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count !== 1) return false;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordAudit(tx, {
      actorId: actor ? userId : null,
      action: "auth.recovery_code_used",
      targetType: "User",
      targetId: userId,
      data: { left },
      ...client,
    });
    return true;
  });
}

/** Which of the person's factors the code is: their app's code, or an unused recovery code. */
async function methodThatMatches(
  userId: string,
  code: string,
  client: Client,
  actor: boolean,
  now: Date,
): Promise<SecondFactorMethod | null> {
  if (isTotpCode(code)) return (await acceptTotp(userId, code, now)) ? "totp" : null;
  if (!isRecoveryCode(code) || !(await hasTwoFactor(userId))) return null;
  return (await spendRecoveryCode(userId, code, client, actor)) ? "recovery" : null;
}

/**
 * Checks a code typed by someone with two-factor sign-in on: the app's code
 * (each works once) or an unused recovery code. Refused without looking when
 * too many wrong codes were typed for the person or from the address lately;
 * a wrong code counts, and is recorded in the person's audit trail.
 */
export async function verifySecondFactor(
  userId: string,
  typed: string,
  client: Client,
  purpose: Purpose,
  now = new Date(),
): Promise<Result<SecondFactorMethod, SecondFactorRefusal>> {
  const checks = checksFor(userId, client);
  const verdict = await checkLimits(checks, now);
  if (!verdict.allowed) return refused("rate-limited", { retryAt: verdict.retryAt });
  const code = normaliseCode(typed);
  // Someone signing in is not yet the actor of anything; before a change they are.
  const actor = purpose !== "sign-in";
  const method = await methodThatMatches(userId, code, client, actor, now);
  if (method) {
    await clearAttempts(userKey(userId));
    return done(method);
  }
  await countAttempt(checks, now);
  await recordAuditNow({
    actorId: actor ? userId : null,
    action: "auth.second_factor_failed",
    targetType: "User",
    targetId: userId,
    data: { purpose },
    ...client,
  });
  return refused("wrong-code");
}

// Setting up ------------------------------------------------------------------

export type Enrolment =
  | { state: "off" }
  | {
      state: "setting-up";
      /** The secret as people type it into an app by hand. */
      key: string;
      /** The otpauth:// address, for an app on this device. */
      uri: string;
      qr: { size: number; path: string };
    }
  | { state: "on"; since: Date; recoveryCodesLeft: number };

/** Where someone is with two-factor sign-in, for the account pages. */
export async function enrolmentOf(user: { id: string; email: string }): Promise<Enrolment> {
  const record = await db.twoFactor.findUnique({ where: { userId: user.id } });
  if (!record) return { state: "off" };
  if (record.enabledAt) {
    const recoveryCodesLeft = await db.recoveryCode.count({
      where: { userId: user.id, usedAt: null },
    });
    return { state: "on", since: record.enabledAt, recoveryCodesLeft };
  }
  const key = openSecret(record.secret, user.id);
  const uri = keyUri(key, user.email);
  return { state: "setting-up", key: keyForTyping(key), uri, qr: qrPath(uri) };
}

/** On or off, for the account page (without opening the secret). */
export async function twoFactorStatus(
  userId: string,
): Promise<{ on: false } | { on: true; since: Date; recoveryCodesLeft: number }> {
  const record = await db.twoFactor.findUnique({
    where: { userId },
    select: { enabledAt: true },
  });
  if (!record?.enabledAt) return { on: false };
  const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { on: true, since: record.enabledAt, recoveryCodesLeft };
}

/** A new secret to scan; any earlier one that was never confirmed is replaced. */
export async function startEnrolment(userId: string): Promise<Result<undefined, Refusal<"on">>> {
  const secret = sealSecret(generateTotpKey(), userId);
  // Only a set-up that was not finished is replaced, never a working app.
  const { count } = await db.twoFactor.updateMany({
    where: { userId, enabledAt: null },
    data: { secret, lastStep: null, createdAt: new Date() },
  });
  if (count === 1) return done();
  const created = await db.twoFactor.createMany({
    data: { userId, secret },
    skipDuplicates: true,
  });
  return created.count === 1 ? done() : refused("on");
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({
      userId,
      codeHash: hashRecoveryCode(userId, normaliseCode(code)),
    })),
  });
  return codes;
}

/**
 * Turns two-factor sign-in on with the first code from the app, which shows
 * the app has the secret. Answers the ten recovery codes, shown once: only
 * their hashes are kept. Every other browser where the person is signed in
 * (with their password alone) is signed out.
 */
export async function confirmEnrolment(
  userId: string,
  currentSessionId: string,
  code: string,
  client: Client,
  now = new Date(),
): Promise<Result<{ recoveryCodes: string[] }, Refusal<"not-started"> | SecondFactorRefusal>> {
  const record = await db.twoFactor.findUnique({ where: { userId } });
  if (!record || record.enabledAt) return refused("not-started");
  const checks = checksFor(userId, client);
  const verdict = await checkLimits(checks, now);
  if (!verdict.allowed) return refused("rate-limited", { retryAt: verdict.retryAt });
  const step = acceptedStep(openSecret(record.secret, userId), normaliseCode(code), now, null);
  if (step === null) {
    await countAttempt(checks, now);
    return refused("wrong-code");
  }
  const recoveryCodes = await db.$transaction(async (tx) => {
    const { count } = await tx.twoFactor.updateMany({
      where: { userId, enabledAt: null, secret: record.secret },
      data: { enabledAt: now, lastStep: step },
    });
    if (count !== 1) return null;
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.two_factor_enabled",
      targetType: "User",
      targetId: userId,
      ...client,
    });
    return codes;
  });
  if (!recoveryCodes) return refused("not-started");
  await clearAttempts(userKey(userId));
  await invalidateUserSessions(userId, { except: currentSessionId });
  return done({ recoveryCodes });
}

/** Ten new recovery codes (the old ones stop working), after a current code. */
export async function renewRecoveryCodes(
  userId: string,
  code: string,
  client: Client,
): Promise<Result<{ recoveryCodes: string[] }, SecondFactorRefusal>> {
  const verified = await verifySecondFactor(userId, code, client, "recovery-codes");
  if (!verified.ok) return verified;
  const recoveryCodes = await db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.recovery_codes_renewed",
      targetType: "User",
      targetId: userId,
      ...client,
    });
    return codes;
  });
  return done({ recoveryCodes });
}

/**
 * Turns two-factor sign-in off, after a current code (or a recovery code:
 * someone who lost their phone but is still signed in). In an organisation
 * that requires it, the person is asked to set it up again before they go on.
 */
export async function turnOffTwoFactor(
  userId: string,
  code: string,
  client: Client,
): Promise<Result<undefined, SecondFactorRefusal>> {
  const verified = await verifySecondFactor(userId, code, client, "turn-off");
  if (!verified.ok) return verified;
  await db.$transaction(async (tx) => {
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.pendingSignIn.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.two_factor_disabled",
      targetType: "User",
      targetId: userId,
      ...client,
    });
  });
  return done();
}

// Before sensitive actions ----------------------------------------------------

/** The form field a sensitive form adds (components/second-factor-field.tsx). */
export const secondFactorFieldName = "secondFactorCode";

export type StepUpRefusal = Refusal<"second-factor-missing"> | SecondFactorRefusal;

/**
 * Step-up before a sensitive action: when the person has two-factor sign-in
 * on, the form must carry a current code (the app's, or a recovery code) in
 * its `secondFactorCode` field. Done at once for someone without it. Call it
 * in the action after the request is parsed and the policy allows it, and
 * before the change; on a refusal answer `secondFactorErrors(result)` as the
 * field's error, with the rest of the form as it was typed.
 */
export async function confirmSecondFactor(
  user: { id: string },
  formData: FormData,
  client: Client,
): Promise<Result<undefined, StepUpRefusal>> {
  if (!(await hasTwoFactor(user.id))) return done();
  const typed = formData.get(secondFactorFieldName);
  const code = typeof typed === "string" ? normaliseCode(typed) : "";
  // A code that cannot be right is not a guess: it is refused without counting.
  if (!isTotpCode(code) && !isRecoveryCode(code)) return refused("second-factor-missing");
  const verified = await verifySecondFactor(user.id, code, client, "step-up");
  return verified.ok ? done() : verified;
}

/** The message for a refused code, as a field error (a translation key with its values). */
export function secondFactorMessage(refusal: Refused<StepUpRefusal>, now = new Date()): string {
  switch (refusal.reason) {
    case "second-factor-missing":
      return "twoFactor:errors.stepUpMissing";
    case "rate-limited": {
      const minutes = Math.max(1, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 60000));
      return errorMessage("auth:errors.rateLimited", { minutes });
    }
    default:
      return "twoFactor:errors.wrongCode";
  }
}

/** Field errors for Conform's `submission.reply({ fieldErrors })`. */
export function secondFactorErrors(refusal: Refused<StepUpRefusal>): Record<string, string[]> {
  return { [secondFactorFieldName]: [secondFactorMessage(refusal)] };
}

// A sign-in halfway -----------------------------------------------------------

/** How long someone has to type their code after the password: ten minutes. */
const pendingLifetimeMs = 10 * 60_000;

export type PendingSignIn = { token: string; expiresAt: Date };

/**
 * The first step of a sign-in was right; the code is still to come. This is
 * not a session: its token travels in a cookie of its own that only
 * /signin/two-factor reads, so nothing else treats the browser as signed in.
 */
export async function beginPendingSignIn(
  userId: string,
  method: string,
  organizationId: string | null,
): Promise<PendingSignIn> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + pendingLifetimeMs);
  await db.pendingSignIn.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
  await db.pendingSignIn.create({
    data: { id: hashToken(token), userId, method, organizationId, expiresAt },
  });
  return { token, expiresAt };
}

export async function pendingSignInOf(token: string | null, now = new Date()) {
  if (!token) return null;
  const pending = await db.pendingSignIn.findUnique({ where: { id: hashToken(token) } });
  return pending && pending.expiresAt > now ? pending : null;
}

/** Ends a pending sign-in exactly once; false when another request ended it first. */
export async function endPendingSignIn(id: string): Promise<boolean> {
  const { count } = await db.pendingSignIn.deleteMany({ where: { id } });
  return count === 1;
}

/** Housekeeping: pending sign-ins nobody finished. */
export async function pruneExpiredPendingSignIns(now = new Date()): Promise<number> {
  const { count } = await db.pendingSignIn.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
