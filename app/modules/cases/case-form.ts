import { z } from "zod";
import { errorMessage } from "#app/modules/error-messages.ts";
import { dateRanges, optionalDate, requiredChoice } from "#app/modules/validation.ts";
import { caseStatuses } from "./case-statuses.ts";

/** The case forms' schemas, shared by the browser and the server. */
export const caseKinds = ["OWN_HEALTH", "CARER"] as const;
export const countries = ["NL", "BE", "UK"] as const;
export const startKinds = ["ABSENCE", "DISCLOSURE"] as const;
/**
 * Why a case was closed, as a category: required when closing, and what the
 * HR insights count (app/modules/insights). The free text beside it is an
 * optional note that the insights never show.
 */
export const closingCategories = [
  "RETURNED_OWN_WORK",
  "RETURNED_OTHER_WORK",
  "LEFT_ORGANIZATION",
  "NOT_ABLE_TO_RETURN",
  "OTHER",
] as const;
export type ClosingCategory = (typeof closingCategories)[number];
/** A note on the closing, in a sentence or two. */
export const closedReasonMaxLength = 300;
/** A department's name: a short label such as "Uitvoering" or "Finance". */
export const departmentMaxLength = 60;

/** The department typed or chosen on a case form: trimmed, single spaces, or none. */
const department = z
  .string()
  .trim()
  .max(departmentMaxLength, errorMessage("validation.tooLong", { max: departmentMaxLength }))
  .optional()
  .transform((value) => value?.replace(/\s+/g, " ") || undefined);

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const employeeChoice = z.object({
  employeeId: optionalId,
  employeeEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.email("validation.email").optional()),
});

export const newCaseSchema = z
  .object({
    kind: requiredChoice(caseKinds),
    ...employeeChoice.shape,
    managerId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
    physicianId: optionalId,
    country: requiredChoice(countries),
    startKind: requiredChoice(startKinds),
    startDate: optionalDate(dateRanges.caseStart),
    department,
  })
  .refine((value) => value.employeeId || value.employeeEmail, {
    message: "cases:errors.employeeRequired",
    path: ["employeeId"],
    // Zod skips an object's refinements while any field has an error, so a
    // missing employee went unmentioned next to a missing manager. Check it
    // whenever the two employee fields themselves are well-formed.
    when: (payload) => employeeChoice.safeParse(payload.value).success,
  });

const statusOnly = z.object({ status: requiredChoice(caseStatuses) });

/**
 * Changing a case. `storedStartDate` is the case's start date as saved: it may
 * stay even when it is now further back than a new case allows.
 */
export const editCaseSchema = (storedStartDate?: string) =>
  z
    .object({
      status: requiredChoice(caseStatuses),
      // Conform sends an empty choice as no value at all.
      closedCategory: z.enum(closingCategories, { error: "validation.choose" }).optional(),
      closedReason: z
        .string()
        .trim()
        .max(
          closedReasonMaxLength,
          errorMessage("validation.tooLong", { max: closedReasonMaxLength }),
        )
        .optional()
        .transform((value) => value || undefined),
      managerId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
      physicianId: optionalId,
      country: requiredChoice(countries),
      startKind: requiredChoice(startKinds),
      startDate: optionalDate(dateRanges.caseStart, storedStartDate),
      department,
    })
    // A closed case says why, in a category; the note stays optional.
    .refine((value) => value.status !== "CLOSED" || value.closedCategory, {
      message: "cases:errors.closedCategory",
      path: ["closedCategory"],
      // Also when other fields are wrong, so every problem shows at once.
      when: (payload) => statusOnly.safeParse(payload.value).success,
    });
