import { z } from "zod";
import { defineContent } from "#app/modules/content/content.server.ts";
import { sourceSchema, translated } from "#app/modules/content/schemas.ts";
import { type HubPageId, hubPageIds } from "#app/modules/hub/hub.ts";
import { type TimelineEvent, timelineEvents } from "./events.ts";

/**
 * Statutory timelines: the deadlines of a return to work, per country, kept
 * as data in `templates/timelines/` (nl.yaml, be.yaml, uk.yaml), and the
 * pure computation of a case's deadlines from its dates. No database: the
 * caller passes the case's facts and "today".
 *
 * A rule is due at the end of a week counted from the first day of absence
 * (NL: Wet verbetering poortwachter, DOMAIN.md §1.1), every N weeks after
 * another rule (NL: evaluations of the plan van aanpak), or a number of days,
 * weeks, months or working days after a dated event the case records (BE:
 * re-integratietraject and progressive return, §2.1 and §2.3; UK: fit notes
 * and review meetings, §3). Where the sources conflict or DOMAIN.md marks a
 * figure unconfirmed (§8), the rule carries an `unconfirmed` text.
 */

export const timelineCountries = ["NL", "BE", "UK"] as const;
export type TimelineCountry = (typeof timelineCountries)[number];

/** Who must act. `uwv` exists in the Netherlands only; `preventieadviseur` and `adviserend-arts` in Belgium only. */
export const responsibles = [
  "employer",
  "employee",
  "physician",
  "employer-and-employee",
  "uwv",
  "preventieadviseur",
  "adviserend-arts",
] as const;
export type Responsible = (typeof responsibles)[number];

const onlyIn: Partial<Record<Responsible, TimelineCountry>> = {
  uwv: "NL",
  preventieadviseur: "BE",
  "adviserend-arts": "BE",
};

// ── Schemas ─────────────────────────────────────────────────────────────────

const ruleIdSchema = z
  .string({ error: "must be an id" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
const sourceIdSchema = z
  .string({ error: "must be a source id" })
  .regex(/^[A-Z][0-9]+[a-z]?$/, "must be a source id from DOMAIN.md §9, such as S3 or B19");
const positive = z.int({ error: "must be a whole number" }).positive("must be 1 or more");
/** After-event offsets may be 0 (on the day) or negative (before the event: "the working day before"). */
const offset = z.int({ error: "must be a whole number" }).optional();

const afterEventUnits = ["days", "weeks", "months", "workingDays"] as const;

const timingSchema = z.discriminatedUnion(
  "kind",
  [
    /** Due at the end of week `week` of absence: day 7 × week, counted from the first day (day 1). */
    z.strictObject({ kind: z.literal("week"), week: positive }),
    /** Recurring: every `weeks` weeks after the rule `after` (a week rule), until the timeline's `lastWeek`. */
    z.strictObject({ kind: z.literal("every-weeks"), weeks: positive, after: ruleIdSchema }),
    /**
     * Relative to each recorded event of that name, in exactly one unit.
     * Working days are Monday to Friday: public holidays are not known here.
     */
    z
      .strictObject({
        kind: z.literal("after-event"),
        event: z.enum(timelineEvents),
        days: offset,
        weeks: offset,
        months: offset,
        workingDays: offset,
      })
      .refine(
        (timing) => afterEventUnits.filter((unit) => timing[unit] !== undefined).length === 1,
        {
          message: "must give exactly one of days, weeks, months or workingDays",
        },
      ),
  ],
  { error: "must be week, every-weeks or after-event" },
);
export type Timing = z.output<typeof timingSchema>;

const ruleSchema = z.strictObject({
  /** Never changes: cases record a rule as done by its id. */
  id: ruleIdSchema,
  title: translated(120),
  /** Plain language (B1), in work terms: no medical words. */
  description: translated(700),
  responsible: z.enum(responsibles),
  /** The information page (templates/hub/) that explains the step, and optionally a term on it. */
  hubPage: z.enum(hubPageIds),
  hubAnchor: ruleIdSchema.optional(),
  timing: timingSchema,
  /** DOMAIN.md source ids, each given an address in the file's `sources` map. */
  sources: z.array(sourceIdSchema).min(1, "must name at least one source"),
  /** Shown beside the date when the sources conflict or DOMAIN.md marks the figure unconfirmed (§8). */
  unconfirmed: translated(400).optional(),
});
export type TimelineRule = z.output<typeof ruleSchema>;

export const timelineSchema = z
  .strictObject({
    country: z.enum(timelineCountries),
    /** When the rules were last checked against DOMAIN.md (YYYY-MM-DD). */
    checked: z.iso.date({ error: "must be a date like 2026-11-30" }),
    /**
     * A new absence that starts at most this many days after the previous one
     * ended continues the same period (NL: 28, DOMAIN.md §1.1). Without it,
     * every absence starts its own count.
     */
    continuesWithinDays: positive.optional(),
    /** The last week of the timeline: recurring rules stop there (NL: 104). */
    lastWeek: positive.optional(),
    rules: z.array(ruleSchema).min(1, "must have at least one rule"),
    /** Each source id's title and address (DOMAIN.md §9). */
    sources: z.record(sourceIdSchema, sourceSchema),
  })
  .superRefine((timeline, context) => {
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    const prefix = `${timeline.country.toLowerCase()}-`;
    const ids = timeline.rules.map((rule) => rule.id);
    const used = new Set<string>();
    timeline.rules.forEach((rule, index) => {
      const at = (...path: PropertyKey[]) => ["rules", index, ...path];
      if (ids.indexOf(rule.id) !== index) issue(at("id"), `"${rule.id}" is used twice`);
      const country = onlyIn[rule.responsible];
      if (country && country !== timeline.country)
        issue(at("responsible"), `"${rule.responsible}" exists in ${country} only`);
      if (!rule.hubPage.startsWith(prefix))
        issue(at("hubPage"), `must be a ${timeline.country} page (${prefix}…)`);
      const { timing } = rule;
      if (timing.kind === "week" && timeline.lastWeek && timing.week > timeline.lastWeek)
        issue(at("timing", "week"), `must be at most the last week, ${timeline.lastWeek}`);
      if (timing.kind === "every-weeks") {
        const after = timeline.rules.find((other) => other.id === timing.after);
        if (!after || after === rule || after.timing.kind !== "week")
          issue(at("timing", "after"), `must name a week rule in this file, not "${timing.after}"`);
        if (!timeline.lastWeek)
          issue(at("timing"), "a recurring rule needs the timeline's lastWeek");
      }
      if (timing.kind === "after-event" && !timing.event.startsWith(prefix))
        issue(at("timing", "event"), `must be a ${timeline.country} event (${prefix}…)`);
      rule.sources.forEach((source, sourceIndex) => {
        used.add(source);
        if (!Object.hasOwn(timeline.sources, source))
          issue(
            at("sources", sourceIndex),
            `unknown source "${source}": add it to the sources map`,
          );
      });
    });
    for (const source of Object.keys(timeline.sources))
      if (!used.has(source)) issue(["sources", source], "is not used by any rule");
  });
export type Timeline = z.output<typeof timelineSchema>;

/** The file of each country's timeline, in `templates/timelines/`. */
export const timelineFiles = { NL: "nl.yaml", BE: "be.yaml", UK: "uk.yaml" } as const;

export const timelinesSchema = z
  .strictObject({ NL: timelineSchema, BE: timelineSchema, UK: timelineSchema })
  .superRefine((timelines, context) => {
    for (const country of timelineCountries)
      if (timelines[country].country !== country)
        context.addIssue({
          code: "custom",
          path: [country, "country"],
          message: `must be ${country}, the file's country`,
        });
  });
export type Timelines = Record<TimelineCountry, Timeline>;

/**
 * The three timelines, read and validated once per process by the content
 * loader the hub uses. NB this import of content.server.ts makes this module
 * server-only; a route component needing the types or deadlinesFor() in the
 * browser would need the loader moved to a timelines.server.ts, as hub/ does.
 */
export const timelinesContent = defineContent({
  what: "The statutory timelines",
  folder: "timelines",
  files: timelineFiles,
  schema: timelinesSchema,
});

export function loadTimelines(): Promise<Timelines> {
  return timelinesContent.load() as Promise<Timelines>;
}

// ── Dates: whole UTC days on YYYY-MM-DD strings ──────────────────────────────

const dayMs = 86_400_000;

/** A YYYY-MM-DD day as a day number (days since 1970-01-01, UTC). Refuses 2027-02-29 and the like. */
function toDay(iso: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : Number.NaN;
  if (Number.isNaN(ms) || fromDay(ms / dayMs) !== iso)
    throw new RangeError(`${what} must be a date like 2026-11-30, not "${iso}"`);
  return ms / dayMs;
}

function fromDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** The same day of the month `months` later, or that month's last day when it is shorter (31 Aug + 6 months = 28/29 Feb). */
function addMonths(day: number, months: number): number {
  const date = new Date(day * dayMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months; // Date.UTC carries overflowing months into the year
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / dayMs;
}

/** Counts `count` working days (Monday to Friday) forward, or back when negative. */
function addWorkingDays(day: number, count: number): number {
  let result = day;
  for (let left = Math.abs(count); left > 0; ) {
    result += Math.sign(count);
    const weekday = new Date(result * dayMs).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return result;
}

// ── Deadlines ────────────────────────────────────────────────────────────────

export type CaseFacts = {
  country: TimelineCountry;
  /**
   * The absence periods, oldest first: from the first sick day to the day of
   * full recovery (null while ongoing). `to` is the first day back, so the
   * absence's days are `from` up to the day before `to`.
   */
  absences: Array<{ from: string /* YYYY-MM-DD */; to: string | null }>;
  /** Dated events the case has recorded (BE assessment request, UK fit note end, …). */
  events: Array<{ event: TimelineEvent; on: string /* YYYY-MM-DD */ }>;
  /** Deadlines marked done, by rule id (and occurrence for recurring ones), with the date. No occurrence means the first. */
  done: Array<{ ruleId: string; occurrence?: number; on: string }>;
};

export type DeadlineState = "upcoming" | "due" | "done" | "late";

export type Deadline = {
  ruleId: string;
  /** Every-weeks rules: the 1st, 2nd, … repetition. After-event rules: the 1st, 2nd, … event of that name, by date. */
  occurrence?: number;
  due: string /* YYYY-MM-DD */;
  state: DeadlineState;
  doneOn?: string;
  responsible: Responsible;
  hubPage: HubPageId;
  hubAnchor?: string;
  unconfirmed: boolean;
};

/** A deadline not done: "late" once its day has passed; "due" from 13 days before it (the next 14 days, today included). */
function stateOn(today: number, due: number): DeadlineState {
  if (due < today) return "late";
  return due - today < 14 ? "due" : "upcoming";
}

type Span = { from: number; to: number | null };

/**
 * The absences of the current period (DOMAIN.md §1.1): an absence that starts
 * at most `continuesWithinDays` after the previous one ended continues its
 * period ("samentelling": their days add up); after a longer recovery, or
 * when the timeline has no such rule, the count restarts.
 */
function currentPeriod(absences: Span[], continuesWithinDays: number | undefined): Span[] {
  let period: Span[] = [];
  for (const absence of absences) {
    const last = period.at(-1);
    const continues =
      last?.to != null &&
      continuesWithinDays !== undefined &&
      absence.from - last.to <= continuesWithinDays;
    period = continues ? [...period, absence] : [absence];
  }
  return period;
}

/**
 * The date of the period's `n`th day of absence (day 1 is the first). Days
 * between absences do not count. Past the end of an ended period, the count
 * runs on as if the last absence had not ended: the date a deadline would
 * have had, kept when it was marked done.
 */
function nthDayOfAbsence(period: Span[], n: number): number {
  let before = 0;
  for (const [index, span] of period.entries()) {
    const last = index === period.length - 1;
    const length = last || span.to === null ? Number.POSITIVE_INFINITY : span.to - span.from;
    if (n <= before + length) return span.from + (n - 1 - before);
    before += length;
  }
  throw new Error("a period has at least one absence");
}

function isAbsent(period: Span[], day: number): boolean {
  return period.some((span) => span.from <= day && (span.to === null || day < span.to));
}

function absencesOf(facts: CaseFacts): Span[] {
  const spans = facts.absences.map((absence, index) => ({
    from: toDay(absence.from, `absences[${index}].from`),
    to: absence.to === null ? null : toDay(absence.to, `absences[${index}].to`),
  }));
  spans.forEach((span, index) => {
    const previous = spans[index - 1];
    if (span.to !== null && span.to <= span.from)
      throw new RangeError(`absences[${index}] must end after it starts`);
    if (previous && (previous.to === null || span.from < previous.to))
      throw new RangeError(`absences[${index}] must start after the previous absence ended`);
  });
  return spans;
}

function afterEvent(timing: Extract<Timing, { kind: "after-event" }>, on: number): number {
  if (timing.workingDays !== undefined) return addWorkingDays(on, timing.workingDays);
  if (timing.months !== undefined) return addMonths(on, timing.months);
  return on + (timing.days ?? 0) + 7 * (timing.weeks ?? 0);
}

/**
 * A case's deadlines on `today`, by due date. Week and every-weeks rules count
 * in the current period of absence, and are left out where they do not apply
 * (the absence ended before them, or they fall between two absences) unless
 * they were marked done in this period. After-event rules give one deadline
 * per recorded event of their name.
 */
export function deadlinesFor(timeline: Timeline, facts: CaseFacts, today: string): Deadline[] {
  if (facts.country !== timeline.country)
    throw new RangeError(`a ${facts.country} case needs the ${facts.country} timeline`);
  const now = toDay(today, "today");
  const period = currentPeriod(absencesOf(facts), timeline.continuesWithinDays);
  const periodStart = period[0]?.from;
  const done = facts.done.map((mark, index) => ({
    ...mark,
    day: toDay(mark.on, `done[${index}].on`),
  }));
  const events = facts.events
    .map((recorded, index) => ({ ...recorded, day: toDay(recorded.on, `events[${index}].on`) }))
    .sort((a, b) => a.day - b.day);

  /** The done mark of a deadline; week and every-weeks marks count only in the current period. */
  const doneMark = (rule: TimelineRule, occurrence: number | undefined) =>
    done.find(
      (mark) =>
        mark.ruleId === rule.id &&
        (mark.occurrence ?? 1) === (occurrence ?? 1) &&
        (rule.timing.kind === "after-event" || mark.day >= (periodStart ?? mark.day)),
    );

  const deadlines: Array<Deadline & { order: number }> = [];
  const add = (rule: TimelineRule, due: number, occurrence?: number) => {
    const mark = doneMark(rule, occurrence);
    const state = mark ? "done" : stateOn(now, due);
    const deadline: Deadline & { order: number } = {
      ruleId: rule.id,
      ...(occurrence === undefined ? {} : { occurrence }),
      due: fromDay(due),
      state,
      ...(mark ? { doneOn: mark.on } : {}),
      responsible: rule.responsible,
      hubPage: rule.hubPage,
      ...(rule.hubAnchor ? { hubAnchor: rule.hubAnchor } : {}),
      unconfirmed: rule.unconfirmed !== undefined,
      order: timeline.rules.indexOf(rule),
    };
    deadlines.push(deadline);
    return deadline;
  };
  /** Adds a period deadline if it applies (the employee is absent that day) or was marked done anyway. */
  const addInPeriod = (rule: TimelineRule, due: number, occurrence?: number) =>
    isAbsent(period, due) || doneMark(rule, occurrence) ? add(rule, due, occurrence) : undefined;

  // Week rules first: every-weeks rules count from one of them.
  const byRule = new Map<string, Deadline>();
  for (const rule of timeline.rules) {
    if (rule.timing.kind !== "week" || period.length === 0) continue;
    const deadline = addInPeriod(rule, nthDayOfAbsence(period, 7 * rule.timing.week));
    if (deadline) byRule.set(rule.id, deadline);
  }

  for (const rule of timeline.rules) {
    const { timing } = rule;
    if (timing.kind === "every-weeks") {
      // Counted from the day the earlier step was done, else from its due date.
      const anchor = byRule.get(timing.after);
      if (!anchor || !timeline.lastWeek) continue;
      const start = toDay(anchor.doneOn ?? anchor.due, "anchor");
      const end = nthDayOfAbsence(period, 7 * timeline.lastWeek);
      for (let occurrence = 1; start + 7 * timing.weeks * occurrence <= end; occurrence++)
        addInPeriod(rule, start + 7 * timing.weeks * occurrence, occurrence);
    } else if (timing.kind === "after-event") {
      const recorded = events.filter((event) => event.event === timing.event);
      for (const [index, event] of recorded.entries())
        add(rule, afterEvent(timing, event.day), index + 1);
    }
  }

  return deadlines
    .sort(
      (a, b) =>
        a.due.localeCompare(b.due) ||
        a.order - b.order ||
        (a.occurrence ?? 0) - (b.occurrence ?? 0),
    )
    .map(({ order: _order, ...deadline }) => deadline);
}
