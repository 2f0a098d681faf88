import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

test("a person chooses how often Werkpad reminds them, from their account", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "hr.employee@demo.werkpad.test");
  await page.getByRole("link", { name: /^Account/ }).click();
  await page.getByRole("link", { name: "Reminder e-mails" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reminder e-mails");
  await hydrated(page);
  await expect(page.getByLabel("Every day there is something")).toBeChecked();
  await page.getByLabel("Only for legal deadlines").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your choice is saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Only for legal deadlines")).toBeChecked();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "reminders-settings-en");
  await context.close();
});
