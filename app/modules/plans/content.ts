import { z } from "zod";
import { errorMessage } from "#app/modules/error-messages.ts";
import { contentHash } from "#app/modules/hash.ts";
import {
  dateRanges,
  isCalendarDate,
  optionalDate,
  requiredDate,
  wholeNumber,
} from "#app/modules/validation.ts";
import {
  adjustmentStages,
  agreementTopics,
  capacityAreas,
  type ItemKind,
  lastWeek,
  tellers,
  textLimits,
  weekdays,
} from "./kinds.ts";

/**
 * What each kind of plan item holds, in work terms only: never a diagnosis or
 * treatment (free-text fields say so on the form). One schema per kind,
 * shared by the browser and the server; messages are translation keys.
 */
const required = "validation.required";
const text = (max: number) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, errorMessage("validation.tooLong", { max }));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, errorMessage("validation.tooLong", { max }))
    .optional()
    .transform((value) => value || undefined);
/** The stored value of a date field, when an existing item is edited (see requiredDate). */
const storedDate = (current: Record<string, unknown> | undefined, field: string) => {
  const value = current?.[field];
  return typeof value === "string" ? value : undefined;
};

export const capacitySchema = z
  .object({
    area: z.enum(capacityAreas, { error: "validation.choose" }),
    effects: z
      .array(z.string().max(60))
      .max(20)
      .default([])
      .transform((effects) => [...new Set(effects)].sort()),
    whatHelps: optionalText(textLimits.whatHelps),
    whatIsHard: optionalText(textLimits.whatIsHard),
  })
  .refine((value) => value.whatHelps || value.whatIsHard, {
    message: "plans:errors.helpsOrHard",
    path: ["whatHelps"],
  });

const adjustmentSchemaFor = (current?: Record<string, unknown>) =>
  z
    .object({
      catalogueId: optionalText(20),
      title: optionalText(120),
      details: optionalText(textLimits.details),
      owner: text(100),
      startDate: requiredDate(dateRanges.adjustmentStart, storedDate(current, "startDate")),
      reviewDate: optionalDate(dateRanges.upcoming, storedDate(current, "reviewDate")),
      stage: z.enum(adjustmentStages, { error: "validation.choose" }).default("planned"),
      stageReason: optionalText(textLimits.stageReason),
    })
    .refine((value) => value.catalogueId || value.title, { message: required, path: ["title"] })
    .refine(
      (value) => !(value.stage === "stopped" || value.stage === "refused") || value.stageReason,
      {
        message: "plans:errors.reasonForStage",
        path: ["stageReason"],
      },
    )
    .refine(
      (value) =>
        !value.reviewDate ||
        // A date that is not a date has its own message already.
        !isCalendarDate(value.reviewDate) ||
        !isCalendarDate(value.startDate) ||
        value.reviewDate >= value.startDate,
      {
        message: "plans:errors.reviewBeforeStart",
        path: ["reviewDate"],
      },
    );
export const adjustmentSchema = adjustmentSchemaFor();

export const schedulePhaseSchema = z.object({
  startWeek: wholeNumber(1, lastWeek, "plans:errors.wholeWeek"),
  hoursPerWeek: z.coerce
    .number({ error: required })
    .min(0, "plans:errors.hours")
    .max(60, "plans:errors.hours")
    .multipleOf(0.5, "plans:errors.hours"),
  days: z
    .array(z.enum(weekdays))
    .max(7)
    .default([])
    .transform((days) => weekdays.filter((day) => days.includes(day))),
  tasksIncluded: optionalText(textLimits.tasksIncluded),
  tasksExcluded: optionalText(textLimits.tasksExcluded),
});

export const agreementSchema = z.object({
  topic: z.enum(agreementTopics, { error: "validation.choose" }),
  text: text(textLimits.text),
  frequency: optionalText(100),
  whoTells: z
    .enum(tellers)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** A time of day, HH:MM, or none. */
const optionalTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "validation.time" })
  .optional()
  .or(z.literal("").transform(() => undefined));

const reviewSchemaFor = (current?: Record<string, unknown>) =>
  z.object({
    date: requiredDate(dateRanges.upcoming, storedDate(current, "date")),
    /** Optional: with a time, both sides get a calendar invitation at that hour once it is agreed. */
    time: optionalTime,
    note: optionalText(textLimits.note),
  });
export const reviewSchema = reviewSchemaFor();

/** The schema of each kind, for a new item. */
export const contentSchemas = {
  CAPACITY: capacitySchema,
  ADJUSTMENT: adjustmentSchema,
  SCHEDULE_PHASE: schedulePhaseSchema,
  AGREEMENT: agreementSchema,
  REVIEW: reviewSchema,
} as const;

/**
 * The schema for changing an existing item: as for a new one, except that a
 * date left as it was is accepted even when it is now out of range (a review
 * date that has passed must not make an agreed item unchangeable).
 */
export function editSchema<K extends ItemKind>(
  kind: K,
  current: Record<string, unknown>,
): (typeof contentSchemas)[K] {
  const schemas = {
    ...contentSchemas,
    ADJUSTMENT: adjustmentSchemaFor(current),
    REVIEW: reviewSchemaFor(current),
  };
  return schemas[kind];
}

export type CapacityContent = z.infer<typeof capacitySchema>;
export type AdjustmentContent = z.infer<typeof adjustmentSchema>;
export type SchedulePhaseContent = z.infer<typeof schedulePhaseSchema>;
export type AgreementContent = z.infer<typeof agreementSchema>;
export type ReviewContent = z.infer<typeof reviewSchema>;
export type ContentOf = {
  CAPACITY: CapacityContent;
  ADJUSTMENT: AdjustmentContent;
  SCHEDULE_PHASE: SchedulePhaseContent;
  AGREEMENT: AgreementContent;
  REVIEW: ReviewContent;
};

export type JsonValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };
export type StoredContent = { [key: string]: JsonValue };

/**
 * Content as stored: empty fields dropped, so equal content always hashes
 * equally (the schemas already put lists in a fixed order).
 */
export function normaliseContent(content: object): StoredContent {
  return Object.fromEntries(
    Object.entries(content).filter(
      ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/** The fingerprint of an item's content: what each side's agreement points at. */
export function itemHash(kind: ItemKind, content: StoredContent): string {
  return contentHash({ kind, content });
}
