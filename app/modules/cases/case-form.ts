import { z } from "zod";
import { errorMessage, requiredChoice } from "#app/modules/validation.ts";
import { caseStatuses } from "./case-statuses.ts";

/** The case forms' schemas, shared by the browser and the server. */
export const caseKinds = ["OWN_HEALTH", "CARER"] as const;
export const countries = ["NL", "BE", "UK"] as const;
export const startKinds = ["ABSENCE", "DISCLOSURE"] as const;
/** Why a case was closed, in a sentence or two. */
export const closedReasonMaxLength = 300;

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "plans:errors.date")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const newCaseSchema = z
  .object({
    kind: requiredChoice(caseKinds),
    employeeId: optionalId,
    employeeEmail: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((value) => value || undefined)
      .pipe(z.email("validation.email").optional()),
    managerId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
    physicianId: optionalId,
    country: requiredChoice(countries),
    startKind: requiredChoice(startKinds),
    startDate: optionalDate,
  })
  .refine((value) => value.employeeId || value.employeeEmail, {
    message: "cases:errors.employeeRequired",
    path: ["employeeId"],
  });

export const editCaseSchema = z.object({
  status: requiredChoice(caseStatuses),
  closedReason: z
    .string()
    .trim()
    .max(closedReasonMaxLength, errorMessage("validation.tooLong", { max: closedReasonMaxLength }))
    .optional()
    .transform((value) => value || undefined),
  managerId: z.string({ error: "validation.choose" }).min(1, "validation.choose"),
  physicianId: optionalId,
  country: requiredChoice(countries),
  startKind: requiredChoice(startKinds),
  startDate: optionalDate,
});
