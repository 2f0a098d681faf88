import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyGroupRule, isSmall, type Shape } from "./group-rule.ts";

/**
 * A table shaped like the insights' (figures.ts): cases = open + closed,
 * closed = three reasons, returns = sustained + not sustained, and a count
 * that adds up only across rows (cases with an adjustment of one category).
 */
const keys = [
  "cases",
  "open",
  "closed",
  "r1",
  "r2",
  "r3",
  "eligible",
  "sus",
  "not",
  "adj",
] as const;
type Key = (typeof keys)[number];
type Row = Record<Key, number>;
const breakdowns = [
  { total: "cases", parts: ["open", "closed"] },
  { total: "closed", parts: ["r1", "r2", "r3"] },
  { total: "eligible", parts: ["sus", "not"] },
] as const;

function row(fields: { open: number; r1?: number; r2?: number; r3?: number } & Partial<Row>): Row {
  const r1 = fields.r1 ?? 0;
  const r2 = fields.r2 ?? 0;
  const r3 = fields.r3 ?? 0;
  const closed = r1 + r2 + r3;
  const sus = fields.sus ?? 0;
  const not = fields.not ?? 0;
  return {
    cases: fields.open + closed,
    open: fields.open,
    closed,
    r1,
    r2,
    r3,
    eligible: sus + not,
    sus,
    not,
    adj: fields.adj ?? 0,
  };
}

const shape: Shape = { keys, base: "cases", breakdowns };

/** The organisation's figures: its departments' and those of the cases without one. */
function views(departments: Record<string, Row>, none: Row) {
  const rows = [...Object.values(departments), none];
  const total = Object.fromEntries(
    keys.map((key) => [key, rows.reduce((sum, r) => sum + r[key], 0)]),
  ) as Row;
  const list = Object.entries(departments).map(([name, figures]) => ({ name, figures }));
  return { total, departments: list, none, shown: applyGroupRule(shape, total, list) };
}

const empty = row({ open: 0 });
const shownIn = (v: ReturnType<typeof views>, name: string) =>
  keys.filter((key) => (name === "all" ? v.shown.total : v.shown.departments.get(name))?.has(key));

describe("the group rule", () => {
  test("a group of five shows; a group of four shows nothing at all", () => {
    // 5 cases, but 3 open and 2 closed are each about fewer than five.
    expect(shownIn(views({}, row({ open: 3, r1: 2 })), "all")).toEqual([
      "cases",
      "r2",
      "r3",
      "eligible",
      "sus",
      "not",
      "adj",
    ]);
    expect(shownIn(views({ A: row({ open: 4 }) }, empty), "all")).toEqual([]);
    expect(shownIn(views({ A: row({ open: 4 }) }, empty), "A")).toEqual([]);
    expect(shownIn(views({ A: row({ open: 5, r2: 5 }) }, empty), "A")).toEqual([...keys]);
  });

  test("a department of 1–4 cases is never shown", () => {
    for (let size = 1; size < 5; size++) {
      const v = views(
        { small: row({ open: size }), big: row({ open: 20, r1: 7 }) },
        row({ open: 10 }),
      );
      expect(shownIn(v, "small")).toEqual([]);
      expect(shownIn(v, "big")).toContain("cases");
    }
  });

  test("a department is hidden when the total minus it leaves 1–4 cases", () => {
    // 12 cases: A has 9, the other 3 have no department.
    const v = views({ A: row({ open: 9 }) }, row({ open: 3 }));
    expect(shownIn(v, "A")).toEqual([]);
    expect(shownIn(v, "all")).toContain("cases");
  });

  test("…and when the total minus all shown departments does: the smallest goes", () => {
    const v = views(
      { A: row({ open: 9 }), B: row({ open: 6 }), C: row({ open: 7 }) },
      row({ open: 2 }),
    );
    expect(shownIn(v, "B")).toEqual([]);
    expect(shownIn(v, "A")).toContain("cases");
    expect(shownIn(v, "C")).toContain("cases");
  });

  test("a small count takes another of its breakdown with it, so the total cannot betray it", () => {
    const v = views({}, row({ open: 8, r1: 10, r2: 2 }));
    expect(shownIn(v, "all")).toEqual([
      "cases",
      "open",
      "closed",
      "r3",
      "eligible",
      "sus",
      "not",
      "adj",
    ]);
  });

  test("a figure hidden in one department is hidden in all of them, not in the organisation's", () => {
    const v = views(
      { A: row({ open: 6, r1: 6, r2: 5 }), B: row({ open: 7, r1: 5, r2: 2, r3: 5 }) },
      row({ open: 9, r1: 5, r2: 5, r3: 5 }),
    );
    expect(shownIn(v, "A")).not.toContain("r2");
    expect(shownIn(v, "B")).not.toContain("r2");
    expect(shownIn(v, "all")).toContain("r2");
  });

  test("one department and nobody else closed: the organisation's closing reasons are that department's", () => {
    // The rest has 8 open cases and no closed one; A's reasons are small.
    const v = views({ A: row({ open: 6, r1: 3, r2: 7 }) }, row({ open: 8 }));
    expect(shownIn(v, "A")).not.toContain("r2");
    expect(shownIn(v, "all")).not.toContain("r2");
  });

  test("the independent solver sees a leak when only the counts of 1–4 are hidden", () => {
    const v = views({ d0: row({ open: 0, r1: 5, r2: 1 }) }, row({ open: 1, r2: 4, r3: 1 }));
    const naive = (figures: Row) => new Set(keys.filter((key) => !isSmall(figures[key])));
    const leaky = {
      ...v,
      shown: {
        total: naive(v.total),
        departments: new Map([["d0", naive(v.departments[0]?.figures as Row)]]),
      },
    };
    expect(leakOf(leaky)).toMatch(/can be worked out/);
    expect(leakOf(v)).toBeNull();
  });

  test("matches an independent solver: nothing of 1–4 cases can be worked out from every view", () => {
    const count = fc.nat({ max: Number(process.env.FUZZ_MAX ?? 9) });
    const rowArbitrary = fc
      .record({ open: count, r1: count, r2: count, r3: count, sus: count, not: count, adj: count })
      .map((fields) => {
        const base = row(fields);
        // Returns and adjustments are about some of the row's cases, never more.
        const sus = Math.min(fields.sus, base.cases);
        const not = Math.min(fields.not, base.cases - sus);
        return row({ ...fields, sus, not, adj: Math.min(fields.adj, base.cases) });
      });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 1, arbitrary: fc.constant(empty) },
            { weight: 5, arbitrary: rowArbitrary },
          ),
          { maxLength: Number(process.env.FUZZ_DEPARTMENTS ?? 3) },
        ),
        // Often no case without a department: then the departments add up to the organisation.
        fc.oneof(fc.constant(empty), rowArbitrary),
        (departments, none) => {
          const v = views(Object.fromEntries(departments.map((r, i) => [`d${i}`, r])), none);
          expect(leakOf(v)).toBeNull();
        },
      ),
      {
        seed: Number(process.env.FUZZ_SEED ?? 20261130),
        numRuns: Number(process.env.FUZZ_RUNS ?? 600),
      },
    );
  }, 600_000);
});

/**
 * The independent check. Every count of every view is a cell; the cells a
 * reader sees are known, the others unknown; every sum (within a view, and
 * the organisation's as the sum of its departments' and of the cases without
 * one) is an equation. A sum of unknown cells is worked out exactly when it
 * lies in the span of the equations; a sum worked out as 0 makes each of its
 * cells 0 (counts are never negative), and a view of 0 cases is all zeros.
 * No sum of cells of one view, or of one figure across views, may be worked
 * out at 1–4 (with FUZZ_MIXED=1 also sums over a view and a figure at once:
 * slower, so not on every run).
 */
function leakOf(v: ReturnType<typeof views>): string | null {
  const rows = [
    { name: "all", figures: v.total as Row, shown: v.shown.total },
    ...v.departments.map((d) => ({
      name: d.name,
      figures: d.figures as Row,
      shown: v.shown.departments.get(d.name) ?? new Set<string>(),
    })),
    { name: "none", figures: v.none, shown: new Set<string>() },
  ];
  const width = keys.length;
  const cell = (r: number, k: number) => r * width + k;
  const value = rows.flatMap((r) => keys.map((key) => r.figures[key]));
  for (const r of rows) {
    if (r.shown.size > 0 && isSmall(r.figures.cases))
      return `${r.name} shows with ${r.figures.cases} cases`;
    for (const key of r.shown) if (isSmall(r.figures[key as Key])) return `${r.name}.${key} shows`;
  }
  const known = rows.flatMap((r) => keys.map((key) => r.shown.has(key)));
  const equations: number[][] = [];
  const equation = (terms: Array<[number, number]>) => {
    const e = new Array<number>(value.length).fill(0);
    for (const [index, coefficient] of terms) e[index] = (e[index] ?? 0) + coefficient;
    equations.push(e);
  };
  rows.forEach((_, r) => {
    for (const b of breakdowns)
      equation([
        [cell(r, keys.indexOf(b.total)), -1],
        ...b.parts.map((part): [number, number] => [cell(r, keys.indexOf(part)), 1]),
      ]);
  });
  keys.forEach((_, k) => {
    equation([
      [cell(0, k), -1],
      ...rows.slice(1).map((_, r): [number, number] => [cell(r + 1, k), 1]),
    ]);
  });
  const groups = [
    ...rows.map((_, r) => keys.map((_, k) => cell(r, k))),
    ...keys.map((_, k) => rows.map((_, r) => cell(r, k))),
    ...(process.env.FUZZ_MIXED
      ? rows.flatMap((_, r) =>
          keys.map((_, k) => [
            ...new Set([...keys.map((_, j) => cell(r, j)), ...rows.map((_, q) => cell(q, k))]),
          ]),
        )
      : []),
  ];
  const workedOut = () =>
    groups.flatMap((group) =>
      determinedSums(
        equations,
        known,
        group.filter((c) => !known[c]),
      ),
    );
  for (let more = true; more; ) {
    more = false;
    const zeros = workedOut().filter((sum) => sum.every((c) => value[c] === 0));
    for (const sum of zeros)
      for (const c of sum)
        if (!known[c]) {
          known[c] = true;
          more = true;
        }
    rows.forEach((_, r) => {
      if (known[cell(r, 0)] && value[cell(r, 0)] === 0)
        for (let k = 0; k < width; k++)
          if (!known[cell(r, k)]) {
            known[cell(r, k)] = true;
            more = true;
          }
    });
  }
  for (const sum of workedOut()) {
    const total = sum.reduce((s, c) => s + (value[c] ?? 0), 0);
    if (isSmall(total))
      return `${sum.map((c) => `${rows[Math.floor(c / width)]?.name}.${keys[c % width]}`).join(" + ")} = ${total} can be worked out`;
  }
  return null;
}

/** Every sum of cells of `group` (each once) that lies in the span of the equations, with the known cells given. */
function determinedSums(equations: number[][], known: boolean[], group: number[]): number[][] {
  if (group.length === 0) return [];
  const inGroup = new Set(group);
  // The other unknowns first: rows of the reduced form that lead in the group then have only group cells.
  const order = [...known.map((_, c) => c).filter((c) => !known[c] && !inGroup.has(c)), ...group];
  const matrix = equations.map((e) => order.map((c) => e[c] ?? 0));
  const basis = reduce(matrix).filter((r) => {
    const lead = r.findIndex((x) => Math.abs(x) > 1e-9);
    return lead >= order.length - group.length;
  });
  const sums: number[][] = [];
  for (let mask = 1; mask < 1 << basis.length; mask++) {
    const combined = order.map((_, i) =>
      basis.reduce((s, r, b) => s + (mask & (1 << b) ? (r[i] ?? 0) : 0), 0),
    );
    if (combined.every((x) => Math.abs(x) < 1e-9 || Math.abs(x - 1) < 1e-9))
      sums.push(order.filter((_, i) => Math.abs((combined[i] ?? 0) - 1) < 1e-9));
  }
  return sums;
}

function reduce(matrix: number[][]): number[][] {
  const rows = matrix.map((r) => r.slice());
  const width = rows[0]?.length ?? 0;
  let top = 0;
  for (let col = 0; col < width && top < rows.length; col++) {
    const pivot = rows.findIndex((r, i) => i >= top && Math.abs(r[col] ?? 0) > 1e-9);
    if (pivot === -1) continue;
    const lead = rows[pivot] ?? [];
    rows[pivot] = rows[top] ?? [];
    rows[top] = lead;
    const factor = lead[col] ?? 1;
    for (let c = 0; c < width; c++) lead[c] = (lead[c] ?? 0) / factor;
    rows.forEach((r, i) => {
      const f = r[col] ?? 0;
      if (i !== top && Math.abs(f) > 1e-9)
        for (let c = 0; c < width; c++) r[c] = (r[c] ?? 0) - f * (lead[c] ?? 0);
    });
    top++;
  }
  return rows.slice(0, top);
}
