import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page, type TestInfo } from "@playwright/test";
import { demoPassword } from "../../prisma/demo.ts";

/** Scans the page with axe for WCAG 2.2 A/AA problems and expects none. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
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

/** Signs a demo person in (in the context's language, with or without JavaScript); the start page. */
export async function signIn(context: BrowserContext, email: string, javaScript = true) {
  const page = await context.newPage();
  await page.goto("/signin");
  if (javaScript) await hydrated(page);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(demoPassword);
  await page.getByRole("button", { name: /^(Sign in|Inloggen|Se connecter)$/ }).click();
  await expect(page).toHaveURL(/\/app$/);
  return page;
}
