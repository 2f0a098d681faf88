import type { CaseStatus } from "#app/generated/prisma/enums.ts";
import type { ClosingCategory } from "#app/modules/cases/case-form.ts";
import { closingCategories } from "#app/modules/cases/case-form.ts";
import { type AdjustmentCategory, adjustmentCategories } from "#app/modules/catalog/catalog.ts";
import { addCalendarMonths } from "#app/modules/dates.ts";
import { applyGroupRule, type Figures, type Shape } from "./group-rule.ts";

/**
 * The figures of the HR insights, from the facts of the cases opened in one
 * calendar year, for the whole organisation and per department, with the
 * group rule applied (group-rule.ts). Pure: insights.server.ts reads the
 * facts; the page and the CSV show exactly what this returns.
 *
 * How each figure is defined (the page says the same in plain words):
 * - cases: opened in the year; open: not closed today; closed: closed today.
 * - closing reasons: the closed cases by the category chosen when closing.
 *   The note typed beside it is never read here.
 * - median days to a plan: for the cases with an agreed plan, the calendar
 *   days from the day the case was opened to the day its first version was
 *   agreed; the middle value (of an even number, the mean of the middle two,
 *   rounded).
 * - adjustments in place: in each case's latest agreed version, the
 *   adjustments not stopped or refused, by catalogue category ("own" for one
 *   not from the catalogue); counted as cases with at least one, and as
 *   adjustments.
 * - sustained returns: a return starts the first time the case's status
 *   became "returning to work" or "back at work". Of the cases whose return
 *   started at least 6 months ago, those whose status did not become "absent"
 *   again within 6 months of that start are sustained.
 */
export type AdjustmentGroup = AdjustmentCategory | "own";
export const adjustmentGroups = [...adjustmentCategories, "own"] as const;
export const sustainedAfterMonths = 6;

export type CaseFacts = {
  department: string | null;
  openedAt: Date;
  status: CaseStatus;
  closedCategory: ClosingCategory | null;
  /** When the first version of the plan was agreed, if ever. */
  firstAgreedAt: Date | null;
  /** Every status the case had, oldest first. */
  statusChanges: ReadonlyArray<{ toStatus: CaseStatus; at: Date }>;
  /** The adjustments in place in the latest agreed version, one entry each. */
  adjustments: readonly AdjustmentGroup[];
};

/** A figure the group rule lets through, or "too few to show". */
export type Cell = { shown: true; value: number } | { shown: false };

export type View = {
  cases: Cell;
  open: Cell;
  closed: Cell;
  /** The median days, or null when no case has an agreed plan; `cases` is how many it is about. */
  planMedian: { shown: true; days: number | null; cases: number } | { shown: false };
  adjustments: Array<{ group: AdjustmentGroup; cases: Cell; adjustments: Cell }>;
  returns: { started: Cell; sustained: Cell; absentAgain: Cell; sharePercent: Cell };
  closing: Array<{ category: ClosingCategory; cases: Cell }>;
};

export type Insights = { organization: View; departments: Map<string, View> };

const closingKey = (category: ClosingCategory) => `closed:${category}`;
const adjustmentKey = (group: AdjustmentGroup) => `adjustment:${group}`;

/** The counts the group rule looks at, and how they add up within a view. */
export const shape: Shape = {
  keys: [
    "cases",
    "open",
    "closed",
    ...closingCategories.map(closingKey),
    "withPlan",
    "returnStarted",
    "sustained",
    "absentAgain",
    ...adjustmentGroups.map(adjustmentKey),
  ],
  base: "cases",
  breakdowns: [
    { total: "cases", parts: ["open", "closed"] },
    { total: "closed", parts: closingCategories.map(closingKey) },
    { total: "returnStarted", parts: ["sustained", "absentAgain"] },
  ],
};

const dayNumber = (moment: Date) =>
  Math.floor(
    Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()) / 86_400_000,
  );

/** Calendar days from the day a case was opened to the day its first plan was agreed. */
export function daysToPlan(facts: Pick<CaseFacts, "openedAt" | "firstAgreedAt">): number | null {
  return facts.firstAgreedAt ? dayNumber(facts.firstAgreedAt) - dayNumber(facts.openedAt) : null;
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? null;
  return Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

/** Whether a case's return counts yet, and whether it lasted: see the definition above. */
export function returnOf(
  facts: Pick<CaseFacts, "statusChanges">,
  now: Date,
): "none" | "too recent" | "sustained" | "absent again" {
  const start = facts.statusChanges.find(
    (change) => change.toStatus === "RETURNING" || change.toStatus === "SUSTAINED",
  );
  if (!start) return "none";
  const end = addCalendarMonths(start.at, sustainedAfterMonths);
  if (end > now) return "too recent";
  const relapse = facts.statusChanges.some(
    (change) => change.toStatus === "ABSENT" && change.at > start.at && change.at <= end,
  );
  return relapse ? "absent again" : "sustained";
}

type Group = { figures: Figures; days: number[]; adjustmentsByGroup: Record<string, number> };

function groupOf(cases: readonly CaseFacts[], now: Date): Group {
  const figures: Record<string, number> = Object.fromEntries(shape.keys.map((key) => [key, 0]));
  const add = (key: string, by = 1) => {
    figures[key] = (figures[key] ?? 0) + by;
  };
  const days: number[] = [];
  const adjustmentsByGroup: Record<string, number> = {};
  for (const facts of cases) {
    add("cases");
    if (facts.status === "CLOSED") {
      add("closed");
      add(closingKey(facts.closedCategory ?? "OTHER"));
    } else add("open");
    const toPlan = daysToPlan(facts);
    if (toPlan !== null) {
      add("withPlan");
      days.push(toPlan);
    }
    const ret = returnOf(facts, now);
    if (ret === "sustained" || ret === "absent again") {
      add("returnStarted");
      add(ret === "sustained" ? "sustained" : "absentAgain");
    }
    for (const group of new Set(facts.adjustments)) add(adjustmentKey(group));
    for (const group of facts.adjustments)
      adjustmentsByGroup[group] = (adjustmentsByGroup[group] ?? 0) + 1;
  }
  return { figures, days, adjustmentsByGroup };
}

function viewOf(group: Group, shown: ReadonlySet<string>): View {
  const cell = (key: string): Cell =>
    shown.has(key) ? { shown: true, value: group.figures[key] ?? 0 } : { shown: false };
  const count = (key: string) => group.figures[key] ?? 0;
  const started = count("returnStarted");
  // A share gives its parts away: it shows only when they do.
  const shareShown = ["returnStarted", "sustained", "absentAgain"].every((key) => shown.has(key));
  return {
    cases: cell("cases"),
    open: cell("open"),
    closed: cell("closed"),
    planMedian: shown.has("withPlan")
      ? { shown: true, days: median(group.days), cases: count("withPlan") }
      : { shown: false },
    adjustments: adjustmentGroups.map((g) => ({
      group: g,
      cases: cell(adjustmentKey(g)),
      // The number of adjustments is about the same cases: it shows when they do.
      adjustments: shown.has(adjustmentKey(g))
        ? { shown: true, value: group.adjustmentsByGroup[g] ?? 0 }
        : { shown: false },
    })),
    returns: {
      started: cell("returnStarted"),
      sustained: cell("sustained"),
      absentAgain: cell("absentAgain"),
      sharePercent:
        shareShown && started > 0
          ? { shown: true, value: Math.round((100 * count("sustained")) / started) }
          : { shown: false },
    },
    closing: closingCategories.map((category) => ({
      category,
      cases: cell(closingKey(category)),
    })),
  };
}

/**
 * The insights of one period: `cases` are the cases opened in it, and
 * `departments` every department the organisation's cases name (a department
 * without cases in the period shows zeros).
 */
export function computeInsights(
  cases: readonly CaseFacts[],
  departments: readonly string[],
  now: Date,
): Insights {
  const organization = groupOf(cases, now);
  const perDepartment = departments.map((name) => ({
    name,
    group: groupOf(
      cases.filter((facts) => facts.department === name),
      now,
    ),
  }));
  const shown = applyGroupRule(
    shape,
    organization.figures,
    perDepartment.map(({ name, group }) => ({ name, figures: group.figures })),
  );
  return {
    organization: viewOf(organization, shown.total),
    departments: new Map(
      perDepartment.map(({ name, group }) => [
        name,
        viewOf(group, shown.departments.get(name) ?? new Set()),
      ]),
    ),
  };
}
