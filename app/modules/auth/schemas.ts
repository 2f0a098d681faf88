import { z } from "zod";
import { requiredEmail, requiredText } from "#app/modules/validation.ts";
import { isRecoveryCode, isTotpCode, normaliseCode } from "./code-format.ts";

/**
 * Form schemas shared by the browser and the server. The server checks more
 * than the browser can (common passwords), and answers with the same keys.
 */
export const passwordField = z
  .string({ error: "validation.required" })
  .min(12, "auth:errors.passwordTooShort")
  .max(128, "auth:errors.passwordTooLong");

/** The password of an existing account: only presence is checked, whatever rules applied then. */
export const currentPasswordField = z.string({ error: "validation.required" }).max(1000);

export const signInSchema = z.object({
  email: requiredEmail(),
  password: currentPasswordField,
  redirectTo: z.string().optional(),
});

export const emailOnlySchema = z.object({ email: requiredEmail() });

export const codeSchema = z.object({
  email: requiredEmail(),
  code: z
    .string({ error: "validation.required" })
    .transform((code) => code.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.codeFormat")),
});

export const nameField = requiredText(100);

/** The first code from an authenticator app, which turns two-factor sign-in on: six digits. */
export const totpCodeField = z
  .string({ error: "validation.required" })
  .transform(normaliseCode)
  .pipe(z.string().refine(isTotpCode, "twoFactor:errors.codeFormat"));

/** At sign-in and before sensitive actions: the app's six digits, or a recovery code. */
export const secondFactorCodeField = z
  .string({ error: "validation.required" })
  .transform(normaliseCode)
  .pipe(
    z
      .string()
      .refine((code) => isTotpCode(code) || isRecoveryCode(code), "twoFactor:errors.anyCodeFormat"),
  );

export const twoFactorSignInSchema = z.object({
  code: secondFactorCodeField,
  redirectTo: z.string().optional(),
});

export const enrolmentSchema = z.object({ code: totpCodeField });

/** Turning two-factor sign-in off, or new recovery codes: a current code first. */
export const twoFactorChangeSchema = z.object({ code: secondFactorCodeField });
