import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "#app/modules/env.server.ts";

/**
 * Encrypts authenticator secrets at rest (AES-256-GCM, docs/decisions/0030).
 * A TOTP secret cannot be hashed like a password: the server must compute
 * codes from it. So it is encrypted with a key kept outside the database
 * (TWO_FACTOR_KEY), and bound to its owner (the user id is authenticated
 * data), so a secret copied onto another account does not open.
 */
const developmentKey = new Uint8Array(
  createHash("sha256").update("werkpad development two-factor key").digest(),
);

function key(): Uint8Array {
  return env().TWO_FACTOR_KEY ?? developmentKey;
}

export function sealSecret(secret: Uint8Array, ownerId: string, withKey = key()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", withKey, iv);
  cipher.setAAD(Buffer.from(ownerId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The secret, or an error when the key is not the one it was sealed with, or anything was changed. */
export function openSecret(sealed: string, ownerId: string, withKey = key()): Uint8Array {
  const [iv = "", body = ""] = sealed.split(".");
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < 17) throw new Error("An authenticator secret is malformed");
  const decipher = createDecipheriv("aes-256-gcm", withKey, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(ownerId));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return new Uint8Array(
    Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]),
  );
}
