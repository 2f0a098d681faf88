import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * What the built server does with requests people do not usually send: too
 * large, from another site, forged addresses, data requests while signed
 * out. And that Werkpad's own forms, with and without JavaScript, still pass
 * the request guard.
 */
const notesPage = "/cases/demo-case-nl/notes";

const tooLarge = "Dat was te veel om in één keer te sturen";

test("a form too large to send shows a page in the reader's language, and nothing is saved", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "nl-NL" });
  const employee = await signIn(context, "employee@demo.werkpad.test");
  await employee.goto(notesPage);
  await hydrated(employee);
  const notesBefore = await employee.locator("li").count();

  // Through the page's own form: the browser already says the note is too long, and sends nothing.
  const text = `Te lang ${"x".repeat(300 * 1024)}`;
  let posted = false;
  employee.on("request", (request) => {
    if (request.method() === "POST") posted = true;
  });
  await employee.locator("#note-body").evaluate((field, value) => {
    (field as HTMLTextAreaElement).value = value;
  }, text);
  await employee.getByRole("button", { name: "Notitie opslaan" }).click();
  await expect(employee.locator("#note-body")).toHaveAttribute("aria-invalid", "true");
  await expect(employee.getByText("Gebruik maximaal 4000 tekens.").first()).toBeVisible();
  expect(posted).toBe(false);

  // As a plain HTML form, the way a browser without JavaScript sends it: the server's page, 413.
  const response = employee.waitForResponse((r) => r.request().method() === "POST");
  await employee.evaluate(
    ({ action, value }) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = action;
      const field = document.createElement("textarea");
      field.name = "body";
      field.value = value;
      form.append(field);
      document.body.append(form);
      form.submit();
    },
    { action: notesPage, value: text },
  );
  expect((await response).status()).toBe(413);
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText(tooLarge);
  await expect(employee.getByText("Er is niets opgeslagen.")).toBeVisible();
  await expectNoAxeViolations(employee);
  await screenshot(employee, testInfo, "request-too-large-nl");

  await employee.goto(notesPage);
  await expect(employee.locator("li")).toHaveCount(notesBefore);
  await context.close();
});

test("32 MB is refused with 413 without being kept", async ({ request }) => {
  const started = Date.now();
  const response = await request.post("/signin", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=${"a".repeat(32 * 1024 * 1024)}`,
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("<h1");
  expect(Date.now() - started).toBeLessThan(15_000);
});

test("a request from another website is refused with 403 and changes nothing", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const manager = await signIn(context, "manager@demo.werkpad.test");
  for (const [path, form] of [
    ["/signout", {}],
    ["/language", { language: "fr", redirectTo: "/" }],
    [notesPage, { body: "Planted" }],
  ] as const) {
    for (const origin of ["https://evil.example", "null"]) {
      const answer = await manager.request.post(path, {
        headers: { Origin: origin },
        form,
        maxRedirects: 0,
      });
      expect(answer.status(), `${path} from ${origin}`).toBe(403);
    }
  }
  // Still signed in, still in English.
  await manager.goto("/app");
  await expect(manager).toHaveURL(/\/app$/);
  await expect(manager.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("Werkpad's own forms pass the guard, with and without JavaScript", async ({ browser }) => {
  for (const javaScript of [true, false]) {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "hr@demo.werkpad.test", { javaScript });
    // The language switch and signing out post to resource routes.
    await page.getByRole("button", { name: /Français/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    expect((await page.request.get("/app", { maxRedirects: 0 })).status()).toBe(302);
    await context.close();
  }
});

test("nothing a signed-in person sees is cached, pages and data alike", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "hr@demo.werkpad.test");
  for (const path of ["/app", "/cases", "/cases.data", "/cases/demo-case-nl.data"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toBe("no-store");
  }
  await context.close();
});

test("a signed-out data request sends the person to sign in and back to the page, not its data", async ({
  request,
}) => {
  const response = await request.get("/cases/demo-case-nl.data?_routes=routes%2Fcases.%24caseId", {
    maxRedirects: 0,
  });
  const body = await response.text();
  expect(body).toContain("/signin?redirectTo=%2Fcases%2Fdemo-case-nl");
  expect(body).not.toContain(".data");
});

test("an X-Forwarded-For header does not choose the address the audit trail records", async ({
  browser,
}) => {
  const forged = "203.0.113.77";
  const context = await browser.newContext({
    locale: "en-GB",
    extraHTTPHeaders: { "X-Forwarded-For": forged },
  });
  const owner = await signIn(context, "owner@demo.werkpad.test");
  await owner.goto("/audit");
  await expect(owner.getByRole("table")).toBeVisible();
  await expect(owner.getByRole("table")).not.toContainText(forged);
  await context.close();
});

test("a date outside its range gets one message in the reader's language", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const manager = await signIn(context, "manager.be@demo.werkpad.test", { javaScript: false });
  await manager.goto("/cases/demo-case-be");
  await manager.getByText("Add a review date").click();
  await manager.locator("#review").getByLabel("Date").fill("2099-01-01");
  await manager.locator("#review").getByRole("button", { name: "Propose", exact: true }).click();
  const message = manager.locator("#review").getByText(/^Please choose a date on or before /);
  await expect(message).toHaveCount(1);
  await screenshot(manager, testInfo, "date-out-of-range-en");
  await context.close();
});
