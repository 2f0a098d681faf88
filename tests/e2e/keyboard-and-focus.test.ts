import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/** WCAG 2.2 AA, the last gaps (issue 8, section 10): keyboard, focus and messages. */

async function inDutch(context: BrowserContext) {
  await context.addCookies([
    { name: "werkpad_lang", value: "nl", url: test.info().project.use.baseURL ?? "" },
  ]);
}

/** A short description of what has keyboard focus. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName ?? "", text: element?.textContent?.trim() ?? "" };
  });
}

/** A review date in the coming year that other tests are unlikely to propose. */
function uniqueDate(offset: number) {
  const days = 60 + ((Math.floor(Date.now() / 1000) + offset * 97) % 250);
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function proposeReviewDate(page: Page, date: string) {
  const section = page.locator("#review");
  await section.getByText("Add a review date").click();
  await section.getByLabel("Date").fill(date);
  await section.getByRole("button", { name: "Propose", exact: true }).click();
}

test("after a save, focus is on the item that changed, with and without JavaScript", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  for (const [javaScript, offset] of [
    [true, 0],
    [false, 1],
  ] as const) {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "manager@demo.werkpad.test", { javaScript });
    await page.goto("/cases/demo-case-nl");
    if (javaScript) await hydrated(page);
    const date = uniqueDate(offset);
    await proposeReviewDate(page, date);
    await expect(page.getByText("Your proposal is added.")).toBeVisible();
    const heading = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${date}T00:00:00Z`),
    );
    await expect.poll(() => focused(page)).toEqual({ tag: "H3", text: `Review on ${heading}` });
    // The next Tab goes on from there, to the item's own answers.
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toMatch(/^(Change|Withdraw)/);
    await screenshot(page, testInfo, `focus-after-save-${javaScript ? "js" : "no-js"}`);
    await context.close();
  }
});

test("after a save that changes no item, focus is on the message, with and without JavaScript", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  for (const javaScript of [true, false]) {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "owner@demo.werkpad.test", { javaScript });
    await page.goto("/members");
    if (javaScript) await hydrated(page);
    const address = `focus-${javaScript ? "js" : "no-js"}-${Date.now()}@linde.example`;
    await page.getByRole("textbox", { name: "E-mail address" }).fill(address);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect
      .poll(() => focused(page))
      .toEqual({
        tag: "P",
        text: `Invitation sent to ${address}.`,
      });
    await context.close();
  }
});

test("at 390 px the message never covers the control that has focus", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({
    locale: "en-GB",
    viewport: { width: 390, height: 844 },
  });
  const page = await signIn(context, "manager@demo.werkpad.test");
  await page.goto("/cases/demo-case-nl");
  await hydrated(page);
  await proposeReviewDate(page, uniqueDate(2));
  const toast = page.locator("[data-toast]");
  await expect(toast).toBeVisible();
  // Tab through the whole page while the message shows.
  const hidden: string[] = [];
  for (let step = 0; step < 120; step++) {
    await page.keyboard.press("Tab");
    const covered = await page.evaluate(() => {
      const element = document.activeElement;
      const message = document.querySelector("[data-toast]");
      if (!element || !message || element === document.body || message.contains(element))
        return null;
      const a = element.getBoundingClientRect();
      const b = message.getBoundingClientRect();
      const behind =
        a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
      return behind ? (element.textContent ?? element.tagName).trim().slice(0, 40) : null;
    });
    if (covered) hidden.push(covered);
  }
  expect(hidden).toEqual([]);
  await screenshot(page, testInfo, "toast-leaves-room-390");
  await context.close();
});

test("saying no without a reason gets the app's own message, tied to the field, with and without JavaScript", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  for (const javaScript of [true, false]) {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "employee@demo.werkpad.test", { javaScript });
    await inDutch(context);
    await page.goto("/cases/demo-case-nl");
    if (javaScript) await hydrated(page);
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Nee zeggen" }) })
      .first();
    const title = (await card.getByRole("heading", { level: 3 }).textContent()) ?? "";
    await card.getByText("Nee zeggen").click();
    await card.getByRole("button", { name: "Versturen" }).click();

    // The page may have been sent back by the server: find the item again by its title.
    const again = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3, name: title }) });
    const reason = again.getByRole("textbox", { name: /Waarom niet/ });
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    // The app's own Dutch message, shown next to the field and read with it; not the browser's.
    // The field's error, among what the field is described by (its hint, its count).
    const message = await reason.evaluate((field) =>
      (field.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .filter((id) => id.endsWith("-error"))
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .trim(),
    );
    expect(message).not.toBe("");
    expect(message).not.toMatch(/Please fill|fill out/i);
    await expect(again.getByText(message)).toBeVisible();
    expect(await reason.evaluate((field: HTMLTextAreaElement) => field.validationMessage)).toBe("");
    if (javaScript) await expect(reason).toBeFocused();
    if (javaScript) await expectNoAxeViolations(page); // axe needs JavaScript in the page
    await screenshot(page, testInfo, `decline-no-reason-${javaScript ? "js" : "no-js"}-nl`);
    await context.close();
  }
});

test("the audit trail scrolls sideways by keyboard at 390 px", async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    locale: "en-GB",
    viewport: { width: 390, height: 844 },
  });
  const page = await signIn(context, "owner@demo.werkpad.test");
  await page.goto("/audit");
  await hydrated(page);
  const region = page.getByRole("region", { name: "Audit trail" });
  const scrolls = await region.evaluate((element) => element.scrollWidth > element.clientWidth);
  expect(scrolls).toBe(true);
  // Reached with Tab, and its focus is visible.
  for (
    let step = 0;
    step < 30 && !(await region.evaluate((e) => e === document.activeElement));
    step++
  )
    await page.keyboard.press("Tab");
  await expect(region).toBeFocused();
  expect(await region.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe(
    "none",
  );
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await screenshot(page, testInfo, "audit-region-focused-390");
  await context.close();
});
