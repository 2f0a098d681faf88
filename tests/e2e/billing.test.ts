import { expect, type Page, test } from "@playwright/test";
import { emailTo, expectNoAxeViolations, hydrated, screenshot, signUpOwner } from "./helpers.ts";

const password = "a long walk past the old mill";

/** From Werkpad's billing page into the simulator's Customer Portal, press a button, and come back. */
async function inPortal(owner: Page, button: string) {
  await owner.goto("/billing");
  await hydrated(owner);
  await owner.getByRole("button", { name: "Manage at Stripe" }).click();
  await expect(owner).toHaveURL(/\/dev\/stripe\/portal\//);
  await owner.getByRole("button", { name: button }).click();
  await expect(owner.getByRole("button", { name: button })).toBeHidden();
  await owner.getByRole("link", { name: "Return to Werkpad" }).click();
  await expect(owner).toHaveURL(/\/billing$/);
}

/** Stripe's webhook reaches the job queue a moment after the page: look again until it has. */
async function expectStatus(owner: Page, status: string) {
  await expect(async () => {
    await owner.goto("/billing");
    await expect(owner.getByTestId("billing-status")).toHaveText(status, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

test("an owner in trial subscribes, a failed payment blocks new cases but never the employee's plan, and paying lifts it", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const ownerEmail = `bram-${stamp}@zwaluw.example`;
  const employeeEmail = `ilse-${stamp}@zwaluw.example`;
  const ownerContext = await browser.newContext({ locale: "en-GB" });
  const owner = await signUpOwner(ownerContext, {
    organization: "Drukkerij De Zwaluw",
    name: "Bram Owner",
    email: ownerEmail,
    password,
  });

  // In the trial, a case for an employee invited from the case form; she joins.
  await owner.getByRole("link", { name: "Cases", exact: true }).click();
  await owner.getByRole("link", { name: "Open a case" }).click();
  await hydrated(owner);
  await owner.getByLabel("Or invite by e-mail").fill(employeeEmail);
  await owner
    .getByLabel("Responsible manager")
    .selectOption({ label: `Bram Owner (${ownerEmail})` });
  await owner.getByRole("button", { name: "Open the case" }).click();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText(
    `Plan for ${employeeEmail} (invited)`,
  );
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await employeeContext.newPage();
  await employee.goto((await emailTo(ownerContext, employeeEmail)).link);
  await hydrated(employee);
  await employee.getByLabel("Your name").fill("Ilse Jansen");
  await employee.getByLabel("Password").fill(password);
  await employee.getByRole("button", { name: /^Join / }).click();
  await expect(employee).toHaveURL(/\/app$/);

  // The billing page, in the trial: nothing paid yet.
  await owner.getByRole("link", { name: "Billing" }).click();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Billing");
  await expect(owner.getByTestId("billing-status")).toHaveText(/^Free trial until /);
  await expect(owner.getByText("1 open", { exact: true })).toBeVisible();
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "billing-trial-en");

  // Subscribe: Stripe's checkout (the simulator), a declined card first, then one that pays.
  await hydrated(owner);
  await owner.getByLabel("Every year").check();
  await owner.getByRole("button", { name: "Continue to Stripe to pay" }).click();
  await expect(owner).toHaveURL(/\/dev\/stripe\/checkout\/cs_/);
  await owner.getByLabel("VAT number").fill("NL123456789B01");
  await owner.getByRole("button", { name: "Pay with a card that is declined" }).click();
  await expect(owner.getByRole("alert")).toContainText("Your card was declined.");
  await expect(owner.getByLabel("VAT number")).toHaveValue("NL123456789B01");
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "simulator-checkout-declined");
  await owner.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(owner).toHaveURL(/\/billing\?checkout=done$/);
  await expectStatus(owner, "Active");
  await expect(owner.getByText("Yearly, per active case", { exact: false })).toBeVisible();
  await expect(owner.getByText("1 open, 1 paid for")).toBeVisible();
  await expect(owner.getByRole("table").getByText("Paid")).toBeVisible();
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "billing-active-en");

  // The renewal payment fails: a banner for the owner, and Stripe keeps trying.
  await inPortal(owner, "The renewal payment fails");
  await expectStatus(owner, "A payment failed: Stripe tries again");
  await owner.goto("/app");
  await expect(owner.getByRole("region", { name: "Billing" })).toContainText(
    "A payment for Werkpad failed.",
  );
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "start-page-payment-failing-en");

  // Stripe stops retrying: unpaid. No new case, with the reason and the way to fix it.
  await inPortal(owner, "Stripe stops retrying");
  await expectStatus(owner, "Not paid");
  await owner.goto("/cases/new");
  await expect(owner.getByRole("alert")).toContainText(
    "New cases cannot be opened: the organisation's subscription is not paid.",
  );
  await expect(owner.getByRole("button", { name: "Open the case" })).toHaveCount(0);
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "cases-new-not-paying-en");
  await owner.getByRole("link", { name: "Go to billing" }).click();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Billing");
  await owner.goto("/cases");
  await expect(owner.getByRole("region", { name: "Billing" })).toContainText(
    "Werkpad is not paid for.",
  );

  // The employee's plan works as before: she proposes a phase, and no banner speaks of money to her.
  await employee.getByRole("link", { name: "Your plan", exact: true }).click();
  await hydrated(employee);
  const schedule = employee.locator("#schedule");
  await schedule.getByText("Add a phase").click();
  await schedule.getByLabel("Starts in week").fill("1");
  await schedule.getByLabel("Hours per week").fill("10");
  await schedule.getByRole("button", { name: "Propose" }).click();
  await expect(
    employee.getByRole("heading", { level: 3, name: "From week 1: 10 hours a week" }),
  ).toBeVisible();
  await screenshot(employee, testInfo, "employee-plan-while-unpaid-en");
  await employee.goto("/app");
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ilse Jansen");
  await expect(employee.getByRole("region", { name: "Billing" })).toHaveCount(0);

  // Paying the open invoice lifts the block.
  await inPortal(owner, "Pay open invoices");
  await expectStatus(owner, "Active");
  await owner.goto("/app");
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bram Owner");
  await expect(owner.getByRole("region", { name: "Billing" })).toHaveCount(0);
  await owner.goto("/cases/new");
  await expect(owner.getByRole("button", { name: "Open the case" })).toBeVisible();

  // Nobody else reaches the billing page.
  await employee.goto("/billing");
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("We cannot find this page");
});
