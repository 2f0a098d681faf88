/**
 * Calendar dates (plan items, review dates, a case's start) are plain
 * `YYYY-MM-DD` days, without a time or a time zone. "Today" is the day it is
 * in the Netherlands and Belgium, Werkpad's first markets, whatever the
 * server's own zone.
 */
const dayIn = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" });

export function today(now = new Date()): string {
  return dayIn.format(now);
}
