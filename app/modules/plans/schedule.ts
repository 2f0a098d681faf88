import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lastWeek } from "./kinds.ts";

/**
 * Recovery is not a straight line, so a graded schedule can go back as well
 * as forward. Pure rules (no I/O), so the page can say exactly what a change
 * will do before anyone makes it, and the server does exactly that.
 *
 * - Repeat: the chosen phase's hours once more, for as long as the phase
 *   lasts, straight after it.
 * - Step back: after the chosen phase, the hours of the phase before it, for
 *   as long as the chosen phase lasts. Only offered where it means something:
 *   the phase before has fewer hours.
 *
 * Either way the new phase is inserted after the chosen one and every later
 * phase moves on by the same number of weeks; each moved phase changes, so it
 * needs the other side's agreement again.
 */
/** How long the last phase counts as lasting: it has no next phase to end it. */
const lastPhaseWeeks = 2;

export type Phase = { id: string; startWeek: number; hoursPerWeek: number };

export type ScheduleChange = {
  /** The phase inserted after the chosen one. */
  insert: { startWeek: number; hoursPerWeek: number; weeks: number };
  /** Later phases, each moved on by `insert.weeks`. */
  moves: Array<{ id: string; from: number; to: number }>;
};

export type ScheduleRefusal = "not-found" | "same-start-week" | "past-last-week" | "no-step-back";

function byStart(phases: Phase[]): Phase[] {
  return [...phases].sort((a, b) => a.startWeek - b.startWeek);
}

export function repeatOrStepBack(
  phases: Phase[],
  phaseId: string,
  stepBack: boolean,
): Result<ScheduleChange, Refusal<ScheduleRefusal>> {
  const sorted = byStart(phases);
  const index = sorted.findIndex((phase) => phase.id === phaseId);
  const chosen = sorted[index];
  if (!chosen) return refused("not-found");
  const next = sorted[index + 1];
  const previous = sorted[index - 1];
  const weeks = next ? next.startWeek - chosen.startWeek : lastPhaseWeeks;
  // Two phases starting the same week leave nothing to repeat: the plan must say which comes first.
  if (weeks <= 0) return refused("same-start-week");
  if (stepBack && !(previous && previous.hoursPerWeek < chosen.hoursPerWeek)) {
    return refused("no-step-back");
  }
  const later = sorted.slice(index + 1);
  const lastStart = Math.max(chosen.startWeek + weeks, ...later.map((p) => p.startWeek + weeks));
  if (lastStart > lastWeek) return refused("past-last-week");
  return done({
    insert: {
      startWeek: chosen.startWeek + weeks,
      hoursPerWeek: stepBack && previous ? previous.hoursPerWeek : chosen.hoursPerWeek,
      weeks,
    },
    moves: later.map((phase) => ({
      id: phase.id,
      from: phase.startWeek,
      to: phase.startWeek + weeks,
    })),
  });
}
