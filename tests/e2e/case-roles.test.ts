import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, screenshot, signIn } from "./helpers.ts";

test("an HR colleague who is ill uses her own case as its employee, not as its employer", async ({
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  const note = `Tired after the second treatment ${Date.now().toString(36)}`;

  const context = await browser.newContext({ locale: "en-GB" });
  const fatma = await signIn(context, "hr.employee@demo.werkpad.test");

  // As HR she sees every case; her own is marked as hers.
  await fatma.getByRole("link", { name: "Cases", exact: true }).click();
  const own = fatma.getByRole("listitem").filter({ hasText: "Fatma Yilmaz" });
  await expect(own.getByText("Your own plan")).toBeVisible();
  await expect(fatma.getByRole("listitem").filter({ hasText: "Eva Visser" })).toBeVisible();
  await expect(fatma.getByText("Your own plan")).toHaveCount(1);
  await expectNoAxeViolations(fatma);
  await screenshot(fatma, testInfo, "case-roles-hr-case-list-en");

  // Her own case: her plan, on the employee's side, with no way to manage the case.
  await own.getByRole("link", { name: "Fatma Yilmaz" }).click();
  await expect(fatma).toHaveURL(/\/cases\/demo-case-nl-hr$/);
  await expect(fatma.getByRole("heading", { level: 1 })).toHaveText("Your plan");
  await expect(fatma.getByRole("link", { name: "Case details" })).toHaveCount(0);
  await fatma.locator("html[data-hydrated]").waitFor();
  const contact = fatma
    .getByRole("listitem")
    .filter({ hasText: "Elke maandag een kort telefoontje" });
  await contact.getByRole("button", { name: "Agree" }).click();
  await expect(contact.getByText("Agreed by both")).toBeVisible();
  await expectNoAxeViolations(fatma);
  await screenshot(fatma, testInfo, "case-roles-hr-own-plan-en");
  expect((await fatma.request.get("/cases/demo-case-nl-hr/edit")).status()).toBe(403);

  // Her private notes, the physician's shared note, and her consent.
  await fatma.getByRole("link", { name: "Your private notes" }).click();
  await fatma.locator("html[data-hydrated]").waitFor();
  await fatma.getByRole("textbox", { name: "Note" }).fill(note);
  await fatma.getByRole("button", { name: "Save note" }).click();
  await expect(fatma.getByText(note)).toBeVisible();
  await expect(fatma.getByText("Neem de tijd voor de behandeling")).toBeVisible();
  const capacities = fatma
    .getByRole("listitem")
    .filter({ hasText: "My employer may read what the physician advises" });
  await capacities.getByRole("button", { name: "Share" }).click();
  await expect(fatma.getByText("Done: this is now shared.")).toBeVisible();
  await expect(capacities.getByText("Shared", { exact: true })).toBeVisible();
  await expectNoAxeViolations(fatma);
  await screenshot(fatma, testInfo, "case-roles-hr-own-notes-en");
  await context.close();

  // Her HR colleague is the employer side of this case: no private or medical text.
  const colleagueContext = await browser.newContext({ locale: "en-GB" });
  const hanneke = await signIn(colleagueContext, "hr@demo.werkpad.test");
  await hanneke.goto("/cases/demo-case-nl-hr");
  await expect(hanneke.getByRole("heading", { level: 1 })).toHaveText("Plan for Fatma Yilmaz");
  await expect(hanneke.getByRole("link", { name: "Case details" })).toBeVisible();
  const seen = await hanneke.content();
  expect(seen).not.toContain(note);
  expect(seen).not.toContain("Neem de tijd voor de behandeling");
  expect((await hanneke.request.get("/cases/demo-case-nl-hr/notes")).status()).toBe(404);
  await colleagueContext.close();
});
