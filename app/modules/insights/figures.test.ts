import { describe, expect, test } from "vitest";
import { type CaseFacts, computeInsights, daysToPlan, median, returnOf } from "./figures.ts";

const now = new Date("2026-11-30T12:00:00Z");
const at = (day: string) => new Date(`${day}T09:00:00Z`);

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    department: null,
    openedAt: at("2025-02-01"),
    status: "ABSENT",
    closedCategory: null,
    firstAgreedAt: null,
    statusChanges: [{ toStatus: "PREPARING", at: at("2025-02-01") }],
    adjustments: [],
    ...overrides,
  };
}

describe("the definitions", () => {
  test("days to a plan count calendar days, whatever the hour", () => {
    expect(
      daysToPlan({ openedAt: at("2025-03-01"), firstAgreedAt: new Date("2025-03-11T23:59:00Z") }),
    ).toBe(10);
    expect(daysToPlan({ openedAt: at("2025-03-01"), firstAgreedAt: null })).toBeNull();
  });

  test("the median is the middle value, or the rounded mean of the middle two", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 4, 10])).toBe(3);
    expect(median([1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  test("a return starts at the first 'returning' or 'back at work', and lasts unless 'absent' follows within 6 months", () => {
    const returned = (changes: Array<[string, string]>) =>
      returnOf(
        {
          statusChanges: changes.map(([toStatus, day]) => ({
            toStatus: toStatus as CaseFacts["status"],
            at: at(day),
          })),
        },
        now,
      );
    expect(returned([["ABSENT", "2025-01-01"]])).toBe("none");
    expect(returned([["RETURNING", "2026-06-01"]])).toBe("too recent");
    expect(
      returned([
        ["RETURNING", "2025-01-10"],
        ["ABSENT", "2025-07-10"],
      ]),
    ).toBe("absent again");
    // Absent again one day after the six months: the return was sustained.
    expect(
      returned([
        ["RETURNING", "2025-01-10"],
        ["ABSENT", "2025-07-11"],
      ]),
    ).toBe("sustained");
    // Straight back at work counts as the start; closing is not an absence.
    expect(
      returned([
        ["SUSTAINED", "2025-01-10"],
        ["CLOSED", "2025-03-01"],
      ]),
    ).toBe("sustained");
  });
});

describe("the figures of a known set of cases", () => {
  const returning = (start: string, relapse?: string): Pick<CaseFacts, "statusChanges"> => ({
    statusChanges: [
      { toStatus: "PREPARING", at: at("2025-01-02") },
      { toStatus: "RETURNING", at: at(start) },
      ...(relapse ? [{ toStatus: "ABSENT" as const, at: at(relapse) }] : []),
    ],
  });
  // 12 cases opened in 2025: 5 closed (returned to own work), 7 open.
  const cases: CaseFacts[] = [
    ...[3, 10, 20, 40, 41].map((days, i) =>
      facts({
        status: "CLOSED",
        closedCategory: "RETURNED_OWN_WORK",
        openedAt: at("2025-01-02"),
        firstAgreedAt: new Date(Date.UTC(2025, 0, 2 + days, 15)),
        adjustments: i < 3 ? ["hours", "hours", "pace"] : ["hours", "own"],
        ...returning("2025-03-01"),
      }),
    ),
    ...[1, 2, 3, 4, 5].map((i) =>
      facts({
        adjustments: ["tasks"],
        ...returning("2025-04-01", i === 5 ? "2025-06-01" : undefined),
      }),
    ),
    facts(),
    facts(),
  ];
  const { organization } = computeInsights(cases, [], now);

  test("open and closed", () => {
    expect(organization.cases).toEqual({ shown: true, value: 12 });
    expect(organization.open).toEqual({ shown: true, value: 7 });
    expect(organization.closed).toEqual({ shown: true, value: 5 });
  });

  test("the median over the five cases with an agreed plan", () => {
    expect(organization.planMedian).toEqual({ shown: true, days: 20, cases: 5 });
  });

  test("closing reasons by category", () => {
    expect(
      organization.closing.map((row) => [row.category, row.cases.shown && row.cases.value]),
    ).toEqual([
      ["RETURNED_OWN_WORK", 5],
      ["RETURNED_OTHER_WORK", 0],
      ["LEFT_ORGANIZATION", 0],
      ["NOT_ABLE_TO_RETURN", 0],
      ["OTHER", 0],
    ]);
  });

  test("adjustments by category: cases with one or more, and how many", () => {
    const byGroup = Object.fromEntries(
      organization.adjustments.map((row) => [
        row.group,
        [
          row.cases.shown ? row.cases.value : "hidden",
          row.adjustments.shown ? row.adjustments.value : "hidden",
        ],
      ]),
    );
    expect(byGroup).toEqual({
      hours: [5, 8],
      pace: ["hidden", "hidden"], // 3 cases
      tasks: [5, 5],
      environment: [0, 0],
      support: [0, 0],
      own: ["hidden", "hidden"], // 2 cases
    });
  });

  test("sustained returns: 10 started, 9 lasted, 1 absent again (hidden, and with it the share)", () => {
    expect(organization.returns.started).toEqual({ shown: true, value: 10 });
    expect(organization.returns.absentAgain).toEqual({ shown: false });
    // Shown, 9 would give the one away by subtraction.
    expect(organization.returns.sustained).toEqual({ shown: false });
    expect(organization.returns.sharePercent).toEqual({ shown: false });
  });

  test("the share shows when its parts do", () => {
    const more = [
      ...cases,
      ...[1, 2, 3, 4].map(() => facts(returning("2025-04-01", "2025-05-01"))),
    ];
    const { organization: view } = computeInsights(more, [], now);
    expect(view.returns).toEqual({
      started: { shown: true, value: 14 },
      sustained: { shown: true, value: 9 },
      absentAgain: { shown: true, value: 5 },
      sharePercent: { shown: true, value: 64 },
    });
  });

  test("a department of four is too few in every figure, the organisation still shows", () => {
    const withDepartments = cases.map((c, i) => ({ ...c, department: i < 4 ? "Finance" : "Bouw" }));
    const insights = computeInsights(withDepartments, ["Bouw", "Finance"], now);
    const finance = insights.departments.get("Finance");
    expect(JSON.stringify(finance)).not.toContain('"shown":true');
    expect(insights.organization.cases).toEqual({ shown: true, value: 12 });
    // Bouw is 8 of 12: the rest would be Finance's 4, so Bouw is not shown on its own either.
    expect(JSON.stringify(insights.departments.get("Bouw"))).not.toContain('"shown":true');
  });
});
