import { db } from "#app/modules/db.server.ts";
import { hashToken } from "./tokens.ts";

/**
 * Brute-force protection, counted in the database so that it holds across
 * server processes. Each counted attempt adds one to its key's current fixed
 * window; past the limit the key is blocked until that window ends.
 *
 * Guessing (passwords, codes) counts failures only, so a whole office behind
 * one IP address can still sign in on a Monday morning; sending e-mails counts
 * every request, so nobody can flood an inbox.
 */
export type Limit = { max: number; windowSeconds: number };

export const limits = {
  /** Failed sign-ins. */
  signInPerEmail: { max: 5, windowSeconds: 15 * 60 },
  signInPerIp: { max: 30, windowSeconds: 15 * 60 },
  /** E-mails with links or codes, every request. */
  emailLinkPerEmail: { max: 3, windowSeconds: 15 * 60 },
  emailLinkPerIp: { max: 50, windowSeconds: 15 * 60 },
  /**
   * Wrong two-factor codes (at sign-in and before sensitive actions alike):
   * as many as wrong passwords. Six digits are guessed less easily than a
   * password only while the guesses are few.
   */
  secondFactorPerUser: { max: 5, windowSeconds: 15 * 60 },
  secondFactorPerIp: { max: 30, windowSeconds: 15 * 60 },
  /** Wrong verification codes. */
  verifyCodePerEmail: { max: 5, windowSeconds: 15 * 60 },
  verifyCodePerIp: { max: 30, windowSeconds: 15 * 60 },
  /** Checks of PDFs at /verify (uploads and QR links), by anyone. */
  verifyDocumentPerIp: { max: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

export type Verdict = { allowed: true } | { allowed: false; retryAt: Date };

/** A key that names an e-mail address without storing it. */
export function emailKey(action: string, email: string): string {
  return `${action}:email:${hashToken(email.trim().toLowerCase())}`;
}

export function ipKey(action: string, ip: string): string {
  return `${action}:ip:${ip}`;
}

type Check = [key: string, limit: Limit];

function windowOf(limit: Limit, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { start, end: new Date(start.getTime() + windowMs) };
}

function verdict(blockedUntil: Date[]): Verdict {
  if (blockedUntil.length === 0) return { allowed: true };
  return {
    allowed: false,
    retryAt: new Date(Math.max(...blockedUntil.map((date) => date.getTime()))),
  };
}

/** Whether any key has used up its attempts in the current window, without counting one. */
export async function checkLimits(checks: Check[], now = new Date()): Promise<Verdict> {
  const blockedUntil: Date[] = [];
  for (const [key, limit] of checks) {
    const { start, end } = windowOf(limit, now);
    const bucket = await db.rateLimitBucket.findUnique({
      where: { key_windowStart: { key, windowStart: start } },
    });
    if ((bucket?.count ?? 0) >= limit.max) blockedUntil.push(end);
  }
  return verdict(blockedUntil);
}

/** Counts one attempt against each key (atomically, whatever other processes do). */
export async function countAttempt(checks: Check[], now = new Date()): Promise<number[]> {
  const counts: number[] = [];
  for (const [key, limit] of checks) {
    const { start } = windowOf(limit, now);
    const [row] = await db.$queryRaw<Array<{ count: number }>>`
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${start}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"`;
    counts.push(row?.count ?? 0);
  }
  return counts;
}

/** Counts this attempt, then refuses it if any key is past its limit. */
export async function attempt(checks: Check[], now = new Date()): Promise<Verdict> {
  const counts = await countAttempt(checks, now);
  return verdict(
    checks.flatMap(([, limit], index) =>
      (counts[index] ?? 0) > limit.max ? [windowOf(limit, now).end] : [],
    ),
  );
}

/** Forgets a key's attempts, e.g. after a successful sign-in. */
export async function clearAttempts(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/** Housekeeping: windows that ended a day ago can go. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
  });
  return count;
}
