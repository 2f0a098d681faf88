/**
 * The group rule of the HR insights: no count of 1–4 cases is shown, and none
 * can be worked out from what is shown, by anyone who reads every view of a
 * period (the whole organisation and each department) and adds and subtracts.
 * A zero is shown: it says something about nobody. Pure; figures.ts describes
 * its figures, this decides which of them each view shows. The unit tests
 * check it against an independent solver (linear algebra over every view).
 *
 * What a reader can combine. Within a view, some counts add up (cases = open +
 * closed; closed = the closing reasons; …): the `breakdowns`. Across views,
 * every count of the organisation is the sum of the departments' and of "the
 * rest" (the cases without a department, and departments not shown), which
 * has no view of its own but is the difference.
 *
 * The rule, in four steps:
 *
 * 1. A department is shown only with 0 or at least 5 cases, and only while the
 *    rest has 0 or at least 5 cases: otherwise the smallest shown department
 *    joins the rest, until it does (the organisation minus one department, or
 *    minus all shown ones, never leaves 1–4 cases).
 * 2. The organisation's view hides every count of 1–4, and then, within its
 *    breakdowns, one more count each time the hidden ones could be worked out
 *    (alone or added up) at 1–4: the smallest count of the same breakdown,
 *    not a total where a part will do.
 * 3. The departments' views hide the same figures for every department:
 *    whatever the organisation's view hides, every figure that is 1–4 in some
 *    shown department or in the rest, and then more in the same way as step 2,
 *    checked for every department and for the rest. A figure hidden in one
 *    department and shown in another could be worked out by subtracting from
 *    the organisation's; hidden in all, only their sum can, and that is the
 *    organisation's own count.
 * 4. Where the rest is known to have none (its count is 0, or a count it is
 *    part of is), the organisation's count is the departments' sum; with a
 *    single department it is that department's count, so the organisation's
 *    view hides it too (then step 2 again).
 */
export const smallestGroup = 5;

/** A count of 1–4 cases: too few to show. Zero is about nobody. */
export function isSmall(count: number): boolean {
  return count > 0 && count < smallestGroup;
}

export type Figures = Readonly<Record<string, number>>;
export type Breakdown = { total: string; parts: readonly string[] };
/** The counts of a view and how they add up; every one is a number of cases. */
export type Shape = {
  keys: readonly string[];
  /** The view's number of cases: a view of 1–4 cases shows nothing. */
  base: string;
  breakdowns: readonly Breakdown[];
};
/** The counts each view may show. A department that is not shown at all has none. */
export type Shown = {
  total: ReadonlySet<string>;
  departments: ReadonlyMap<string, ReadonlySet<string>>;
};

export function applyGroupRule(
  shape: Shape,
  total: Figures,
  departments: ReadonlyArray<{ name: string; figures: Figures }>,
): Shown {
  const count = (figures: Figures, key: string) => figures[key] ?? 0;
  const cases = (figures: Figures) => count(figures, shape.base);
  const restOf = (shown: ReadonlyArray<{ figures: Figures }>): Figures =>
    Object.fromEntries(
      shape.keys.map((key) => [
        key,
        count(total, key) - shown.reduce((sum, d) => sum + count(d.figures, key), 0),
      ]),
    );

  // 1. The departments that have a view.
  let shown = departments.filter((d) => !isSmall(cases(d.figures)));
  let rest = restOf(shown);
  while (isSmall(cases(rest)) && shown.some((d) => cases(d.figures) > 0)) {
    const smallest = shown
      .filter((d) => cases(d.figures) > 0)
      .sort((a, b) => cases(a.figures) - cases(b.figures) || a.name.localeCompare(b.name))[0];
    shown = shown.filter((d) => d !== smallest);
    rest = restOf(shown);
  }
  const active = shown.filter((d) => cases(d.figures) > 0);

  // 2. The organisation's view.
  let hiddenInTotal = settle(shape, [total], new Set());
  const everything = new Set(shape.keys);
  const visible = (hidden: ReadonlySet<string>) =>
    new Set(shape.keys.filter((key) => !hidden.has(key)));

  // 3 and 4. The departments' views, and what they make the organisation's hide.
  let hiddenInDepartments = hiddenInTotal;
  if (active.length > 0) {
    const rows = [...active.map((d) => d.figures), rest];
    for (let changed = true; changed; ) {
      changed = false;
      hiddenInDepartments = settle(
        shape,
        rows,
        new Set([...hiddenInTotal, ...hiddenInDepartments]),
      );
      if (active.length === 1) {
        const more = [...knownEmpty(shape, rest, hiddenInDepartments)].filter(
          (key) => hiddenInDepartments.has(key) && !hiddenInTotal.has(key) && count(total, key) > 0,
        );
        if (more.length > 0) {
          hiddenInTotal = settle(shape, [total], new Set([...hiddenInTotal, ...more]));
          changed = true;
        }
      }
    }
  }

  return {
    total: visible(hiddenInTotal),
    departments: new Map(
      departments.map((d) => [
        d.name,
        !shown.includes(d)
          ? new Set<string>()
          : cases(d.figures) === 0
            ? everything
            : visible(hiddenInDepartments),
      ]),
    ),
  };
}

/**
 * The figures to hide in every one of `rows` (views hiding the same figures):
 * `start`, every count of 1–4, and more until no sum of hidden counts that the
 * breakdowns give away is 1–4 in any row. A row of 1–4 cases hides everything.
 */
function settle(shape: Shape, rows: Figures[], start: ReadonlySet<string>): Set<string> {
  const count = (figures: Figures, key: string) => figures[key] ?? 0;
  if (rows.some((row) => isSmall(count(row, shape.base)))) return new Set(shape.keys);
  const hidden = new Set(start);
  for (const row of rows)
    for (const key of shape.keys) if (isSmall(count(row, key))) hidden.add(key);
  for (;;) {
    const sums = givenAway(shape, hidden);
    const leak = rows
      .flatMap((row) => sums.map((keys) => ({ row, keys })))
      .find(({ row, keys }) => isSmall(keys.reduce((sum, key) => sum + count(row, key), 0)));
    if (!leak) return hidden;
    hidden.add(oneMore(shape, leak.row, hidden, leak.keys));
  }
}

/**
 * Every sum of hidden figures (each figure once) that the breakdowns give
 * away when the other figures are shown: the 0/1 combinations in the span of
 * the breakdowns' equations restricted to the hidden figures. In reduced row
 * echelon form each such combination is a sum of basis rows (its value at
 * each pivot is 0 or 1), so trying every subset of the basis finds them all.
 */
function givenAway(shape: Shape, hidden: ReadonlySet<string>): string[][] {
  const unknowns = shape.keys.filter((key) => hidden.has(key));
  const equations = shape.breakdowns
    .map((b) => unknowns.map((key) => (b.parts.includes(key) ? 1 : 0) - (b.total === key ? 1 : 0)))
    .filter((row) => row.some((x) => x !== 0));
  const basis = reducedRows(equations);
  const sums: string[][] = [];
  for (let mask = 1; mask < 1 << basis.length; mask++) {
    const combined = unknowns.map((_, column) =>
      basis.reduce((sum, row, i) => sum + (mask & (1 << i) ? (row[column] ?? 0) : 0), 0),
    );
    if (combined.every((x) => Math.abs(x) < 1e-9 || Math.abs(x - 1) < 1e-9))
      sums.push(unknowns.filter((_, column) => Math.abs((combined[column] ?? 0) - 1) < 1e-9));
  }
  return sums;
}

/**
 * The figure to hide next, to stop a sum of hidden figures from being worked
 * out: one that shares a breakdown with them, preferably a count above zero
 * (it makes the sum 5 or more), a part rather than a total (totals are the
 * most useful), the smallest first.
 */
function oneMore(shape: Shape, row: Figures, hidden: ReadonlySet<string>, sum: string[]): string {
  const related = new Set(
    shape.breakdowns
      .filter((b) => sum.includes(b.total) || b.parts.some((part) => sum.includes(part)))
      .flatMap((b) => [b.total, ...b.parts]),
  );
  const isTotal = (key: string) => shape.breakdowns.some((b) => b.total === key);
  const count = (key: string) => row[key] ?? 0;
  const [next] = shape.keys
    .filter((key) => related.has(key) && !hidden.has(key))
    .sort(
      (a, b) =>
        Number(count(a) === 0) - Number(count(b) === 0) ||
        Number(isTotal(a)) - Number(isTotal(b)) ||
        count(a) - count(b),
    );
  if (next === undefined) throw new Error("The group rule found no figure to hide");
  return next;
}

/**
 * The figures the rest is known to have none of: a count it shows as 0 (the
 * organisation's minus the departments'), or a sum given away as 0, and every
 * part of such a count (counts are never negative). All of them when it has
 * no cases at all.
 */
function knownEmpty(shape: Shape, rest: Figures, hidden: ReadonlySet<string>): Set<string> {
  const count = (key: string) => rest[key] ?? 0;
  if (count(shape.base) === 0) return new Set(shape.keys);
  const empty = new Set(shape.keys.filter((key) => !hidden.has(key) && count(key) === 0));
  for (const sum of givenAway(shape, hidden))
    if (sum.every((key) => count(key) === 0)) for (const key of sum) empty.add(key);
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of shape.breakdowns)
      if (empty.has(b.total))
        for (const part of b.parts)
          if (!empty.has(part)) {
            empty.add(part);
            changed = true;
          }
  }
  return empty;
}

/** Gauss–Jordan elimination: the independent rows, each with a leading 1 in its own column. */
function reducedRows(matrix: number[][]): number[][] {
  const rows = matrix.map((row) => row.slice());
  const width = rows[0]?.length ?? 0;
  let top = 0;
  for (let column = 0; column < width && top < rows.length; column++) {
    const pivot = rows.findIndex((row, i) => i >= top && Math.abs(row[column] ?? 0) > 1e-9);
    if (pivot === -1) continue;
    const lead = rows[pivot] ?? [];
    rows[pivot] = rows[top] ?? [];
    rows[top] = lead;
    const factor = lead[column] ?? 1;
    for (let c = 0; c < width; c++) lead[c] = (lead[c] ?? 0) / factor;
    rows.forEach((row, i) => {
      const f = row[column] ?? 0;
      if (i !== top && Math.abs(f) > 1e-9)
        for (let c = 0; c < width; c++) row[c] = (row[c] ?? 0) - f * (lead[c] ?? 0);
    });
    top++;
  }
  return rows.slice(0, top);
}
