import { describe, expect, test } from "vitest";
import { insightsHref, parseInsightsQuery, yearsFrom } from "./query.ts";

const choices = { years: [2024, 2025, 2026], departments: ["Bouw", "Kantoor & Co"] };
const parse = (search: string) => parseInsightsQuery(new URLSearchParams(search), choices);

describe("the insights' address", () => {
  test("offers whole years from the first case to this one", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(yearsFrom(new Date("2024-12-31T23:00:00Z"), now)).toEqual([2024, 2025, 2026]);
    expect(yearsFrom(null, now)).toEqual([2026]);
    // A case dated ahead of the clock does not add future years.
    expect(yearsFrom(new Date("2027-01-01T00:00:00Z"), now)).toEqual([2026]);
  });

  test("defaults to this year and every department", () => {
    expect(parse("")).toEqual({ year: 2026, department: null });
    expect(parse("year=&department=")).toEqual({ year: 2026, department: null });
    expect(parse("year=2024&department=Kantoor+%26+Co")).toEqual({
      year: 2024,
      department: "Kantoor & Co",
    });
  });

  test("anything the page never makes is refused", () => {
    for (const search of [
      "year=2023",
      "year=2027",
      "year=25",
      "year=2025.0",
      "year=+2025",
      "year=2025&year=2026",
      "year=%00",
      "department=bouw",
      "department=Elsewhere",
      "department=Bouw&department=Bouw",
    ])
      expect(parse(search), search).toBeNull();
  });

  test("other parameters are no filter and change nothing", () => {
    expect(parse("year=2025&_routes=routes%2Finsights")).toEqual({ year: 2025, department: null });
  });

  test("links name only what differs from the defaults; the CSV always names its year", () => {
    expect(insightsHref({ year: 2026, department: null }, choices)).toBe("/insights");
    expect(insightsHref({ year: 2025, department: "Kantoor & Co" }, choices)).toBe(
      "/insights?year=2025&department=Kantoor+%26+Co",
    );
    expect(insightsHref({ year: 2026, department: null }, choices, "/insights/download")).toBe(
      "/insights/download?year=2026",
    );
  });
});
