import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * The case list of Bulk BV, which playwright.config.ts seeds with 60 cases
 * (prisma/bulk.ts): HR pages through it and filters it, with and without
 * JavaScript. The address holds the list's state, so both work alike.
 */
const caseLinks = (page: Page) => page.getByTestId("case-list").getByRole("link");
const names = async (page: Page) => caseLinks(page).allTextContents();
/** How many cases match: a live region, so screen readers hear it change. */
const summary = (page: Page) => page.getByTestId("case-list-summary");

for (const javaScript of [true, false]) {
  const how = javaScript ? "with JavaScript" : "without JavaScript";

  test(`HR pages through 60 cases, 25 at a time, and back, ${how}`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "bulk-hr@demo.werkpad.test", { javaScript });
    await page.goto("/cases");
    if (javaScript) await hydrated(page);
    const pages = page.getByRole("navigation", { name: "Pages" });
    await expect(summary(page)).toHaveText("60 cases");
    await expect(caseLinks(page)).toHaveCount(25);
    await expect(pages.getByRole("link", { name: "Previous page" })).toHaveCount(0);
    const first = await names(page);

    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]after=/);
    await expect(caseLinks(page)).toHaveCount(25);
    const second = await names(page);
    expect(second).not.toEqual(first);
    // axe runs in the page: it needs JavaScript, the page does not.
    if (javaScript) await expectNoAxeViolations(page);

    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(caseLinks(page)).toHaveCount(10);
    await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);
    const third = await names(page);
    // Every case once.
    expect(new Set([...first, ...second, ...third]).size).toBe(60);
    await screenshot(page, testInfo, `case-list-last-page-${javaScript ? "js" : "no-js"}`);

    await pages.getByRole("link", { name: "Previous page" }).click();
    await expect(page).toHaveURL(/[?&]before=/);
    await expect.poll(() => names(page)).toEqual(second);
    await pages.getByRole("link", { name: "First page" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect.poll(() => names(page)).toEqual(first);
    await context.close();
  });

  test(`HR filters the list by status and name, ${how}`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "bulk-hr@demo.werkpad.test", { javaScript });
    await page.goto("/cases");
    if (javaScript) await hydrated(page);
    const search = page.getByRole("search", { name: "Find a case" });

    await search.getByLabel("Name or e-mail address").fill("jansen");
    await search.getByLabel("Status").selectOption({ label: "Closed" });
    await search.getByRole("button", { name: "Show cases" }).click();
    await expect(page).toHaveURL(/q=jansen/);
    await expect(page).toHaveURL(/status=closed/);
    await expect(summary(page)).toHaveText("7 cases");
    for (const item of await page.getByTestId("case-list").getByRole("listitem").all()) {
      await expect(item).toContainText("Closed");
      await expect(item.getByRole("link")).toContainText(/Jansen/);
    }
    // The form shows what the list is filtered by.
    await expect(search.getByLabel("Name or e-mail address")).toHaveValue("jansen");
    await expect(search.getByLabel("Status")).toHaveValue("closed");
    if (javaScript) await expectNoAxeViolations(page);
    await screenshot(page, testInfo, `case-list-filtered-${javaScript ? "js" : "no-js"}`);

    // By keyboard: a search that finds nobody, sent with Enter.
    await search.getByLabel("Name or e-mail address").fill("nobody at all");
    await search.getByLabel("Name or e-mail address").press("Enter");
    await expect(summary(page)).toHaveText("No cases match. Try another name or status.");
    await expect(page.getByTestId("case-list")).toHaveCount(0);

    // An invited employee is found by the address the invitation went to.
    await search.getByLabel("Status").selectOption({ label: "All cases" });
    await search.getByLabel("Name or e-mail address").fill("bulk-invited-00019");
    await search.getByRole("button", { name: "Show cases" }).click();
    await expect(summary(page)).toHaveText("1 case");
    await expect(caseLinks(page)).toHaveText(["Invited: bulk-invited-00019@demo.werkpad.test"]);

    await page.getByRole("link", { name: "Show all cases" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect(summary(page)).toHaveText("60 cases");
    await expect(search.getByLabel("Name or e-mail address")).toHaveValue("");
    await context.close();
  });

  // Bulk BV's cases began with an absence about 60 days ago and nothing is marked done:
  // each open one has a late problem analysis (week 6), and none has a deadline due this
  // week. Its 18 closed cases need no attention, so 42 of its 60 cases are late.
  test(`HR finds the cases that need attention, page by page and with a status, ${how}`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "bulk-hr@demo.werkpad.test", { javaScript });
    await page.goto("/cases");
    if (javaScript) await hydrated(page);
    const search = page.getByRole("search", { name: "Find a case" });
    const pages = page.getByRole("navigation", { name: "Pages" });

    await search.getByLabel("Needs attention").selectOption({ label: "A deadline is late" });
    await search.getByRole("button", { name: "Show cases" }).click();
    await expect(page).toHaveURL(/attention=late/);
    // More than a page: what needs attention is not counted, the page says what it shows.
    await expect(summary(page)).toHaveText("25 cases on this page");
    await expect(caseLinks(page)).toHaveCount(25);
    await expect(search.getByLabel("Needs attention")).toHaveValue("late");
    const first = await names(page);
    if (javaScript) await expectNoAxeViolations(page);

    // The pages keep the filter.
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/attention=late.*after=|after=.*attention=late/);
    await expect(summary(page)).toHaveText("17 cases on this page");
    await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);
    await pages.getByRole("link", { name: "First page" }).click();
    await expect.poll(() => names(page)).toEqual(first);

    // With a status: all there are fit on a page, so they are counted.
    await search.getByLabel("Status").selectOption({ label: "Returning to work" });
    await search.getByRole("button", { name: "Show cases" }).click();
    await expect(page).toHaveURL(/status=returning/);
    await expect(summary(page)).toHaveText("19 cases");
    for (const item of await page.getByTestId("case-list").getByRole("listitem").all())
      await expect(item).toContainText("Returning to work");
    await screenshot(page, testInfo, `case-list-attention-${javaScript ? "js" : "no-js"}`);

    // Nothing due this week.
    await search
      .getByLabel("Needs attention")
      .selectOption({ label: "A deadline is due this week" });
    await search.getByRole("button", { name: "Show cases" }).click();
    await expect(page).toHaveURL(/attention=due/);
    await expect(summary(page)).toHaveText(
      "No cases match. Try another name, status or attention filter.",
    );
    await expect(page.getByTestId("case-list")).toHaveCount(0);

    await page.getByRole("link", { name: "Show all cases" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect(summary(page)).toHaveText("60 cases");
    await expect(search.getByLabel("Needs attention")).toHaveValue("all");
    await context.close();
  });
}

test("an address the list never makes gets the 'could not read' page, not an error", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "bulk-hr@demo.werkpad.test");
  for (const search of [
    "?after=garbage",
    "?status=everything",
    `?q=${"x".repeat(101)}`,
    "?attention=overdue",
  ]) {
    const response = await page.goto(`/cases${search}`);
    expect(response?.status(), search).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "We could not read what was sent",
    );
  }
  await context.close();
});
