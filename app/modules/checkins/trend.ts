/**
 * The check-ins page's arithmetic, pure (no I/O), so the page, the server's
 * "Ask for a review" and the unit tests all use the same rules.
 *
 * Days are calendar days as `YYYY-MM-DD` (dates.ts). A week is named by its
 * Monday. Week 1 of a plan is the week (Monday to Sunday) of the case's start
 * date; a graded schedule's phase applies from its `startWeek` until the next
 * phase starts, and the last phase goes on.
 */
const dayMs = 86_400_000;

function dayValue(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return new Date(dayValue(day) + days * dayMs).toISOString().slice(0, 10);
}

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(dayValue(day)).getUTCDay(); // 0 is Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function isMonday(day: string): boolean {
  return mondayOf(day) === day;
}

/** The plan's number of the week that starts on `weekStart`: 1 for the week of the case's start date. */
export function weekNumber(weekStart: string, startDate: string): number {
  return (
    Math.floor((dayValue(mondayOf(weekStart)) - dayValue(mondayOf(startDate))) / (7 * dayMs)) + 1
  );
}

export type SchedulePhase = { startWeek: number; hoursPerWeek: number; agreed: boolean };
export type Planned = { hours: number; agreed: boolean };

/**
 * The hours planned for week `week`: those of the phase that started last on
 * or before it. None before the first phase (or before week 1). Two phases
 * starting in the same week: the one listed last counts.
 */
export function plannedFor(week: number, phases: readonly SchedulePhase[]): Planned | null {
  if (week < 1) return null;
  let current: SchedulePhase | null = null;
  for (const phase of phases) {
    if (phase.startWeek <= week && (current === null || phase.startWeek >= current.startWeek))
      current = phase;
  }
  return current ? { hours: current.hoursPerWeek, agreed: current.agreed } : null;
}

/** The hours planned for the week that starts on `weekStart`; none without a start date. */
export function plannedForWeek(
  weekStart: string,
  startDate: string | null,
  phases: readonly SchedulePhase[],
): Planned | null {
  return startDate ? plannedFor(weekNumber(weekStart, startDate), phases) : null;
}

export type Recorded = { weekStart: string; hours: number };

export type WeekRow = {
  /** The Monday that starts the week. */
  weekStart: string;
  /** The plan's week number, when the case has a start date. */
  week: number | null;
  planned: Planned | null;
  actual: number | null;
};

/**
 * The weeks the chart shows, oldest first: from the first week with a plan or
 * a record up to the current week (or the latest record), at most `maxWeeks`
 * of them (the newest). Weeks without a record have `actual: null`.
 */
export function weekRows(input: {
  startDate: string | null;
  phases: readonly SchedulePhase[];
  recorded: readonly Recorded[];
  today: string;
  maxWeeks?: number;
}): WeekRow[] {
  const { startDate, phases, recorded, today, maxWeeks = 26 } = input;
  const firsts: string[] = recorded.map((record) => record.weekStart);
  if (startDate && phases.length > 0) {
    const firstPhase = Math.max(1, Math.min(...phases.map((phase) => phase.startWeek)));
    firsts.push(addDays(mondayOf(startDate), (firstPhase - 1) * 7));
  }
  if (firsts.length === 0) return [];
  let first = firsts.reduce((a, b) => (a < b ? a : b));
  const last = [mondayOf(today), ...recorded.map((record) => record.weekStart)].reduce((a, b) =>
    a > b ? a : b,
  );
  if (first > last) return [];
  const earliest = addDays(last, -(maxWeeks - 1) * 7);
  if (first < earliest) first = earliest;
  const actual = new Map(recorded.map((record) => [record.weekStart, record.hours]));
  const rows: WeekRow[] = [];
  for (let weekStart = mondayOf(first); weekStart <= last; weekStart = addDays(weekStart, 7)) {
    rows.push({
      weekStart,
      week: startDate ? weekNumber(weekStart, startDate) : null,
      planned: plannedForWeek(weekStart, startDate, phases),
      actual: actual.get(weekStart) ?? null,
    });
  }
  return rows;
}

/** The Mondays a person can record hours for: this week and the `count - 1` before it, newest first. */
export function recentWeeks(today: string, count = 8): string[] {
  const current = mondayOf(today);
  return Array.from({ length: count }, (_, index) => addDays(current, -7 * index));
}

export type Pulse = { energy: number; workload: number; planFit: number };

export type ReviewReason =
  | {
      kind: "hours-below-plan";
      /** The two weeks, oldest first, with what was planned and worked. */
      weeks: Array<{ weekStart: string; planned: number; actual: number }>;
    }
  | {
      kind: "energy-drop";
      /** The energy it dropped from: the check-in before, or the highest of the four before. */
      from: number;
      to: number;
    };

/** How many points energy must drop before a review is suggested. */
export const energyDrop = 2;
/** How many check-ins before the latest one the energy is compared with. */
export const energyLookback = 4;

/**
 * Hours below the plan: the two most recent recorded weeks are consecutive,
 * both have planned hours, and in both fewer hours were worked than planned.
 */
export function hoursBelowPlan(
  recorded: readonly Recorded[],
  startDate: string | null,
  phases: readonly SchedulePhase[],
): ReviewReason | null {
  const [latest, before] = [...recorded].sort((a, b) => (a.weekStart < b.weekStart ? 1 : -1));
  if (!latest || !before || addDays(before.weekStart, 7) !== latest.weekStart) return null;
  const weeks = [before, latest].map((record) => ({
    weekStart: record.weekStart,
    planned: plannedForWeek(record.weekStart, startDate, phases)?.hours ?? null,
    actual: record.hours,
  }));
  if (!weeks.every((week) => week.planned !== null && week.actual < week.planned)) return null;
  return {
    kind: "hours-below-plan",
    weeks: weeks.map((week) => ({ ...week, planned: week.planned ?? 0 })),
  };
}

/**
 * Energy dropping: the latest check-in's energy is at least 2 points below
 * the check-in before it, or below the highest of the (up to) four check-ins
 * before it. `pulses` are oldest first. The one before is among those four,
 * so the highest of them is what the latest is compared with.
 */
export function energyDropped(pulses: readonly Pulse[]): ReviewReason | null {
  const latest = pulses.at(-1);
  const before = pulses.slice(-1 - energyLookback, -1);
  if (!latest || before.length === 0) return null;
  const highest = Math.max(...before.map((pulse) => pulse.energy));
  return highest - latest.energy >= energyDrop
    ? { kind: "energy-drop", from: highest, to: latest.energy }
    : null;
}

/** Why a review may help now (hours first), or nothing. The employee decides; nothing is sent. */
export function reviewReasons(input: {
  recorded: readonly Recorded[];
  startDate: string | null;
  phases: readonly SchedulePhase[];
  pulses: readonly Pulse[];
}): ReviewReason[] {
  return [
    hoursBelowPlan(input.recorded, input.startDate, input.phases),
    energyDropped(input.pulses),
  ].filter((reason): reason is ReviewReason => reason !== null);
}
