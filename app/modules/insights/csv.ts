import type { TFunction } from "i18next";
import type { Cell, View } from "./figures.ts";

/**
 * The CSV download of one view: exactly the figures the page shows, with the
 * same labels in the reader's language, and "Too few to show" where the page
 * says it (never the number). Pure. RFC 4180 (commas, CRLF, quotes doubled),
 * with a byte-order mark so spreadsheet programs read it as UTF-8.
 */
export type CsvContext = {
  organization: string;
  year: number;
  department: string | null;
};

export function insightsCsv(
  view: View,
  context: CsvContext,
  t: TFunction<"insights">,
  tc: TFunction<"common">,
): string {
  const tooFew = t("tooFew");
  const cell = (value: Cell, format: (n: number) => string = String) =>
    value.shown ? format(value.value) : tooFew;
  const filters = t("csv.filters");
  const rows: string[][] = [
    [t("csv.section"), t("csv.figure"), t("csv.value")],
    [filters, t("csv.organization"), context.organization],
    [filters, t("csv.year"), String(context.year)],
    [filters, t("csv.department"), context.department ?? t("filters.allDepartments")],
    [t("cases.title"), t("cases.opened", { year: context.year }), cell(view.cases)],
    [t("cases.title"), t("cases.open"), cell(view.open)],
    [t("cases.title"), t("cases.closed"), cell(view.closed)],
    [
      t("plan.title"),
      t("plan.median"),
      !view.planMedian.shown
        ? tooFew
        : view.planMedian.days === null
          ? t("plan.none")
          : t("plan.days", { count: view.planMedian.days }),
    ],
    [
      t("plan.title"),
      t("plan.withPlan"),
      view.planMedian.shown ? String(view.planMedian.cases) : tooFew,
    ],
    [t("returns.title"), t("returns.started"), cell(view.returns.started)],
    [t("returns.title"), t("returns.sustained"), cell(view.returns.sustained)],
    [t("returns.title"), t("returns.absentAgain"), cell(view.returns.absentAgain)],
    [
      t("returns.title"),
      t("returns.share"),
      cell(view.returns.sharePercent, (value) => t("returns.percent", { value })),
    ],
    ...view.closing.map((row) => [
      t("closing.title"),
      tc(`closingCategories.${row.category}`, { ns: "cases" }),
      cell(row.cases),
    ]),
    ...view.adjustments.flatMap((row) => [
      [
        t("adjustments.title"),
        `${t(`adjustments.groups.${row.group}`)}: ${t("adjustments.cases")}`,
        cell(row.cases),
      ],
      [
        t("adjustments.title"),
        `${t(`adjustments.groups.${row.group}`)}: ${t("adjustments.count")}`,
        cell(row.adjustments),
      ],
    ]),
  ];
  return `\ufeff${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}

/**
 * One field. Text a spreadsheet would run as a formula (a department typed as
 * "=…", "+…", "-…" or "@…") gets a leading apostrophe, so it stays text.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The file's name: the year, and the department in plain letters and digits. */
export function insightsFilename(year: number, department: string | null): string {
  const slug = (department ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `werkpad-insights-${year}${department === null ? "" : `-${slug || "department"}`}.csv`;
}
