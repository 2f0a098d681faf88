import { describe, expect, test } from "vitest";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { insightsCsv, insightsFilename } from "./csv.ts";
import { computeInsights } from "./figures.ts";

const now = new Date("2026-11-30T12:00:00Z");
const i18n = serverI18n("en");
const csvOf = (cases: number, department: string | null = null) => {
  const facts = Array.from({ length: cases }, () => ({
    department: null,
    openedAt: new Date("2026-02-01T09:00:00Z"),
    status: "ABSENT" as const,
    closedCategory: null,
    firstAgreedAt: null,
    statusChanges: [],
    adjustments: [],
  }));
  return insightsCsv(
    computeInsights(facts, [], now).organization,
    { organization: '=De Linde, "B.V."', year: 2026, department },
    i18n.getFixedT(null, "insights"),
    i18n.getFixedT(null, "common"),
  );
};

describe("the insights CSV", () => {
  test("is UTF-8 with a byte-order mark, CRLF lines and three columns", () => {
    const csv = csvOf(6);
    expect(csv.startsWith("\ufeffSection,Figure,Value\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain("Cases,Opened in 2026,6\r\n");
    expect(csv).toContain("Cases,Still open today,6\r\n");
  });

  test("says 'Too few to show' where the page does, never the number", () => {
    const csv = csvOf(4);
    expect(csv).toContain("Cases,Opened in 2026,Too few to show\r\n");
    expect(csv).not.toMatch(/,4\r\n/);
  });

  test("quotes what needs quoting and keeps typed text from becoming a formula", () => {
    expect(csvOf(6)).toContain('Which cases,Organisation,"\'=De Linde, ""B.V."""\r\n');
    expect(csvOf(6, "-Sales")).toContain("Which cases,Department,'-Sales\r\n");
  });

  test("a file name in plain letters", () => {
    expect(insightsFilename(2025, null)).toBe("werkpad-insights-2025.csv");
    expect(insightsFilename(2025, "Équipe Zuid & Co")).toBe(
      "werkpad-insights-2025-equipe-zuid-co.csv",
    );
    expect(insightsFilename(2025, "营业部")).toBe("werkpad-insights-2025-department.csv");
  });
});
