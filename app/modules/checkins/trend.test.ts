import { describe, expect, test } from "vitest";
import { checkInSchema, hoursSchema } from "./forms.ts";
import {
  addDays,
  energyDropped,
  hoursBelowPlan,
  isMonday,
  mondayOf,
  plannedFor,
  plannedForWeek,
  recentWeeks,
  reviewReasons,
  type SchedulePhase,
  weekNumber,
  weekRows,
} from "./trend.ts";

// 2026-11-04 is a Wednesday; its week starts on Monday 2026-11-02.
const start = "2026-11-04";
const phase = (startWeek: number, hoursPerWeek: number, agreed = true): SchedulePhase => ({
  startWeek,
  hoursPerWeek,
  agreed,
});
/** Up, down (a step back), up again. */
const schedule = [phase(1, 12), phase(3, 18), phase(5, 12, false), phase(7, 24)];

describe("weeks and Mondays", () => {
  test("a day's Monday, across a month and a year", () => {
    expect(mondayOf("2026-11-04")).toBe("2026-11-02");
    expect(mondayOf("2026-11-02")).toBe("2026-11-02");
    expect(mondayOf("2026-11-08")).toBe("2026-11-02"); // Sunday
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(isMonday("2026-11-09")).toBe(true);
    expect(isMonday("2026-11-10")).toBe(false);
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });

  test("week 1 is the week of the start date, whatever its weekday", () => {
    expect(weekNumber("2026-11-02", start)).toBe(1);
    expect(weekNumber("2026-11-09", start)).toBe(2);
    expect(weekNumber("2026-10-26", start)).toBe(0);
    expect(weekNumber("2027-01-04", start)).toBe(10);
    // A start on a Sunday: that week (from the Monday before) is week 1.
    expect(weekNumber("2026-11-02", "2026-11-08")).toBe(1);
    expect(weekNumber("2026-11-09", "2026-11-08")).toBe(2);
  });

  test("the weeks offered to record hours: this one and the seven before, newest first", () => {
    const weeks = recentWeeks("2026-11-04");
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toBe("2026-11-02");
    expect(weeks[1]).toBe("2026-10-26");
    expect(weeks.every(isMonday)).toBe(true);
  });
});

describe("planned hours", () => {
  test("a phase applies from its start week until the next starts; the last goes on", () => {
    expect(plannedFor(1, schedule)).toEqual({ hours: 12, agreed: true });
    expect(plannedFor(2, schedule)).toEqual({ hours: 12, agreed: true });
    expect(plannedFor(3, schedule)?.hours).toBe(18);
    expect(plannedFor(4, schedule)?.hours).toBe(18);
    // Stepping down, as a proposal…
    expect(plannedFor(5, schedule)).toEqual({ hours: 12, agreed: false });
    expect(plannedFor(6, schedule)?.hours).toBe(12);
    // …and up again; the last phase has no end.
    expect(plannedFor(7, schedule)?.hours).toBe(24);
    expect(plannedFor(60, schedule)?.hours).toBe(24);
  });

  test("nothing before week 1, before the first phase, or without a start date", () => {
    expect(plannedFor(0, schedule)).toBeNull();
    expect(plannedFor(-3, schedule)).toBeNull();
    expect(plannedFor(2, [phase(3, 18)])).toBeNull();
    expect(plannedFor(4, [])).toBeNull();
    expect(plannedForWeek("2026-11-02", null, schedule)).toBeNull();
    expect(plannedForWeek("2026-11-16", start, schedule)?.hours).toBe(18);
  });

  test("the phases' order in the list does not matter", () => {
    expect(plannedFor(4, schedule.toReversed())?.hours).toBe(18);
    expect(plannedFor(8, schedule.toReversed())?.hours).toBe(24);
  });
});

describe("the weeks the chart shows", () => {
  test("from the first phase to this week, with weeks without a record left empty", () => {
    const rows = weekRows({
      startDate: start,
      phases: schedule,
      recorded: [
        { weekStart: "2026-11-09", hours: 10 },
        { weekStart: "2026-11-23", hours: 0 },
      ],
      today: "2026-11-26",
    });
    expect(rows.map((row) => [row.week, row.planned?.hours ?? null, row.actual])).toEqual([
      [1, 12, null],
      [2, 12, 10],
      [3, 18, null],
      [4, 18, 0],
    ]);
    expect(rows[0]?.weekStart).toBe("2026-11-02");
  });

  test("without a start date: the recorded weeks, no week numbers and no plan", () => {
    const rows = weekRows({
      startDate: null,
      phases: schedule,
      recorded: [{ weekStart: "2026-11-09", hours: 8 }],
      today: "2026-11-18",
    });
    expect(rows).toEqual([
      { weekStart: "2026-11-09", week: null, planned: null, actual: 8 },
      { weekStart: "2026-11-16", week: null, planned: null, actual: null },
    ]);
  });

  test("nothing to show, and at most the newest weeks", () => {
    expect(weekRows({ startDate: null, phases: [], recorded: [], today: start })).toEqual([]);
    // A start in the future, nothing recorded: no week has come.
    expect(
      weekRows({ startDate: "2027-02-01", phases: schedule, recorded: [], today: start }),
    ).toEqual([]);
    const rows = weekRows({
      startDate: "2026-01-05",
      phases: schedule,
      recorded: [],
      today: start,
      maxWeeks: 12,
    });
    expect(rows).toHaveLength(12);
    expect(rows.at(-1)?.weekStart).toBe("2026-11-02");
  });
});

describe("suggesting a review: hours below the plan", () => {
  // Weeks 3 and 4 plan 18 hours; week 5 plans 12.
  const week = (n: number) => addDays("2026-11-02", (n - 1) * 7);

  test("the last two recorded weeks, consecutive, both below the plan", () => {
    const reason = hoursBelowPlan(
      [
        { weekStart: week(3), hours: 16 },
        { weekStart: week(4), hours: 17.5 },
        { weekStart: week(1), hours: 12 },
      ],
      start,
      schedule,
    );
    expect(reason).toEqual({
      kind: "hours-below-plan",
      weeks: [
        { weekStart: week(3), planned: 18, actual: 16 },
        { weekStart: week(4), planned: 18, actual: 17.5 },
      ],
    });
  });

  test("not when one of them meets the plan, or when only one week is recorded", () => {
    expect(
      hoursBelowPlan(
        [
          { weekStart: week(3), hours: 16 },
          { weekStart: week(4), hours: 18 },
        ],
        start,
        schedule,
      ),
    ).toBeNull();
    expect(hoursBelowPlan([{ weekStart: week(4), hours: 2 }], start, schedule)).toBeNull();
    expect(hoursBelowPlan([], start, schedule)).toBeNull();
  });

  test("only the two most recent records count: an earlier shortfall is history", () => {
    expect(
      hoursBelowPlan(
        [
          { weekStart: week(2), hours: 4 },
          { weekStart: week(3), hours: 5 },
          { weekStart: week(4), hours: 20 },
        ],
        start,
        schedule,
      ),
    ).toBeNull();
  });

  test("not when the two latest records are not consecutive weeks (a week without a record between)", () => {
    expect(
      hoursBelowPlan(
        [
          { weekStart: week(2), hours: 4 },
          { weekStart: week(4), hours: 5 },
        ],
        start,
        schedule,
      ),
    ).toBeNull();
  });

  test("stepping down counts against the lower plan of that week", () => {
    // Week 4 plans 18, week 5 (the step back) plans 12: 13 hours meets it.
    expect(
      hoursBelowPlan(
        [
          { weekStart: week(4), hours: 10 },
          { weekStart: week(5), hours: 13 },
        ],
        start,
        schedule,
      ),
    ).toBeNull();
    expect(
      hoursBelowPlan(
        [
          { weekStart: week(4), hours: 10 },
          { weekStart: week(5), hours: 11.5 },
        ],
        start,
        schedule,
      )?.kind,
    ).toBe("hours-below-plan");
  });

  test("not without a plan for both weeks: no start date, no schedule, or before the first phase", () => {
    const recorded = [
      { weekStart: week(3), hours: 1 },
      { weekStart: week(4), hours: 1 },
    ];
    expect(hoursBelowPlan(recorded, null, schedule)).toBeNull();
    expect(hoursBelowPlan(recorded, start, [])).toBeNull();
    expect(hoursBelowPlan(recorded, start, [phase(4, 20)])).toBeNull();
  });
});

describe("suggesting a review: energy dropping", () => {
  const pulses = (...energies: number[]) =>
    energies.map((energy) => ({ energy, workload: 3, planFit: 3 }));

  test("2 points below the check-in before", () => {
    expect(energyDropped(pulses(4, 2))).toEqual({ kind: "energy-drop", from: 4, to: 2 });
    expect(energyDropped(pulses(3, 3, 5, 3))).toEqual({ kind: "energy-drop", from: 5, to: 3 });
  });

  test("one point is not enough, and a rise never counts", () => {
    expect(energyDropped(pulses(4, 3))).toBeNull();
    expect(energyDropped(pulses(2, 5))).toBeNull();
    expect(energyDropped(pulses(5, 5, 4))).toBeNull();
    // A slow slide counts once it adds up to 2 points within the last five.
    expect(energyDropped(pulses(5, 4, 3))).toEqual({ kind: "energy-drop", from: 5, to: 3 });
  });

  test("2 points below the highest of the four before, even when the step from the last one is small", () => {
    expect(energyDropped(pulses(5, 4, 4, 4, 3))).toEqual({ kind: "energy-drop", from: 5, to: 3 });
    // The fifth one back is out of reach.
    expect(energyDropped(pulses(5, 4, 4, 4, 4, 3))).toBeNull();
  });

  test("a first check-in has nothing to compare with", () => {
    expect(energyDropped(pulses(1))).toBeNull();
    expect(energyDropped([])).toBeNull();
  });

  test("both reasons together, hours first", () => {
    const reasons = reviewReasons({
      recorded: [
        { weekStart: "2026-11-16", hours: 2 },
        { weekStart: "2026-11-23", hours: 2 },
      ],
      startDate: start,
      phases: schedule,
      pulses: pulses(5, 2),
    });
    expect(reasons.map((reason) => reason.kind)).toEqual(["hours-below-plan", "energy-drop"]);
    expect(
      reviewReasons({ recorded: [], startDate: start, phases: schedule, pulses: pulses(3, 3) }),
    ).toEqual([]);
  });
});

describe("the forms", () => {
  test("a check-in: three scores from 1 to 5, sharing private unless chosen", () => {
    const parsed = checkInSchema.parse({ energy: "3", workload: "1", planFit: "5" });
    expect(parsed).toEqual({ energy: 3, workload: 1, planFit: 5, sharing: "PRIVATE" });
    for (const bad of ["0", "6", "2.5", "x", undefined]) {
      const result = checkInSchema.safeParse({ energy: bad, workload: "1", planFit: "5" });
      expect(result.success, String(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("checkins:errors.score");
    }
    expect(
      checkInSchema.safeParse({ energy: "3", workload: "3", planFit: "3", sharing: "EVERYONE" })
        .success,
    ).toBe(false);
    const long = checkInSchema.safeParse({
      energy: "3",
      workload: "3",
      planFit: "3",
      comment: "x".repeat(2001),
    });
    expect(long.error?.issues[0]?.message).toBe("validation.tooLong?max=2000");
  });

  test("hours: a Monday of the last two years, 0 to 80 in halves, a comma as decimal point", () => {
    const schema = hoursSchema("2026-11-04");
    expect(schema.parse({ weekStart: "2026-10-26", hours: "12,5" })).toEqual({
      weekStart: "2026-10-26",
      hours: 12.5,
    });
    expect(schema.parse({ weekStart: "2026-11-02", hours: "0" }).hours).toBe(0);
    expect(schema.parse({ weekStart: "2026-11-02", hours: "80" }).hours).toBe(80);
    for (const hours of ["80.5", "-1", "12.25", "abc", "1e2", "", "Infinity"])
      expect(schema.safeParse({ weekStart: "2026-11-02", hours }).success, hours).toBe(false);
    for (const weekStart of ["2026-11-03", "2026-11-09", "2024-10-28", "2026-02-30", "x"])
      expect(schema.safeParse({ weekStart, hours: "8" }).error?.issues[0]?.message, weekStart).toBe(
        "checkins:errors.week",
      );
  });
});
