import type { Language } from "./languages.ts";

/**
 * Two kinds of time, formatted two ways:
 * - a day (a review date, a case's start date, the next consultation) is a
 *   calendar date without a time. It is stored as midnight UTC (or as
 *   "2027-01-05"), so it is formatted in UTC: it never shifts a day and never
 *   shows "00:00";
 * - a moment (when a version was agreed, a note written) has a time; its
 *   date alone is `formatMomentDate`.
 */
// Making a formatter costs far more than using one, and pages format many dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, kind: "day" | "moment" | "momentDate"): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(
      language,
      kind === "day"
        ? { dateStyle: "long", timeZone: "UTC" }
        : kind === "moment"
          ? { dateStyle: "long", timeStyle: "short" }
          : { dateStyle: "long" },
    );
    formatters.set(key, made);
  }
  return made;
}

export function formatDay(language: Language | string, value: Date | string): string {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00Z`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return formatter(language, "day").format(date);
}

export function formatMoment(language: Language | string, value: Date | string): string {
  return formatter(language, "moment").format(new Date(value));
}

/**
 * A moment on paper (a PDF), where no browser supplies the reader's zone: in
 * a named time zone, to the second, with the zone written out
 * ("30 november 2026 om 04:24:10 CET").
 */
export function formatMomentInZone(
  language: Language | string,
  value: Date | string,
  timeZone: string,
): string {
  const key = `${language}|paper|${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "long", timeZone });
    formatters.set(key, made);
  }
  return made.format(new Date(value));
}

/** Where each country's cases are, for the times printed on their PDFs. */
export const countryTimeZones = {
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  UK: "Europe/London",
} as const;

/** The date of a moment, without its time: "18 november 2026". */
export function formatMomentDate(language: Language | string, value: Date | string): string {
  return formatter(language, "momentDate").format(new Date(value));
}
