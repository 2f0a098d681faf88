import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, sidewaysScroll, signIn } from "./helpers.ts";

/**
 * HR's insights on the demo data (prisma/seed-insights.ts): two years ago
 * two departments of ten; last year a small department (Onderhoud, 3 cases)
 * that never shows and takes Werkvoorbereiding with it.
 */
const year = new Date().getUTCFullYear();

test("HR opens the insights, changes the filters, sees what is too few to show and downloads the CSV", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "hr@demo.werkpad.test");
  await page.getByRole("navigation").getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Insights");
  await expect(page.getByTestId("insights-showing")).toHaveText(
    `Cases opened in ${year}, all departments.`,
  );
  // This year has few cases yet: some figures are held back.
  await expect(page.getByText("Too few to show").first()).toBeVisible();
  await hydrated(page);

  // Two years ago, the whole organisation.
  await page.getByLabel("Year the case was opened").selectOption(String(year - 2));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/insights\\?year=${year - 2}&department=$`));
  const cases = page.getByRole("region", { name: "Cases" });
  await expect(cases.getByRole("definition").first()).toHaveText("20");
  await expect(
    page.getByRole("region", { name: "Sustained returns after 6 months" }),
  ).toContainText("75%");
  await expect(
    page
      .getByRole("region", { name: "Why cases were closed" })
      .getByRole("row", { name: /Back in their own work/ }),
  ).toContainText("10");
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "insights-organisation-en");

  // Last year, a department that leaves too few outside the departments shown.
  await page.getByLabel("Year the case was opened").selectOption(String(year - 1));
  await page.getByLabel("Department").selectOption("Werkvoorbereiding");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("insights-showing")).toHaveText(
    `Cases opened in ${year - 1}, department Werkvoorbereiding.`,
  );
  await expect(page.getByText("This department has too few cases")).toBeVisible();
  await expect(cases.getByRole("definition").first()).toHaveText("Too few to show");
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "insights-department-too-few-en");

  // The CSV of exactly this view.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV (spreadsheet)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`werkpad-insights-${year - 1}-werkvoorbereiding.csv`);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv).toContain(`Cases,Opened in ${year - 1},Too few to show`);
  expect(csv).toContain("Which cases,Department,Werkvoorbereiding");
  // Every figure of this view is held back: no count at the end of any line after the filters.
  const figures = csv.trimEnd().split("\r\n").slice(4);
  expect(figures.filter((line) => /,\d+$/.test(line))).toEqual([]);

  // On a phone the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page)).toBe(0);
  await screenshot(page, testInfo, "insights-department-320px-en");
  await context.close();
});

test("the filters work without JavaScript, and a manager has no insights", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await signIn(context, "owner@demo.werkpad.test", { javaScript: false });
  await page.goto("/insights");
  await page.getByLabel("Year the case was opened").selectOption(String(year - 1));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("insights-showing")).toHaveText(
    `Cases opened in ${year - 1}, all departments.`,
  );
  await expect(
    page.getByRole("region", { name: "Cases" }).getByRole("definition").first(),
  ).toHaveText("22");
  await context.close();

  const managerContext = await browser.newContext({ locale: "en-GB" });
  const manager = await signIn(managerContext, "manager@demo.werkpad.test");
  await expect(manager.getByRole("navigation").getByRole("link", { name: "Insights" })).toHaveCount(
    0,
  );
  const answer = await manager.goto("/insights");
  expect(answer?.status()).toBe(403);
  await managerContext.close();
});
