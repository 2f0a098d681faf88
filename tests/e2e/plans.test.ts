import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { emailTo, expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

const password = "a long walk past the old mill";

/** Dates relative to today, so the forms' date ranges never expire them; and as pages show them. */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const shown = (iso: string) =>
  new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
const [start, firstReview, laterReview, movedReview, reviewDay] = [2, 37, 44, 51, 64].map(inDays);

/** The link in the newest e-mail to an address. */
async function linkInEmailTo(context: BrowserContext, address: string) {
  return (await emailTo(context, address)).link;
}

/** The card of a plan item, found by its heading. */
function item(page: Page, heading: string | RegExp): Locator {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
}

async function proposeAdjustment(page: Page, title: string, reviewDate: string) {
  const section = page.locator("#adjustment");
  await section.getByText("Propose an adjustment").click();
  const form = section
    .locator("form")
    .filter({ has: page.getByLabel("From the list of adjustments") });
  await form.getByLabel("From the list of adjustments").selectOption({ label: title });
  await form.getByLabel("Who arranges it").fill("Mark (manager)");
  await form.getByLabel("Starts on").fill(start ?? "");
  await form.getByLabel("Review on (optional)").fill(reviewDate);
  await form.getByRole("button", { name: "Propose" }).click();
  await expect(item(page, title)).toBeVisible();
}

async function addPhase(page: Page, week: string, hours: string) {
  const section = page.locator("#schedule");
  await section.getByText("Add a phase").click();
  await section.getByLabel("Starts in week").fill(week);
  await section.getByLabel("Hours per week").fill(hours);
  await section.getByRole("button", { name: "Propose" }).click();
  await expect(item(page, `From week ${week}: ${hours} hours a week`)).toBeVisible();
}

test("a manager and an employee agree a plan item by item, and a later change starts version 2", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const employeeEmail = `noor-${stamp}@linde.example`;
  const managerContext = await browser.newContext({ locale: "en-GB" });
  const manager = await signIn(managerContext, "manager@demo.werkpad.test");

  // The manager opens a case and invites the employee from the same form.
  await manager.getByRole("link", { name: "Cases", exact: true }).click();
  await manager.getByRole("link", { name: "Open a case" }).click();
  await hydrated(manager);
  await manager.getByLabel("Or invite by e-mail").fill(employeeEmail);
  await manager.getByRole("button", { name: "Open the case" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(
    `Plan for ${employeeEmail} (invited)`,
  );

  // Three adjustments and a three-phase schedule.
  await hydrated(manager);
  await proposeAdjustment(manager, "Extra breaks and a quiet room", firstReview ?? "");
  await proposeAdjustment(manager, "Fewer distractions", firstReview ?? "");
  await proposeAdjustment(manager, "Working from home part of the week", laterReview ?? "");
  for (const [week, hours] of [
    ["1", "12"],
    ["3", "18"],
    ["5", "24"],
  ] as const)
    await addPhase(manager, week, hours);
  await expect(manager.getByText("Waiting for", { exact: false }).first()).toBeVisible();
  await screenshot(manager, testInfo, "plan-proposed-manager-en");

  // The employee joins through the invitation and answers.
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await employeeContext.newPage();
  await employee.goto(await linkInEmailTo(managerContext, employeeEmail));
  await hydrated(employee);
  await employee.getByLabel("Your name").fill("Noor Bakker");
  await employee.getByLabel("Password").fill(password);
  await employee.getByRole("button", { name: /^Join / }).click();
  await expect(employee).toHaveURL(/\/app$/);
  await employee.getByRole("link", { name: "Your plan", exact: true }).click();
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("Your plan");
  await hydrated(employee);
  await expect(employee.getByText("6 items wait for your answer.")).toBeVisible();
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "plan-employee-to-answer-en");

  for (const title of ["Extra breaks and a quiet room", "Fewer distractions"]) {
    await item(employee, title).getByRole("button", { name: "Agree" }).click();
    await expect(item(employee, title).getByText("Agreed by both")).toBeVisible();
  }
  for (const week of ["1", "3", "5"]) {
    const phase = item(employee, new RegExp(`^From week ${week}:`));
    await phase.getByRole("button", { name: "Agree" }).click();
    await expect(phase.getByText("Agreed by both")).toBeVisible();
  }
  // A counter-proposal on the third adjustment.
  await item(employee, "Working from home part of the week")
    .getByRole("link", { name: /^Change/ })
    .click();
  await hydrated(employee);
  await employee.getByLabel("Details").fill("Thursdays and Fridays at home");
  await employee.getByRole("button", { name: "Save as proposal" }).click();
  await expect(
    item(employee, "Working from home part of the week").getByText("Waiting for the employer"),
  ).toBeVisible();
  // And a capacity, in work terms.
  const capacities = employee.locator("#capacity");
  await capacities.getByText("Add what works or what is hard").click();
  await capacities
    .getByLabel("Area")
    .selectOption({ label: "Personal functioning (attention, memory, pace)" });
  await capacities.getByLabel("Energy and rest").check();
  await capacities.getByLabel("What helps").fill("Working in the morning, one task at a time");
  await capacities.getByRole("button", { name: "Propose" }).click();
  await expect(item(employee, /^Personal functioning/)).toBeVisible();

  // The manager agrees to both: the plan becomes version 1, with its fingerprint.
  await manager.reload();
  await hydrated(manager);
  await expect(manager.getByText("2 items wait for your answer.")).toBeVisible();
  await item(manager, "Working from home part of the week")
    .getByRole("button", { name: "Agree" })
    .click();
  await expect(
    item(manager, "Working from home part of the week").getByText("Agreed by both"),
  ).toBeVisible();
  await item(manager, /^Personal functioning/)
    .getByRole("button", { name: "Agree" })
    .click();
  await expect(manager.getByRole("heading", { name: /^Version 1 was agreed on/ })).toBeVisible();
  const fingerprint = (await manager.getByTestId("plan-fingerprint").textContent()) ?? "";
  expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
  await screenshot(manager, testInfo, "plan-version-1-en");

  // Changing a review date starts version 2 as a draft; version 1 stays readable.
  await item(manager, "Fewer distractions")
    .getByRole("link", { name: /^Change/ })
    .click();
  await hydrated(manager);
  await manager.getByLabel("Review on (optional)").fill(movedReview ?? "");
  await manager.getByRole("button", { name: "Save as proposal" }).click();
  await expect(manager.getByRole("heading", { name: "Version 2 is being agreed." })).toBeVisible();
  await manager.getByRole("link", { name: "Read version 1" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(
    "Version 1 of the plan for Noor Bakker",
  );
  await expect(manager.getByText(fingerprint)).toBeVisible();
  await expect(manager.getByText(`Review on ${shown(firstReview ?? "")}`).first()).toBeVisible();
  await expectNoAxeViolations(manager);
  await screenshot(manager, testInfo, "plan-version-1-readable-en");

  // The employee agrees to the change: version 2. The history says exactly what changed, word by word.
  await employee.reload();
  await hydrated(employee);
  await item(employee, "Fewer distractions").getByRole("button", { name: "Agree" }).click();
  await expect(employee.getByRole("heading", { name: /^Version 2 was agreed on/ })).toBeVisible();
  await employee.getByRole("link", { name: "Versions" }).click();
  const change = employee.getByRole("listitem").filter({ hasText: "Changed: Fewer distractions" });
  await expect(change.getByRole("term")).toHaveText("review date");
  // Without the removed words it reads as the new date, without the added ones as the old.
  const reading = (leaveOut: "del" | "ins") =>
    change.getByRole("definition").evaluate((element, selector) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const node of copy.querySelectorAll(`${selector}, .sr-only`)) node.remove();
      return copy.textContent;
    }, leaveOut);
  expect(await reading("del")).toBe(shown(movedReview ?? ""));
  expect(await reading("ins")).toBe(shown(firstReview ?? ""));
  await expect(change.locator("ins").first()).toContainText("added:");
  await expect(change.locator("del").first()).toContainText("removed:");
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "plan-history-word-diff-en");
  await employee.getByRole("link", { name: "Read version 2" }).click();
  await expect(
    item(employee, "Fewer distractions").getByText("Changed in this version"),
  ).toBeVisible();
  await expect(
    item(employee, "Extra breaks and a quiet room").getByText(/in this version/),
  ).toHaveCount(0);
  await screenshot(employee, testInfo, "plan-version-2-marked-en");

  await managerContext.close();
  await employeeContext.close();
});

test("the core plan forms work without JavaScript", async ({ browser }, testInfo) => {
  const managerContext = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const manager = await signIn(managerContext, "manager.be@demo.werkpad.test", {
    javaScript: false,
  });
  await manager.goto("/cases/demo-case-be");
  await manager.getByText("Add a review date").click();
  await manager
    .locator("#review")
    .getByLabel("Date")
    .fill(reviewDay ?? "");
  await manager.locator("#review").getByRole("button", { name: "Propose" }).click();
  await expect(item(manager, `Review on ${shown(reviewDay ?? "")}`)).toBeVisible();

  const employeeContext = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const employee = await signIn(employeeContext, "employee.be@demo.werkpad.test", {
    javaScript: false,
  });
  await employee.goto("/cases/demo-case-be");
  await item(employee, `Review on ${shown(reviewDay ?? "")}`)
    .getByRole("button", { name: "Agree" })
    .click();
  await expect(
    item(employee, `Review on ${shown(reviewDay ?? "")}`).getByText("Agreed by both"),
  ).toBeVisible();

  const flexible = item(employee, "Flexible hours and leave");
  await flexible.getByText("Say no").click();
  await flexible
    .getByLabel(/Why not/)
    .fill("Starting before eight does not work with school times");
  await flexible.getByRole("button", { name: "Send" }).click();
  await expect(
    item(employee, "Flexible hours and leave").getByText(/said no|Not agreed/),
  ).toBeVisible();

  await item(employee, "Keeping in touch")
    .getByRole("link", { name: /^Change/ })
    .click();
  await employee
    .getByLabel("What you agree")
    .fill("An e-mail every Monday; a call when something changes.");
  await employee.getByRole("button", { name: "Save as proposal" }).click();
  await expect(
    item(employee, "Keeping in touch").getByText("Waiting for the employer"),
  ).toBeVisible();
  await screenshot(employee, testInfo, "plan-no-javascript-en");

  await manager.reload();
  await expect(
    item(manager, "Flexible hours and leave").getByText("Starting before eight"),
  ).toBeVisible();
  await managerContext.close();
  await employeeContext.close();
});
