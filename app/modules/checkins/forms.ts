import { z } from "zod";
import { isoDay } from "#app/modules/dates.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { isCalendarDate, wholeNumber } from "#app/modules/validation.ts";
import { addDays, isMonday, mondayOf } from "./trend.ts";

/**
 * The check-ins page's forms, for the browser and the server alike. Messages
 * are translation keys; a refused form comes back with what was typed.
 */

/** The three scores of a check-in, 1 (very low) to 5 (very good). */
export const scoreFields = ["energy", "workload", "planFit"] as const;
export type ScoreField = (typeof scoreFields)[number];
export const scores = [1, 2, 3, 4, 5] as const;

/** Who else reads a check-in: nobody (the default), the physician, or the physician and the employer side. */
export const sharings = ["PRIVATE", "PHYSICIAN", "EMPLOYER"] as const;
export type Sharing = (typeof sharings)[number];

export const commentMaxLength = 2000;
/** Hours worked in one week: 0 to 80, whole or half hours. */
export const maxHours = 80;
/** How far back hours can be recorded: two years, as far as a schedule goes. */
export const hoursWeeksBack = 104;

const score = wholeNumber(1, 5, "checkins:errors.score");

export const checkInSchema = z.object({
  energy: score,
  workload: score,
  planFit: score,
  comment: z
    .string()
    .trim()
    .max(commentMaxLength, errorMessage("validation.tooLong", { max: commentMaxLength }))
    .optional()
    .transform((value) => value || undefined),
  sharing: z.enum(sharings, { error: "validation.choose" }).default("PRIVATE"),
});
export type CheckInInput = z.infer<typeof checkInSchema>;

const hoursMessage = "checkins:errors.hours";
const weekMessage = "checkins:errors.week";

/**
 * Hours worked in a week, named by its Monday: this week or one of the two
 * years before. A comma is read as a decimal point ("12,5").
 */
export function hoursSchema(today = isoDay()) {
  const latest = mondayOf(today);
  const earliest = addDays(latest, -7 * hoursWeeksBack);
  return z.object({
    weekStart: z
      .string({ error: weekMessage })
      .trim()
      .refine(
        (value) => isCalendarDate(value) && isMonday(value) && value >= earliest && value <= latest,
        weekMessage,
      ),
    hours: z
      .string({ error: hoursMessage })
      .trim()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/, hoursMessage)
      .transform((value) => Number(value.replace(",", ".")))
      .pipe(
        z.number().min(0, hoursMessage).max(maxHours, hoursMessage).multipleOf(0.5, hoursMessage),
      ),
  });
}
export type HoursInput = z.infer<ReturnType<typeof hoursSchema>>;

/** How often the employee wants the reminder e-mails to ask for a check-in. */
export const checkInRhythms = ["NONE", "WEEKLY", "FORTNIGHTLY"] as const;
export type CheckInRhythm = (typeof checkInRhythms)[number];
