import { z } from "zod";
import { isoDay } from "./dates.ts";
import { errorMessage } from "./error-messages.ts";

const required = "validation.required";

/** A required line of text, trimmed, at most `max` characters. */
export function requiredText(max = 200) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, errorMessage("validation.tooLong", { max }));
}

export function requiredEmail() {
  return z
    .string({ error: required })
    .trim()
    .toLowerCase()
    .max(254, errorMessage("validation.tooLong", { max: 254 }))
    .pipe(z.email("validation.email"));
}

/** One of a fixed set of values, chosen from a list. */
export function requiredChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: "validation.choose" });
}

/** The largest whole number a PostgreSQL `integer` column holds. */
export const databaseIntMax = 2_147_483_647;

/** A whole number from a form, within bounds (never past what the database holds). */
export function wholeNumber(min: number, max: number, message: string) {
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(Math.min(max, databaseIntMax), message);
}

/**
 * How far from today a date may lie, in days (negative: in the past). Each
 * date field picks its range from `dateRanges`, so the limits are in one place.
 */
export type DateRange = { earliest: number; latest: number };

const daysPerYear = 365;
export const dateRanges = {
  /**
   * The first day of absence, or the day the employee told the employer. A
   * case may be opened late (Dutch and Belgian absences run two years and
   * more), so up to five years back; and ahead up to six months, for an
   * absence that is already planned (an operation).
   */
  caseStart: { earliest: -5 * daysPerYear, latest: 183 },
  /** An adjustment may already be in place for years, or be planned up to two years ahead. */
  adjustmentStart: { earliest: -5 * daysPerYear, latest: 2 * daysPerYear },
  /**
   * Reviews and consultations lie ahead: a month's grace for one that just
   * happened and is recorded late, at most two years ahead (a plan is
   * reviewed well before that).
   */
  upcoming: { earliest: -31, latest: 2 * daysPerYear },
} satisfies Record<string, DateRange>;

/** Whether a value is YYYY-MM-DD and that day exists on the calendar (no 2026-02-30, no 5-digit year). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The one message about a date, or none: not a real date, too early, or too late. */
export function dateProblem(value: string, range: DateRange, now = new Date()): string | null {
  if (!isCalendarDate(value)) return "validation.date";
  const min = isoDay(range.earliest, now);
  if (value < min) return errorMessage("validation.dateTooEarly", { min });
  const max = isoDay(range.latest, now);
  if (value > max) return errorMessage("validation.dateTooLate", { max });
  return null;
}

/**
 * A date from a date field, as YYYY-MM-DD: a real calendar date within the
 * field's range around today. `unchanged` is the value already stored when an
 * existing record is edited: keeping it is always allowed, so an agreed item
 * whose review date has passed can still be changed in other ways.
 */
export function requiredDate(range: DateRange, unchanged?: string) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .superRefine((value, context) => checkDate(value, range, unchanged, context));
}

/** Like requiredDate, but an empty field means "no date". */
export function optionalDate(range: DateRange, unchanged?: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .superRefine((value, context) => {
      if (value !== undefined) checkDate(value, range, unchanged, context);
    });
}

function checkDate(
  value: string,
  range: DateRange,
  unchanged: string | undefined,
  context: z.RefinementCtx,
) {
  if (value === unchanged && isCalendarDate(value)) return;
  const problem = dateProblem(value, range);
  if (problem) context.addIssue({ code: "custom", message: problem });
}
