import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

test("the manager makes a private calendar address, a calendar app reads it, and stopping it ends it", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "manager@demo.werkpad.test");
  await page.getByRole("link", { name: "Your calendar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your calendar");
  await hydrated(page);
  await page.getByRole("button", { name: /^Make (a calendar|a new) address$/ }).click();
  const field = page.getByLabel("Your calendar address");
  await expect(field).toBeVisible();
  const address = await field.inputValue();
  expect(address).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "calendar-address-en");

  // A calendar app sends no cookie: only the address.
  const app = await browser.newContext();
  const feed = await app.request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  // The demo's planned conversation about Eva Visser's return, without what it is about.
  expect(text).toContain("SUMMARY:Werkpad: gesprek – E. Visser");
  expect(text).not.toContain("Planning the return");

  // Shown once: a reload does not show it again.
  await page.reload();
  await expect(page.getByLabel("Your calendar address")).toHaveCount(0);
  await page.getByRole("button", { name: "Stop the address" }).click();
  await expect(page.getByTestId("calendar-state")).toHaveText("You have no calendar address.");
  expect((await app.request.get(address)).status()).toBe(404);
  await app.close();
  await context.close();
});
