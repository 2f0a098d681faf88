import { z } from "zod";
import { errorMessage } from "#app/modules/error-messages.ts";
import { dateRanges, optionalDate, wholeNumber } from "#app/modules/validation.ts";

/**
 * The physician's forms, shared by the browser and the server, and the
 * longest texts each takes (the forms show them, with a count).
 */
export const physicianLimits = {
  capacities: 1500,
  advisedSchedule: 800,
  remarks: 1500,
  medicalNote: 4000,
} as const;

const text = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, errorMessage("validation.tooLong", { max }));
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, errorMessage("validation.tooLong", { max }))
    .optional()
    .transform((value) => value || undefined);

export const adviceSchema = z.object({
  capacities: text(physicianLimits.capacities),
  expectedDuration: optional(120),
  advisedAdjustments: z
    .array(z.string().max(20))
    .max(41)
    .default([])
    .transform((ids) => [...new Set(ids)].sort()),
  advisedSchedule: optional(physicianLimits.advisedSchedule),
  // Each advice is a new statement, so its next consultation is checked
  // against today even when the form was filled in from the previous advice.
  nextConsultation: optionalDate(dateRanges.upcoming),
});

export const reviewSchema = z.object({
  // A hidden field: only a tampered form gets it wrong.
  versionNumber: wholeNumber(1, Number.MAX_SAFE_INTEGER, "physician:errors.unknownVersion"),
  outcome: z.enum(["REVIEWED", "CONCERNS"], { error: "validation.choose" }),
  remarks: text(physicianLimits.remarks),
});

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on");

export const medicalNoteSchema = z.object({
  body: text(physicianLimits.medicalNote),
  shareWithEmployee: checkbox,
});

/** Correcting a note: its new text and whether the employee reads it. */
export const amendMedicalNoteSchema = medicalNoteSchema.extend({
  noteId: z.string().min(1).max(64),
});

export const withdrawMedicalNoteSchema = z.object({ noteId: z.string().min(1).max(64) });
