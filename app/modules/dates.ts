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

/**
 * The moment a wall-clock time on a day is in a time zone ("2027-01-05",
 * "10:30", "Europe/Amsterdam" → 09:30 UTC): for meetings people plan in their
 * own time. (At the hour a clock is put back, the first of the two moments.)
 */
export function instantIn(day: string, time: string, timeZone: string): Date {
  const asIfUtc = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(
      part("year"),
      part("month") - 1,
      part("day"),
      part("hour"),
      part("minute"),
    );
    return wall - Math.floor(instant / 60_000) * 60_000;
  };
  const first = asIfUtc - offsetAt(asIfUtc);
  return new Date(asIfUtc - offsetAt(first));
}

/** A moment plus whole calendar months (UTC): the same day of the month, or the last day of a shorter month. */
export function addCalendarMonths(moment: Date, months: number): Date {
  const target = new Date(moment);
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}
