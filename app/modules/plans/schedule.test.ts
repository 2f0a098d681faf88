import { describe, expect, test } from "vitest";
import { type Phase, repeatOrStepBack } from "./schedule.ts";

const canStepBack = (phases: Phase[], id: string) => repeatOrStepBack(phases, id, true).ok;

const phases: Phase[] = [
  { id: "a", startWeek: 1, hoursPerWeek: 8 },
  { id: "b", startWeek: 3, hoursPerWeek: 16 },
  { id: "c", startWeek: 5, hoursPerWeek: 24 },
];

describe("repeating a phase or stepping back", () => {
  test("repeating inserts the same hours for as long as the phase lasts, and moves every later phase", () => {
    expect(repeatOrStepBack(phases, "b", false)).toEqual({
      ok: true,
      value: {
        insert: { startWeek: 5, hoursPerWeek: 16, weeks: 2 },
        moves: [{ id: "c", from: 5, to: 7 }],
      },
    });
  });

  test("stepping back inserts the hours of the phase before, after the chosen phase", () => {
    const change = repeatOrStepBack(phases, "c", true);
    expect(change).toEqual({
      ok: true,
      value: { insert: { startWeek: 7, hoursPerWeek: 16, weeks: 2 }, moves: [] },
    });
  });

  test("stepping back is not offered on the first phase, or after a phase with fewer hours", () => {
    expect(canStepBack(phases, "a")).toBe(false);
    expect(repeatOrStepBack(phases, "a", true)).toEqual({ ok: false, reason: "no-step-back" });
    const downward = [
      { id: "x", startWeek: 1, hoursPerWeek: 20 },
      { id: "y", startWeek: 4, hoursPerWeek: 12 },
    ];
    expect(canStepBack(downward, "y")).toBe(false);
    expect(canStepBack(phases, "b")).toBe(true);
  });

  test("two phases that start the same week are refused, not duplicated", () => {
    const clash = [...phases, { id: "d", startWeek: 3, hoursPerWeek: 20 }];
    // b is followed by d in the same week: b has no length to repeat.
    expect(repeatOrStepBack(clash, "b", false)).toEqual({ ok: false, reason: "same-start-week" });
  });

  test("nothing may go past week 104, the end of a schedule", () => {
    const late = [
      { id: "p", startWeek: 100, hoursPerWeek: 20 },
      { id: "q", startWeek: 104, hoursPerWeek: 24 },
    ];
    expect(repeatOrStepBack(late, "q", false)).toEqual({ ok: false, reason: "past-last-week" });
    expect(repeatOrStepBack(late, "p", false)).toEqual({ ok: false, reason: "past-last-week" });
    expect(repeatOrStepBack([{ id: "r", startWeek: 102, hoursPerWeek: 8 }], "r", false)).toEqual({
      ok: true,
      value: { insert: { startWeek: 104, hoursPerWeek: 8, weeks: 2 }, moves: [] },
    });
  });

  test("an unknown phase is not found", () => {
    expect(repeatOrStepBack(phases, "nope", false)).toEqual({ ok: false, reason: "not-found" });
  });
});
