import { describe, expect, test } from "vitest";
import { addCalendarMonths, instantIn, isoDay } from "./dates.ts";

test("today is the day it is in the Netherlands and Belgium, whatever the server's zone", () => {
  // 23:30 UTC on 15 June is already 16 June in Amsterdam (summer time, UTC+2)…
  expect(isoDay(0, new Date("2026-06-15T22:30:00Z"))).toBe("2026-06-16");
  // …and 23:30 UTC on 15 January is 16 January there (UTC+1).
  expect(isoDay(0, new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-16");
  expect(isoDay(0, new Date("2026-01-15T22:30:00Z"))).toBe("2026-01-15");
});

test("days are counted from today, across months, years and clock changes", () => {
  const now = new Date("2026-03-28T12:00:00Z");
  expect(isoDay(1, now)).toBe("2026-03-29");
  expect(isoDay(2, now)).toBe("2026-03-30");
  expect(isoDay(-59, now)).toBe("2026-01-28");
  expect(isoDay(365, now)).toBe("2027-03-28");
});

describe("instantIn", () => {
  test("a wall-clock time in Amsterdam, Brussels and London, summer and winter", () => {
    expect(instantIn("2027-01-05", "10:30", "Europe/Amsterdam").toISOString()).toBe(
      "2027-01-05T09:30:00.000Z",
    );
    expect(instantIn("2027-07-05", "10:30", "Europe/Brussels").toISOString()).toBe(
      "2027-07-05T08:30:00.000Z",
    );
    expect(instantIn("2027-07-05", "09:00", "Europe/London").toISOString()).toBe(
      "2027-07-05T08:00:00.000Z",
    );
    // The day the clocks go forward (Amsterdam, 28 March 2027, 02:00 → 03:00).
    expect(instantIn("2027-03-28", "12:00", "Europe/Amsterdam").toISOString()).toBe(
      "2027-03-28T10:00:00.000Z",
    );
  });
});

test("calendar months keep the day, or end on the last day of a shorter month (retention, sustained returns)", () => {
  const at = (day: string) => new Date(`${day}T09:00:00Z`);
  expect(addCalendarMonths(at("2025-08-31"), 6).toISOString()).toBe("2026-02-28T09:00:00.000Z");
  expect(addCalendarMonths(at("2025-01-15"), 6).toISOString()).toBe("2025-07-15T09:00:00.000Z");
  expect(addCalendarMonths(at("2024-02-29"), 24).toISOString()).toBe("2026-02-28T09:00:00.000Z");
  expect(addCalendarMonths(at("2026-03-31"), -1).toISOString()).toBe("2026-02-28T09:00:00.000Z");
});
