import { z } from "zod";
import { dateRanges, optionalDate, requiredChoice, requiredDate } from "#app/modules/validation.ts";
import { type TimelineEvent, timelineEvents } from "./events.ts";

/**
 * The timeline page's forms, for the browser and the server alike. Messages
 * are translation keys; a refused form comes back with what was typed and
 * the message at the field it is about.
 */

/** The dated steps a case's country knows ("nl-…", "be-…", "uk-…"). */
export const eventsOf = (country: string): TimelineEvent[] =>
  timelineEvents.filter((event) => event.startsWith(`${country.toLowerCase()}-`));

/** Which deadline a "done" or "undo" form is about: hidden fields, so a wrong one is a stale page. */
const deadlineRef = {
  ruleId: z.string().regex(/^[a-z0-9-]{1,60}$/),
  occurrence: z.coerce.number().int().min(0).max(500),
};

export const doneSchema = z.object({ ...deadlineRef, doneOn: requiredDate(dateRanges.caseStart) });
/** Which deadline an "undo" is about (and a "done", before its date is read). */
export const deadlineRefSchema = z.object(deadlineRef);

/** A period of absence; an open one has no end yet. The day back comes after the first day. */
export const absenceSchema = z
  .object({
    startsOn: requiredDate(dateRanges.caseStart),
    endsOn: optionalDate(dateRanges.caseStart),
  })
  .refine((value) => !value.endsOn || value.endsOn > value.startsOn, {
    path: ["endsOn"],
    message: "timelines:errors.endBeforeStart",
  });

/** A dated step, one of those the case's country knows. */
export function eventSchema(country: string) {
  const events = eventsOf(country);
  return z.object({
    event: requiredChoice(events as [TimelineEvent, ...TimelineEvent[]]),
    on: requiredDate(dateRanges.caseStart),
  });
}

/** Whether a new period overlaps one already recorded (an open period runs on for ever). */
export function overlapsAbsence(
  absences: ReadonlyArray<{ startsOn: string; endsOn: string | null }>,
  period: { startsOn: string; endsOn?: string | undefined },
): boolean {
  const open = "9999-12-31";
  const to = period.endsOn ?? open;
  return absences.some(
    (absence) => period.startsOn < (absence.endsOn ?? open) && absence.startsOn < to,
  );
}

/** The id of a deadline's "done" form, so a refused one comes back to the right card. */
export const doneFormId = (ruleId: string, occurrence: number) => `done-${ruleId}-${occurrence}`;
