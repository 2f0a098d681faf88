import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Passwords: argon2id with OWASP's recommended minimum cost (19 MiB, 2
 * passes), at least 12 characters, and not one of the ~49,000 most common
 * passwords (checked offline).
 */
export const passwordMinLength = 12;
export const passwordMaxLength = 128;

// 2 is Algorithm.Argon2id; the package exports it as a const enum, which
// isolated TypeScript modules cannot read.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against this when an account has no password (or does not exist)
// makes a wrong e-mail address take as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("werkpad-timing-equaliser");
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    (dictionary["passwords-common"] as string[]).map((word) => word.toLowerCase()),
  );
  const lowered = password.toLowerCase();
  // "welcome2024!" is as weak as "welcome": strip trailing digits and symbols too.
  return common.has(lowered) || common.has(lowered.replace(/[\d\W_]+$/u, ""));
}

export type PasswordProblem = "tooShort" | "tooLong" | "common";

export function passwordProblem(password: string): PasswordProblem | undefined {
  if (password.length < passwordMinLength) return "tooShort";
  if (password.length > passwordMaxLength) return "tooLong";
  if (isCommonPassword(password)) return "common";
  return undefined;
}
