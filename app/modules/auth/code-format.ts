/**
 * The shapes of two-factor codes, shared by the forms in the browser and the
 * server: six digits from an authenticator app, or a recovery code (sixteen
 * base32 characters, shown in groups of four).
 */

/** Spaces and dashes people type or paste are left out: "123 456" is "123456". */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toLowerCase();
}

export function isTotpCode(normalised: string): boolean {
  return /^\d{6}$/.test(normalised);
}

export function isRecoveryCode(normalised: string): boolean {
  return /^[a-z2-7]{16}$/.test(normalised);
}
