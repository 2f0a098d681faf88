/**
 * The insights' address: /insights?year=2025&department=Uitvoering (and the
 * same for /insights/download). Pure: used by the server and by the page.
 *
 * The period is always one whole calendar year, in which the case was opened;
 * there are no other periods, no "all years" and no dates to choose. So the
 * periods never overlap and never nest: each case is in exactly one of them,
 * and no two periods differ by a few cases that subtracting one view from
 * another would single out (a free range, or a range one day shorter, would).
 * docs/decisions/0031 says why. Departments are exactly those the
 * organisation's cases name, or none (all of them).
 */
export type InsightsQuery = { year: number; department: string | null };

export type InsightsChoices = {
  /** The years that may be chosen, oldest first: from the first case's to this one. */
  years: number[];
  /** The departments that may be chosen. */
  departments: string[];
};

/** The years that can be asked for: from the year of the first case opened to this year. */
export function yearsFrom(firstOpened: Date | null, now: Date): number[] {
  const last = now.getUTCFullYear();
  const first = Math.min(firstOpened?.getUTCFullYear() ?? last, last);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * The filters, or null when the address is not one the page makes (a year
 * outside the choices or not written as one, a department the organisation
 * does not have, a filter given twice): the routes answer 400. Empty or
 * missing means the default: this year, and every department.
 */
export function parseInsightsQuery(
  params: URLSearchParams,
  choices: InsightsChoices,
): InsightsQuery | null {
  const years = params.getAll("year");
  const departments = params.getAll("department");
  if (years.length > 1 || departments.length > 1) return null;
  const [yearText = ""] = years;
  const [department = ""] = departments;
  let year = choices.years.at(-1) ?? new Date().getUTCFullYear();
  if (yearText !== "") {
    if (!/^\d{4}$/.test(yearText) || !choices.years.includes(Number(yearText))) return null;
    year = Number(yearText);
  }
  if (department !== "" && !choices.departments.includes(department)) return null;
  return { year, department: department === "" ? null : department };
}

/** The address of a view, of the page or of its CSV: only what differs from the defaults. */
export function insightsHref(
  query: InsightsQuery,
  choices: InsightsChoices,
  path: "/insights" | "/insights/download" = "/insights",
): string {
  const params = new URLSearchParams();
  if (query.year !== choices.years.at(-1) || path !== "/insights")
    params.set("year", String(query.year));
  if (query.department !== null) params.set("department", query.department);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
