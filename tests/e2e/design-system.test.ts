import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, screenshot } from "./helpers.ts";

async function submitEmptyThenValid(page: Page, { javaScript }: { javaScript: boolean }) {
  await page.goto("/design");
  if (javaScript) await page.locator("html[data-hydrated]").waitFor();
  const name = page.getByRole("textbox", { name: "Your name" });
  await name.fill("Anna");
  await page.getByRole("textbox", { name: "E-mail address" }).fill("anna@");
  await page.getByRole("button", { name: "Send" }).click();

  // Errors appear next to their fields, are announced with them, and the input stays.
  const email = page.getByRole("textbox", { name: "E-mail address" });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Please enter an e-mail address/);
  await expect(page.getByRole("combobox", { name: "Your role" })).toHaveAccessibleDescription(
    /Please choose one of the options/,
  );
  await expect(name).toHaveValue("Anna");
  await expect(email).toHaveValue("anna@");

  await email.fill("anna@example.com");
  await page.getByRole("combobox", { name: "Your role" }).selectOption("employee");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Thank you, Anna. The form was sent." }),
  ).toBeVisible();
}

test.describe("the style guide", () => {
  test("its building blocks pass an accessibility scan", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/design");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByRole("textbox", { name: "Your name" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, "design-errors-en");
    await context.close();
  });

  test("a form validates, keeps input and confirms, with JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    await submitEmptyThenValid(await context.newPage(), { javaScript: true });
    await context.close();
  });

  test("a form validates, keeps input and confirms, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    await submitEmptyThenValid(await context.newPage(), { javaScript: false });
    await context.close();
  });

  test("the dialog opens, traps focus and closes with Escape", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/design");
    await page.locator("html[data-hydrated]").waitFor();
    const opener = page.getByRole("button", { name: "Open a dialog" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "A calm dialog" });
    await expect(dialog).toBeVisible();
    await screenshot(page, testInfo, "design-dialog-en");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await context.close();
  });
});
