import { expect, test } from "vitest";
import { isoDay } from "./dates.ts";

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
