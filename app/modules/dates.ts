/**
 * Calendar dates (plan items, review dates, a case's start) are plain
 * `YYYY-MM-DD` days, without a time or a time zone. "Today" is the day it is
 * in the Netherlands and Belgium, Werkpad's first markets, whatever the
 * server's own zone.
 */
const dayIn = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" });
const dayMs = 86_400_000;

/** Today (`isoDay()`), or the day `shiftDays` after it (before it when negative), as YYYY-MM-DD. */
export function isoDay(shiftDays = 0, now = new Date()): string {
  const today = dayIn.format(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) + shiftDays * dayMs).toISOString().slice(0, 10);
}
