import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { e2eServerLog } from "../../playwright.config.ts";
import { collectConsoleErrors, expectNoAxeViolations, screenshot } from "./helpers.ts";

test.describe("the app shell", () => {
  test("a Dutch browser sees the home page in Dutch", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Passend werk, samen afgesproken",
    );
    await expect(page).toHaveTitle(/Werkpad/);
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, "home-nl-desktop");
    // The page hydrated under the strict CSP without a single refused script.
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("an English browser sees it in English, also on a phone", async ({ browser }, testInfo) => {
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Work that fits, agreed together",
    );
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, "home-en-phone");
    await context.close();
  });

  test("switching language keeps the page and the choice", async ({ browser }) => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto("/design");
    await page.getByRole("button", { name: /Français/ }).click();
    await expect(page).toHaveURL(/\/design$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guide de style");
    await expect(
      page.getByRole("status").filter({ hasText: "La langue est maintenant le français." }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /Français/ })).toHaveAttribute(
      "aria-current",
      "true",
    );
    // The choice outlives the visit, whatever the browser prefers.
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Un travail adapté, convenu ensemble",
    );
    await context.close();
  });

  test("the language can be switched with the keyboard alone", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.getByRole("button", { name: /Nederlands/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await context.close();
  });

  test("an unknown address shows a friendly 404", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot find this page");
    await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, "not-found-en");
    await context.close();
  });

  test("the health check answers with a database round trip", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  test("every response carries the security headers", async ({ request }) => {
    for (const path of ["/", "/healthz", "/no/such/page"]) {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+'/);
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("same-origin");
      expect(headers["x-powered-by"], path).toBeUndefined();
    }
  });

  test("an unexpected error shows a reference that is also in the log", async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    // Werkpad answers every malformed request it knows of with a 4xx: this address fails on purpose.
    await page.goto("/dev/fault");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Something went wrong on our side",
    );
    const reference =
      (await page.getByText(/^Reference: /).textContent())?.replace("Reference: ", "") ?? "";
    expect(reference).toMatch(/^[0-9a-f]{12}$/);
    await screenshot(page, testInfo, "error-en");
    const logged = readFileSync(e2eServerLog, "utf8")
      .split("\n")
      .filter(
        (line) =>
          line.includes(`"requestId":"${reference}"`) && line.includes('"msg":"unexpected error"'),
      );
    expect(logged).toHaveLength(1);
    await context.close();
  });
});
