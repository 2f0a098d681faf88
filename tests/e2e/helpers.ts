import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page, type TestInfo } from "@playwright/test";
import { demoPassword } from "../../prisma/demo.ts";

/**
 * Scans the page with axe for WCAG 2.2 A/AA problems and expects none. `soft`
 * records a failure and goes on, for loops over many pages.
 */
export async function expectNoAxeViolations(page: Page, { soft = false } = {}) {
  // Legacy mode runs axe in the page itself (Werkpad has no frames) and only
  // violations are collected: about three times faster, for scans in loops.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  const where = `${page.url()} at ${page.viewportSize()?.width} px`;
  (soft ? expect.soft : expect)(summary, where).toEqual([]);
}

/** Saves a full-page screenshot under test-results/screenshots/ to look at. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  testInfo.annotations.push({
    type: "screenshot",
    description: `test-results/screenshots/${name}.png`,
  });
}

/** Collects what the browser reports as errors (a CSP violation is one). */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Waits until React has hydrated the page (before using JavaScript-driven parts). */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor();
}

/** Signs a demo person in with their password (whatever the context's language), in a new page; on /app. */
export async function signIn(
  context: BrowserContext,
  email: string,
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/signin");
  if (javaScript) await hydrated(page);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(demoPassword);
  await page.getByRole("button", { name: /^(Sign in|Inloggen|Se connecter)$/ }).click();
  await expect(page).toHaveURL(/\/app$/);
  return page;
}

/** How far the page scrolls sideways, in pixels: 0 when nothing sticks out (WCAG 1.4.10). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * The newest e-mail to an address, as the development outbox shows it. The
 * server's job worker renders e-mails a moment after the request: reload
 * until it is there.
 */
export async function emailTo(
  context: BrowserContext,
  address: string,
  /** Waits for an e-mail with this text (an earlier one to the same address may be there already). */
  containing?: string,
) {
  const page = await context.newPage();
  const toAddress = page.locator("li[data-outbox-id]").filter({ hasText: address });
  const message = (containing ? toAddress.filter({ hasText: containing }) : toAddress).first();
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(message).toBeVisible({ timeout: 500 });
  }).toPass();
  const text = (await message.locator("pre").textContent()) ?? "";
  const link = await message.getByRole("link").first().getAttribute("href");
  await page.close();
  return { text, link: link ?? "" };
}

/**
 * A new organisation, signed up in English and confirmed by its owner with
 * the e-mailed code, so a test can change it without touching the demo's
 * owners. In a new page, on /app.
 */
export async function signUpOwner(
  context: BrowserContext,
  owner: { organization: string; name: string; email: string; password: string },
): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name of your organisation").fill(owner.organization);
  await page.getByRole("combobox", { name: "Language" }).selectOption("en");
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Your work e-mail address").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your e-mail");
  const code = /\b(\d{3}\s?\d{3})\b/.exec((await emailTo(context, owner.email)).text)?.[1] ?? "";
  await page.getByLabel("Code from the e-mail").fill(code.replace(/\s/g, ""));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/app$/);
  return page;
}
