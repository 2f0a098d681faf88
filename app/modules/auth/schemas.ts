import { z } from "zod";
import { requiredEmail, requiredText } from "#app/modules/validation.ts";

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
