import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { isTotpCode } from "./code-format.ts";

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app makes them:
 * six digits, a new one every 30 seconds, HMAC-SHA1 over a 160-bit secret.
 * Pure code; the database side is in two-factor.server.ts.
 */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
const issuer = "Werkpad";

/** A new secret for an authenticator app: 160 random bits, as RFC 4226 recommends. */
export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The number of the 30-second step a moment falls in. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
}

/** The code an app shows for a step (the browser tests compute codes this way too). */
export function codeForStep(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), totpDigits);
}

/**
 * The step a typed code belongs to, or null. A code of the step before or
 * after now counts too (a phone's clock may be a little off, and typing
 * takes time), but never a step at or before `lastStep`, the one accepted
 * last: a code works once, even within its 30 seconds (RFC 6238 §5.2).
 */
export function acceptedStep(
  key: Uint8Array,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  if (!isTotpCode(code)) return null;
  const current = stepAt(now);
  for (const step of [current - 1, current, current + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    if (verifyHOTP(key, BigInt(step), totpDigits, code)) return step;
  }
  return null;
}

/** The key as people type it into an app by hand: base32 in groups of four. */
export function keyForTyping(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

/** The otpauth:// address the QR code holds, which apps read. */
export function keyUri(key: Uint8Array, accountName: string): string {
  return createTOTPKeyURI(issuer, accountName, key, totpPeriodSeconds, totpDigits);
}

// Recovery codes --------------------------------------------------------------

export const recoveryCodeCount = 10;

/**
 * Ten codes for when the phone is lost: 80 random bits each, so that their
 * SHA-256 hashes cannot be reversed by trying every code, written as four
 * groups of four base32 letters and digits (no 0, 1, 8 or 9 to mix up).
 */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes).replace(/(.{4})(?=.)/g, "$1-");
  });
}
