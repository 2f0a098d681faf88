import { z } from "zod";
import { errorMessage } from "#app/modules/error-messages.ts";
import { languages } from "#app/modules/i18n/languages.ts";
import { requiredText } from "#app/modules/validation.ts";

/**
 * The forms of signing, declining, preparing and the passport: one schema
 * each, for the browser and the server alike. Messages are translation keys.
 */
const hash = z.string().regex(/^[0-9a-f]{64}$/);

/** A drawn signature as the browser sends it: a PNG, small enough to keep and print. */
export const maxDrawingLength = 120_000;
const drawing = z
  .string()
  .max(maxDrawingLength, "agreements:errors.drawingTooLarge")
  .refine((value) => value === "" || value.startsWith("data:image/png;base64,"), {
    message: "agreements:errors.drawingUnreadable",
  })
  .optional()
  .transform((value) => value || null);

export const signSchema = z
  .object({
    documentHash: hash,
    typedName: requiredText(100),
    statement: z.literal("on", { error: "agreements:errors.statement" }),
    drawing,
    proof: z.enum(["password", "code"]),
    password: z.string().max(1000).optional(),
    code: z.string().max(20).optional(),
  })
  .superRefine((value, context) => {
    if (value.proof === "password" && !value.password)
      context.addIssue({ code: "custom", path: ["password"], message: "validation.required" });
    if (value.proof === "code" && !/^\d{6}$/.test((value.code ?? "").replace(/\s/g, "")))
      context.addIssue({ code: "custom", path: ["code"], message: "agreements:errors.code" });
  });

export const declineReasonMaxLength = 500;
export const declineSchema = z.object({ reason: requiredText(declineReasonMaxLength) });

export const prepareSchema = z.object({
  versionNumber: z.coerce.number().int().min(1).max(100_000),
  language: z.enum(languages, { error: "validation.choose" }),
});

export const passportTextLimit = 600;
const optionalText = z
  .string()
  .trim()
  .max(passportTextLimit, errorMessage("validation.tooLong", { max: passportTextLimit }))
  .optional()
  .transform((value) => value || undefined);

export const passportSchema = z
  .object({
    items: z.array(z.string().max(40)).max(200).default([]),
    helps: optionalText,
    hard: optionalText,
    language: z.enum(languages, { error: "validation.choose" }),
  })
  .refine((value) => value.items.length > 0 || value.helps || value.hard, {
    message: "agreements:passport.errors.empty",
    path: ["items"],
  });
