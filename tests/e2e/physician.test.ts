import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, screenshot, signIn } from "./helpers.ts";

test("a physician in two organisations reviews a plan with concerns; the manager sees the concerns, only the employee the shared medical note", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const privateNote = `Own note for the next consultation ${stamp}`;
  const sharedNote = `Energy is improving; call me if it gets harder ${stamp}`;
  const remarks = `Keep 18 hours two weeks longer before going up ${stamp}`;

  const physicianContext = await browser.newContext({ locale: "en-GB" });
  const physician = await signIn(physicianContext, "physician@demo.werkpad.test");

  // Both organisations' cases in one list; switching to the Belgian one and back.
  await physician.getByRole("link", { name: "Cases", exact: true }).click();
  await expect(physician.getByRole("heading", { level: 1 })).toHaveText(
    "Your cases as occupational physician",
  );
  await expect(physician.getByRole("heading", { name: "Bouwbedrijf De Linde B.V." })).toBeVisible();
  await expect(physician.getByRole("heading", { name: "Drukkerij Schelde BV" })).toBeVisible();
  await screenshot(physician, testInfo, "physician-cases-en");
  await physician
    .getByRole("listitem")
    .filter({ hasText: "Amélie Dubois" })
    .getByRole("button", { name: /Open/ })
    .click();
  await expect(physician).toHaveURL(/\/cases\/demo-case-be$/);
  await expect(physician.getByRole("combobox", { name: "Organisation" })).toHaveValue(
    "demo-org-be",
  );
  await physician
    .getByRole("combobox", { name: "Organisation" })
    .selectOption({ label: "Bouwbedrijf De Linde B.V." });
  await physician.getByRole("button", { name: "Switch" }).click();
  await expect(
    physician.getByText("You are now working in Bouwbedrijf De Linde B.V."),
  ).toBeVisible();

  // Reviewing version 1 with concerns, and two medical notes, one shared.
  await physician.goto("/cases/demo-case-nl/physician");
  await physician.locator("html[data-hydrated]").waitFor();
  await physician.getByLabel("Concerns: something should change").check();
  await physician.getByLabel("Remarks, or what should change").fill(remarks);
  await physician.getByRole("button", { name: "Save review" }).click();
  await expect(physician.getByText("Your review is saved.")).toBeVisible();
  for (const [text, share] of [
    [privateNote, false],
    [sharedNote, true],
  ] as const) {
    await physician.getByRole("textbox", { name: "Note", exact: true }).fill(text);
    if (share)
      await physician.locator("#medical").getByLabel("Share this note with the employee").check();
    await physician.getByRole("button", { name: "Save medical note" }).click();
    await expect(physician.getByRole("listitem").filter({ hasText: text })).toBeVisible();
  }
  await expectNoAxeViolations(physician);
  await screenshot(physician, testInfo, "physician-workspace-en");
  await physicianContext.close();

  // The manager sees the concerns, and no medical note.
  const managerContext = await browser.newContext({ locale: "en-GB" });
  const manager = await signIn(managerContext, "manager@demo.werkpad.test");
  await manager.goto("/cases/demo-case-nl");
  const review = manager.getByTestId("plan-review");
  await expect(review).toContainText("there are concerns");
  await expect(review).toContainText(remarks);
  const managerPage =
    (await manager.content()) +
    (await (await manager.request.get("/cases/demo-case-nl/notes")).text());
  expect(managerPage).not.toContain(privateNote);
  expect(managerPage).not.toContain(sharedNote);
  expect((await manager.request.get("/cases/demo-case-nl/physician")).status()).toBe(404);
  await screenshot(manager, testInfo, "manager-sees-concerns-en");
  await managerContext.close();

  // The employee reads the note the physician shared, not the other one, and sees who opened the case.
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await signIn(employeeContext, "employee@demo.werkpad.test");
  await employee.goto("/cases/demo-case-nl");
  await expect(employee.getByTestId("plan-review")).toContainText(remarks);
  await employee.getByRole("link", { name: "Your private notes" }).click();
  await expect(employee.getByText(sharedNote)).toBeVisible();
  await expect(employee.getByText(privateNote)).toHaveCount(0);
  await expect(employee.getByTestId("case-views")).toContainText("Mark Jansen");
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "employee-notes-and-physician-en");
  await employeeContext.close();
});
