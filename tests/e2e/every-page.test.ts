import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, sidewaysScroll, signIn } from "./helpers.ts";

/**
 * Every page of the main flows, for every role, in every language: an
 * accessibility scan at desktop width and at 390 px, and no sideways scrolling
 * at 390 and 320 px (WCAG 1.4.10). One page load per page and language; the
 * viewport is resized in place, which keeps this loop to a few minutes. Pages
 * that look the same for every role (the account page, an agreed version) are
 * visited by one role only.
 */
const languages = ["nl", "en", "fr"] as const;
const desktop = { width: 1280, height: 900 };
const phones = [390, 320] as const;

async function checkEveryPage(context: BrowserContext, page: Page, paths: string[]) {
  for (const language of languages) {
    await context.addCookies([
      { name: "werkpad_lang", value: language, url: test.info().project.use.baseURL ?? "" },
    ]);
    for (const path of paths) {
      await page.setViewportSize(desktop);
      const response = await page.goto(path);
      expect.soft(response?.status(), `${path} answers`).toBe(200);
      await hydrated(page);
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await test.step(`${path} ${language} desktop`, () =>
        expectNoAxeViolations(page, { soft: true }));
      for (const width of phones) {
        await page.setViewportSize({ width, height: 844 });
        expect
          .soft(await sidewaysScroll(page), `${path} (${language}) scrolls sideways at ${width} px`)
          .toBe(0);
        if (width === 390)
          await test.step(`${path} ${language} ${width} px`, () =>
            expectNoAxeViolations(page, { soft: true }));
      }
    }
  }
}

/** The first link on a page whose address starts with `prefix`. */
async function firstLink(page: Page, from: string, prefix: string): Promise<string> {
  await page.goto(from);
  const href = await page.locator(`a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href ?? "";
}

test.describe("every page, every role, every language", () => {
  test.describe.configure({ timeout: 600_000 });

  test("signed out", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await checkEveryPage(context, page, [
      "/",
      "/verify",
      "/guides",
      "/guides/first-conversation",
      "/hub",
      "/hub/nl-rights",
      "/signin",
      "/signup",
      "/signin/link",
      "/forgot-password",
    ]);
    await context.close();
  });

  test("owner", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await signIn(context, "owner@demo.werkpad.test");
    const member = await firstLink(page, "/members", "/members/");
    await checkEveryPage(context, page, [
      "/app",
      "/cases",
      "/cases/new",
      "/cases/demo-case-nl",
      "/cases/demo-case-nl/edit",
      "/cases/demo-case-nl/versions",
      "/cases/demo-case-nl/versions/1",
      "/cases/demo-case-nl/conversations",
      "/members",
      member,
      "/audit",
      "/billing",
      "/organization",
      "/account",
      "/insights",
    ]);
    await context.close();
  });

  test("HR", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await signIn(context, "hr@demo.werkpad.test");
    await checkEveryPage(context, page, [
      "/app",
      "/cases",
      "/cases/demo-case-nl",
      "/members",
      "/audit",
      `/insights?year=${new Date().getUTCFullYear() - 1}&department=Uitvoering`,
    ]);
    await context.close();
  });

  test("manager", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await signIn(context, "manager@demo.werkpad.test");
    const item = await firstLink(page, "/cases/demo-case-nl", "/cases/demo-case-nl/items/");
    const meeting = await firstLink(
      page,
      "/cases/demo-case-nl/conversations",
      "/cases/demo-case-nl/conversations/",
    );
    await checkEveryPage(context, page, [
      "/app",
      "/cases",
      "/cases/new",
      "/cases/demo-case-nl",
      item,
      "/cases/demo-case-nl/edit",
      meeting,
      "/cases/demo-case-nl/timeline",
      "/cases/demo-case-nl/checkins",
      "/calendar",
    ]);
    await context.close();
  });

  test("employee", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await signIn(context, "employee@demo.werkpad.test");
    const item = await firstLink(page, "/cases/demo-case-nl", "/cases/demo-case-nl/items/");
    const preparation = await firstLink(
      page,
      "/cases/demo-case-nl/conversations",
      "/cases/demo-case-nl/conversations/",
    );
    await checkEveryPage(context, page, [
      "/app",
      "/cases/demo-case-nl",
      "/cases/demo-case-nl/notes",
      item,
      "/cases/demo-case-nl/versions",
      preparation,
      "/cases/demo-case-nl/checkins",
      "/cases/demo-case-nl/timeline",
      "/reminders",
      "/account/two-factor",
    ]);
    await context.close();
  });

  test("physician, in both organisations", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await signIn(context, "physician@demo.werkpad.test");
    await checkEveryPage(context, page, [
      "/app",
      "/cases",
      "/organizations",
      "/cases/demo-case-nl",
      "/cases/demo-case-nl/physician",
      "/cases/demo-case-nl/timeline",
    ]);
    await page.goto("/organizations");
    await page.getByRole("button", { name: /Drukkerij Schelde BV/ }).click();
    await checkEveryPage(context, page, [
      "/cases/demo-case-be",
      "/cases/demo-case-be/physician",
      "/cases/demo-case-be/timeline",
    ]);
    await context.close();
  });

  test("the Belgian organisation's owner, manager and employee", async ({ browser }) => {
    for (const [email, paths] of [
      [
        "hr.be@demo.werkpad.test",
        [
          "/app",
          "/cases/demo-case-be",
          "/members",
          "/billing",
          "/cases/demo-case-be-signing/agreements",
        ],
      ],
      ["manager.be@demo.werkpad.test", ["/cases/demo-case-be"]],
      [
        "employee.be@demo.werkpad.test",
        ["/app", "/cases/demo-case-be", "/cases/demo-case-be/notes"],
      ],
      [
        "employee2.be@demo.werkpad.test",
        ["/cases/demo-case-be-signing/agreements", "/cases/demo-case-be-signing/passport"],
      ],
    ] as const) {
      const context = await browser.newContext({ locale: "en-GB" });
      const page = await signIn(context, email);
      await checkEveryPage(context, page, [...paths]);
      await context.close();
    }
  });
});
