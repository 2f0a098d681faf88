import type { SignatureMethod } from "#app/generated/prisma/client.ts";
import type { Client, RateLimited } from "#app/modules/auth/accounts.server.ts";
import { verifyPassword } from "#app/modules/auth/password.server.ts";
import {
  attempt,
  clearAttempts,
  ipKey,
  type Limit,
  limits,
} from "#app/modules/auth/rate-limit.server.ts";
import { generateCode, generateToken, hashCode, hashToken } from "#app/modules/auth/tokens.ts";
import { db } from "#app/modules/db.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";

/**
 * Proving, at the moment of signing, that the signer is the account holder:
 * their password, or a code e-mailed to them (for people who sign in by link
 * only, or who prefer it). Wrong passwords and codes count against limits,
 * per person and per address, like signing in.
 */
export type Proof = { password: string } | { code: string };
export type ReauthRefusal = Refusal<"wrong-password" | "wrong-code"> | RateLimited;

const codeLifetimeMs = 10 * 60_000;
const maxWrongCodes = 5;

type Signer = { id: string; email: string; name: string; language: "nl" | "en" | "fr" };

function checks(userId: string, client: Client): Array<[string, Limit]> {
  return [
    [`sign-proof:user:${userId}`, limits.signInPerEmail],
    [ipKey("sign-proof", client.ipAddress), limits.signInPerIp],
  ];
}

export async function confirmSigner(
  userId: string,
  proof: Proof,
  client: Client,
): Promise<Result<SignatureMethod, ReauthRefusal>> {
  const verdict = await attempt(checks(userId, client));
  if (!verdict.allowed) return refused("rate-limited", { retryAt: verdict.retryAt });
  if ("password" in proof) {
    const user = await db.user.findUnique({
      where: { id: userId },
      select: { passwordHash: true },
    });
    if (!(await verifyPassword(user?.passwordHash, proof.password)))
      return refused("wrong-password");
    await clearAttempts(`sign-proof:user:${userId}`);
    return done("PASSWORD");
  }
  const token = await db.oneTimeToken.findFirst({
    where: { userId, purpose: "SIGN_AGREEMENT", usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  if (!token || token.failedAttempts >= maxWrongCodes) return refused("wrong-code");
  if (token.codeHash !== hashCode(token.id, proof.code)) {
    await db.oneTimeToken.update({
      where: { id: token.id },
      data: { failedAttempts: { increment: 1 } },
    });
    return refused("wrong-code");
  }
  const { count } = await db.oneTimeToken.updateMany({
    where: { id: token.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return refused("wrong-code");
  await clearAttempts(`sign-proof:user:${userId}`);
  return done("EMAIL_CODE");
}

/** E-mails the signer a six-digit code that works once, for ten minutes. */
export async function sendSigningCode(
  signer: Signer,
  client: Client,
): Promise<Result<undefined, RateLimited>> {
  const verdict = await attempt([
    [`sign-code:user:${signer.id}`, limits.emailLinkPerEmail],
    [ipKey("sign-code", client.ipAddress), limits.emailLinkPerIp],
  ]);
  if (!verdict.allowed) return refused("rate-limited", { retryAt: verdict.retryAt });
  const code = generateCode();
  await db.$transaction(async (tx) => {
    // A new code replaces any earlier one.
    await tx.oneTimeToken.updateMany({
      where: { userId: signer.id, purpose: "SIGN_AGREEMENT", usedAt: null },
      data: { usedAt: new Date() },
    });
    const created = await tx.oneTimeToken.create({
      data: {
        purpose: "SIGN_AGREEMENT",
        userId: signer.id,
        tokenHash: hashToken(generateToken()),
        expiresAt: new Date(Date.now() + codeLifetimeMs),
      },
    });
    await tx.oneTimeToken.update({
      where: { id: created.id },
      data: { codeHash: hashCode(created.id, code) },
    });
    await enqueue(tx, "email", {
      template: "signing-code",
      to: signer.email,
      language: signer.language,
      props: { name: signer.name, code, expiresInMinutes: codeLifetimeMs / 60_000 },
    });
  });
  return done();
}
