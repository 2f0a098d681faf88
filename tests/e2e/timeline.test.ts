import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * The statutory timeline as the employer side uses it: a deadline marked done
 * on a day of their choice, and undone again. While the answer is on its way
 * only that deadline's button says so (the request is held back a moment).
 * The NL demo case's third review of the plan of action lies ahead, so
 * marking it done changes nothing the start page's tests look at.
 */
test("the manager marks a deadline done on a chosen day and undoes it; only that deadline's button waits", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "manager@demo.werkpad.test");
  await page.goto("/cases/demo-case-nl/timeline");
  await hydrated(page);
  await page.route(/\/timeline/, async (route) => {
    if (route.request().method() === "POST") await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  const third = page.locator("#deadline-evaluatie-plan-van-aanpak-3");
  const second = page.locator("#deadline-evaluatie-plan-van-aanpak-2");
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await third.getByLabel("Done on").fill(yesterday);
  await third.getByRole("button", { name: "Mark as done" }).click();
  await expect(third.getByRole("button", { name: "Saving…" })).toBeVisible();
  // At that same moment (counted once, not waited for): no other deadline's button is busy.
  expect(await page.locator("button[aria-busy]").count()).toBe(1);
  expect(await second.getByRole("button", { name: "Mark as done" }).count()).toBe(1);
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Now among those done, folded away, with its day.
  await page.getByText(/^\d+ done$/).click();
  await expect(third.getByText(/^Done on /)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "timeline-deadline-done-en");
  await third.getByRole("button", { name: "Not done after all" }).click();
  await expect(third.getByRole("button", { name: "Mark as done" })).toBeVisible();
  await context.close();
});
