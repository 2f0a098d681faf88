import { db } from "#app/modules/db.server.ts";
import { hashToken } from "./tokens.ts";

/**
 * Brute-force protection, counted in the database so that it holds across
 * server processes: each attempt adds one to its key's current fixed window;
 * past the limit the key is blocked until that window ends.
 */
export type Limit = { max: number; windowSeconds: number };

export const limits = {
  signInPerEmail: { max: 5, windowSeconds: 15 * 60 },
  signInPerIp: { max: 30, windowSeconds: 15 * 60 },
  emailLinkPerEmail: { max: 3, windowSeconds: 15 * 60 },
  emailLinkPerIp: { max: 20, windowSeconds: 15 * 60 },
  verifyCodePerEmail: { max: 5, windowSeconds: 15 * 60 },
  verifyCodePerIp: { max: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

export type Verdict = { allowed: true } | { allowed: false; retryAt: Date };

/** A key that names an e-mail address without storing it. */
export function emailKey(action: string, email: string): string {
  return `${action}:email:${hashToken(email.trim().toLowerCase())}`;
}

export function ipKey(action: string, ip: string): string {
  return `${action}:ip:${ip}`;
}

/** Counts one attempt against each key; refused if any key is over its limit. */
export async function attempt(
  checks: Array<[key: string, limit: Limit]>,
  now = new Date(),
): Promise<Verdict> {
  let retryAt: Date | undefined;
  for (const [key, limit] of checks) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const [row] = await db.$queryRaw<Array<{ count: number }>>`
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"`;
    if ((row?.count ?? 0) > limit.max) {
      const end = new Date(windowStart.getTime() + windowMs);
      if (!retryAt || end > retryAt) retryAt = end;
    }
  }
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
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
