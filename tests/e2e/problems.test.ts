import { type Browser, expect, test } from "@playwright/test";
import { expectNoAxeViolations, screenshot, signIn as signInAs } from "./helpers.ts";

/**
 * The owner's page of background work Werkpad gave up on. The demo data holds
 * one: an invitation the e-mail provider refused (prisma/seed-problems.ts).
 */
async function signIn(
  browser: Browser,
  email: string,
  viewport?: { width: number; height: number },
) {
  const context = await browser.newContext({ locale: "nl-NL", ...(viewport ? { viewport } : {}) });
  return { context, page: await signInAs(context, email) };
}

test("the owner reads which e-mail could not be delivered, to whom and when, but not its content", async ({
  browser,
}, testInfo) => {
  const { context, page } = await signIn(browser, "owner@demo.werkpad.test");
  await page
    .getByRole("navigation", { name: "Hoofdmenu" })
    .getByRole("link", { name: "Problemen" })
    .click();
  await expect(page).toHaveURL(/\/problems$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Problemen");
  await expect(
    page.getByText(
      /^Een e-mail aan p\.jansen@oude-linde\.example over een uitnodiging kon op .+ niet worden bezorgd\.$/,
    ),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Leden" }).last()).toHaveAttribute(
    "href",
    "/members",
  );
  // What the provider said is for developers, and never the message itself.
  await expect(page.getByText("validation_error")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "problems-owner-nl");
  await context.close();

  const phone = await signIn(browser, "owner@demo.werkpad.test", { width: 390, height: 844 });
  await phone.page.goto("/problems");
  await expect(phone.page.getByText(/p\.jansen@oude-linde\.example/)).toBeVisible();
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(phone.page);
  await screenshot(phone.page, testInfo, "problems-owner-nl-phone");
  await phone.context.close();
});

test("HR is not offered the page and is refused it", async ({ browser }, testInfo) => {
  const { context, page } = await signIn(browser, "hr@demo.werkpad.test");
  await expect(
    page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Problemen" }),
  ).toHaveCount(0);
  const response = await page.goto("/problems");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("p.jansen@oude-linde.example")).toHaveCount(0);
  await screenshot(page, testInfo, "problems-hr-refused-nl");
  await context.close();
});
