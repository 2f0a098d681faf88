import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

test("the manager's start page says what waits for him, and a click reaches it", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "manager@demo.werkpad.test");
  const todo = page.getByRole("heading", { level: 2, name: "What needs you now" });
  // The demo's planned conversation about Eva Visser's return, in four days.
  const conversation = page
    .getByTestId("todo-list")
    .getByRole("link", { name: /^Eva Visser: Conversation on / });
  await expect(conversation).toBeVisible();
  await expect(todo).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "start-page-manager-todo-en");
  await conversation.click();
  await expect(page).toHaveURL(/\/cases\/demo-case-nl\/conversations\/\w+$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning the return to work");
  await context.close();
});

test("the employee's start page gives one next step first, in her own words", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "nl-NL" });
  const page = await signIn(context, "employee@demo.werkpad.test");
  await expect(page.getByRole("heading", { level: 2, name: "Uw volgende stap" })).toBeVisible();
  await expect(page.getByTestId("todo-next")).not.toBeEmpty();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "start-page-employee-next-step-nl");
  await page.getByRole("link", { name: "Openen", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/demo-case-nl/);
  await context.close();
});

test("a Dutch deadline due within two weeks is on the manager's start page, and leads to the timeline", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "manager@demo.werkpad.test");
  // Eva's absence began 120 days ago; the plan of action's second evaluation is due within 14 days.
  const deadline = page
    .getByTestId("todo-list")
    .getByRole("link", { name: /^Eva Visser: By .+: Review of the plan of action/ });
  await expect(deadline).toBeVisible();
  await deadline.click();
  await expect(page).toHaveURL(
    /\/cases\/demo-case-nl\/timeline#deadline-evaluatie-plan-van-aanpak-2$/,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deadlines and rules");
  const card = page.locator("#deadline-evaluatie-plan-van-aanpak-2");
  await expect(card.getByText("Due within two weeks")).toBeVisible();
  // What is done is folded away, and opens on request.
  await page.getByText("3 done", { exact: true }).click();
  await expect(page.locator("#deadline-probleemanalyse-0").getByText(/^Done on /)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "timeline-manager-en");
  await context.close();
});
