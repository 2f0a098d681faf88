import { expect, test } from "@playwright/test";
import { hydrated, screenshot, signIn } from "./helpers.ts";

// The plan page shows the catalogue's suggestions; its search opens on
// request (a link, so it works without JavaScript) and a result opens the
// proposal form with that adjustment chosen.
for (const javaScript of [true, false]) {
  test(`searching the catalogue from the plan and proposing what it finds (${javaScript ? "with" : "without"} JavaScript)`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "employee.be@demo.werkpad.test", { javaScript });
    await page.goto("/cases/demo-case-be");
    if (javaScript) await hydrated(page);
    const adjustments = page.locator("#adjustment");
    await expect(adjustments.getByLabel("Search")).toHaveCount(0);
    const open = adjustments.getByRole("link", { name: "Search the catalogue" });
    await expect(open).toHaveAttribute("aria-expanded", "false");
    await open.click();

    await adjustments.getByLabel("Search").fill("home");
    // Every effect is offered once the search is open, not only those the plan names.
    expect(await adjustments.getByLabel("Helps with").locator("option").count()).toBeGreaterThan(
      10,
    );
    await adjustments.getByRole("button", { name: "Find" }).click();
    await expect(adjustments.getByRole("status")).toHaveText(/\d+ adjustments? found/);
    await expect(adjustments.getByLabel("Search")).toHaveValue("home");
    await adjustments
      .getByRole("link", { name: "Propose this: Working from home part of the week" })
      .click();

    const form = page.locator("#add-ADJUSTMENT");
    await expect(form.getByLabel("From the list of adjustments")).toHaveValue(/\S/);
    await expect(
      form.getByLabel("From the list of adjustments").locator("option:checked"),
    ).toHaveText("Working from home part of the week");
    await screenshot(page, testInfo, `catalogue-search-${javaScript ? "js" : "no-js"}-en`);
    await context.close();
  });
}
