import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Secrets for cookies and e-mailed links: 160 random bits, base32 (safe in
 * URLs, no ambiguous case). Only their SHA-256 is ever stored, so a copy of
 * the database holds nothing that signs anyone in.
 */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A six-digit code people type from an e-mail; uniformly random, leading zeros kept. */
export function generateCode(): string {
  const values = new Uint32Array(1);
  // Rejection sampling keeps every code equally likely.
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  do crypto.getRandomValues(values);
  while ((values[0] ?? limit) >= limit);
  return String((values[0] ?? 0) % 1_000_000).padStart(6, "0");
}

/** A typed code is hashed together with its token's id, so equal codes never share a hash. */
export function hashCode(tokenId: string, code: string): string {
  return hashToken(`${tokenId}:${code.replace(/\s+/g, "")}`);
}
