import { expect, test } from "@playwright/test";
import {
  emailTo,
  expectNoAxeViolations,
  hydrated,
  screenshot,
  signIn,
  signUpOwner,
} from "./helpers.ts";

const password = "a slow morning by the river";

test("an employee erases her account: she sees what goes and what is kept until when, and cannot sign in again", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const ownerEmail = `noor-${stamp}@anker.example`;
  const employeeEmail = `tess-${stamp}@anker.example`;
  const ownerContext = await browser.newContext({ locale: "en-GB" });
  const owner = await signUpOwner(ownerContext, {
    organization: "Bakkerij Het Anker",
    name: "Noor Owner",
    email: ownerEmail,
    password,
  });

  // The only owner cannot erase her account before handing the organisation over.
  await owner.goto("/account/erase");
  await expect(owner.getByText(/You are the only owner of Bakkerij Het Anker/)).toBeVisible();
  await expect(owner.getByRole("button", { name: "Erase my account" })).toHaveCount(0);

  // A case for an employee, invited from the case form; she joins.
  await owner.goto("/cases/new");
  await hydrated(owner);
  await owner.getByLabel("Or invite by e-mail").fill(employeeEmail);
  await owner
    .getByLabel("Responsible manager")
    .selectOption({ label: `Noor Owner (${ownerEmail})` });
  await owner.getByRole("button", { name: "Open the case" }).click();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText(
    `Plan for ${employeeEmail} (invited)`,
  );
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await employeeContext.newPage();
  await employee.goto((await emailTo(ownerContext, employeeEmail)).link);
  await hydrated(employee);
  await employee.getByLabel("Your name").fill("Tess Jansen");
  await employee.getByLabel("Password").fill(password);
  await employee.getByRole("button", { name: /^Join / }).click();
  await expect(employee).toHaveURL(/\/app$/);

  // From her account page to what erasing means for her.
  await employee.goto("/account");
  await employee.getByRole("link", { name: "Erase my account…" }).click();
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("Erase my account");
  await expect(employee.getByText("Your private notes")).toBeVisible();
  await expect(employee.getByText("Your dossier at Bakkerij Het Anker")).toBeVisible();
  await expect(
    employee.getByText("Kept while it is open, and 24 months after it is closed."),
  ).toBeVisible();
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "erase-account-preview-en");

  // Without ticking the box: told what to do, nothing erased.
  await hydrated(employee);
  await employee.getByRole("button", { name: "Erase my account" }).click();
  await expect(employee.getByRole("alert")).toHaveText("Tick the box to confirm first.");
  await employee.getByLabel("I understand that this cannot be undone.").check();
  await employee.getByRole("button", { name: "Erase my account" }).click();
  await expect(employee).toHaveURL(/\/account\/erased$/);
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("Your account is erased");
  await expect(employee.getByText("Your sign-ins on every device (1)")).toBeVisible();
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "erase-account-done-en");

  // Signed out, and her address and password no longer open anything.
  await employee.goto("/app");
  await expect(employee).toHaveURL(/\/signin/);
  await hydrated(employee);
  await employee.locator('input[name="email"]').fill(employeeEmail);
  await employee.locator('input[name="password"]').fill(password);
  await employee.getByRole("button", { name: "Sign in" }).click();
  await expect(employee).toHaveURL(/\/signin/);

  // The owner keeps the case, and reads that nobody answers on the employee's side any more.
  await owner.goto("/cases");
  const entry = owner
    .getByTestId("case-list")
    .getByRole("listitem")
    .filter({ hasText: "Tess Jansen" });
  await expect(entry.getByText("Account erased")).toBeVisible();
  await entry.getByRole("link", { name: "Tess Jansen" }).click();
  await expect(owner.getByText("This employee erased their Werkpad account.")).toBeVisible();
  await expectNoAxeViolations(owner);
  await screenshot(owner, testInfo, "erased-employee-plan-en");
  await ownerContext.close();
  await employeeContext.close();
});

test("HR reads the records of processing; the owner sets a shorter retention period, a wrong one is explained", async ({
  browser,
}, testInfo) => {
  const hrContext = await browser.newContext({ locale: "en-GB" });
  const hr = await signIn(hrContext, "hr@demo.werkpad.test");
  await hr.goto("/audit");
  await hr.getByRole("link", { name: "Records of processing" }).click();
  await expect(hr.getByRole("heading", { level: 1 })).toHaveText("Records of processing");
  await expect(
    hr.getByRole("rowheader", { name: /occupational physician's medical notes/ }),
  ).toBeVisible();
  await expect(hr.getByText("only the employee and the physician")).toBeVisible();
  // HR reads; only an owner changes the period.
  await expect(hr.getByLabel("Months to keep a closed case")).toHaveCount(0);
  await expectNoAxeViolations(hr);
  await screenshot(hr, testInfo, "privacy-records-en");

  const ownerContext = await browser.newContext({ locale: "en-GB" });
  const owner = await signIn(ownerContext, "owner@demo.werkpad.test");
  await owner.goto("/privacy");
  await hydrated(owner);
  const months = owner.getByLabel("Months to keep a closed case");
  await months.fill("30");
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByText("Choose a whole number of months between 6 and 24.")).toBeVisible();
  await expect(months).toHaveValue("30");
  await screenshot(owner, testInfo, "privacy-retention-error-en");
  await months.fill("24");
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByText("The period is saved.")).toBeVisible();
  await hrContext.close();
  await ownerContext.close();
});
