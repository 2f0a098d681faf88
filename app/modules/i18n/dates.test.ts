import { describe, expect, test } from "vitest";
import { formatDay, formatMoment } from "./dates.ts";

describe("formatDay", () => {
  test.each([
    ["nl", "2027-01-05", "5 januari 2027"],
    ["en", "2027-01-05", "January 5, 2027"],
    ["fr", "2027-01-05", "5 janvier 2027"],
  ])("%s %s is %s, with no time", (language, value, expected) => {
    expect(formatDay(language, value)).toBe(expected);
  });

  test("a date stored as midnight UTC stays on its day in any time zone, and shows no time", () => {
    const stored = new Date("2027-01-05T00:00:00Z");
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      // Without UTC the day shifts west of Greenwich: this is what the helper prevents.
      expect(new Intl.DateTimeFormat("nl", { dateStyle: "long" }).format(stored)).toBe(
        "4 januari 2027",
      );
      expect(formatDay("nl", stored)).toBe("5 januari 2027");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(formatDay("nl", stored)).toBe("5 januari 2027");
    expect(formatDay("nl", stored.toISOString())).toBe("5 januari 2027");
    expect(formatDay("nl", stored)).not.toMatch(/00:00/);
  });

  test("an impossible value gives nothing rather than 'Invalid Date'", () => {
    expect(formatDay("nl", "")).toBe("");
    expect(formatDay("nl", "2027-02-45")).toBe("");
  });
});

test("a moment keeps its time", () => {
  expect(formatMoment("nl", new Date(2027, 0, 5, 14, 30))).toMatch(/5 januari 2027.*14:30/);
});
