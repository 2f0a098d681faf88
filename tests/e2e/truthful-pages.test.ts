import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/** What the screen says is true (issue 8, section 2). */

async function inLanguage(context: BrowserContext, language: "nl" | "en" | "fr") {
  await context.addCookies([
    { name: "werkpad_lang", value: language, url: test.info().project.use.baseURL ?? "" },
  ]);
}

/** The whole visible text of a page, for what it must never say. */
async function pageText(page: Page) {
  return (await page.locator("body").innerText()).replace(/\s+/g, " ");
}

test("start pages link every person to their plan or cases now, and promise nothing for later", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  // The employee: her plan, with how many items wait for her, the same number the plan shows.
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await signIn(employeeContext, "employee@demo.werkpad.test");
  const nextStep = (await employee.getByTestId("plan-next-step").textContent()) ?? "";
  const waiting = /^(\d+) items? waits? for your answer\.$/.exec(nextStep)?.[1];
  expect(waiting, nextStep).toBeTruthy();
  await screenshot(employee, testInfo, "start-employee-en");
  await employee.getByRole("link", { name: "Open your plan" }).click();
  await expect(employee).toHaveURL(/\/cases\/demo-case-nl$/);
  await expect(
    employee.getByText(new RegExp(`^${waiting} items? waits? for your answer\\.$`)),
  ).toBeVisible();
  await employeeContext.close();

  // HR: the cases of the organisation, and opening one.
  const hrContext = await browser.newContext({ locale: "en-GB" });
  const hr = await signIn(hrContext, "hr@demo.werkpad.test");
  await expect(
    hr.getByTestId("start-cases").getByRole("link", { name: "Eva Visser" }),
  ).toBeVisible();
  await expect(hr.getByRole("link", { name: "Open a case" })).toBeVisible();
  await expect(hr.getByRole("heading", { level: 1 })).toHaveText("Welcome, Hanneke de Vries");
  // The role is a label with its own capital, after the organisation's own full stop.
  await expect(hr.getByText("Your role at Bouwbedrijf De Linde B.V.: HR")).toBeVisible();
  await hrContext.close();

  // The physician: the cases in both organisations.
  const physicianContext = await browser.newContext({ locale: "en-GB" });
  const physician = await signIn(physicianContext, "physician@demo.werkpad.test");
  await expect(physician.getByText("You are the occupational physician in 4 cases.")).toBeVisible();
  await expect(physician.getByTestId("start-cases")).toContainText("Drukkerij Schelde BV");
  await expect(physician.getByTestId("start-cases")).toContainText("Bouwbedrijf De Linde B.V.");
  // Nothing is promised for "later", in any language, on the start page or the home page
  // (signed agreements and conversation guides work now; billing does not yet).
  for (const [language, soon] of [
    ["nl", /straks|binnenkort|abonnement/i],
    ["en", /\bsoon\b|will find|billing|subscription/i],
    ["fr", /bientôt|plus tard|abonnement/i],
  ] as const) {
    await inLanguage(physicianContext, language);
    for (const path of ["/app", "/"]) {
      await physician.goto(path);
      expect(await pageText(physician), `${path} in ${language}`).not.toMatch(soon);
    }
  }
  await physicianContext.close();
});

test("the physician is told who reads the advice, as the employee's consent stands now", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const physicianContext = await browser.newContext({ locale: "en-GB" });
  const physician = await signIn(physicianContext, "physician@demo.werkpad.test");
  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await signIn(employeeContext, "employee@demo.werkpad.test");
  const readers = physician.getByTestId("advice-readers");
  const sharing = employee
    .locator("#sharing li")
    .filter({ hasText: "My employer may read what the physician advises" });

  // Nothing shared: the employer reads the advice without the capacities.
  await physician.goto("/cases/demo-case-nl/physician");
  await expect(readers).toContainText("reads all of it except the part about what the employee");
  await screenshot(physician, testInfo, "advice-readers-withheld-en");

  // The employee shares: the sentence follows.
  await employee.goto("/cases/demo-case-nl/notes");
  await sharing.getByRole("button", { name: "Share" }).click();
  await expect(sharing.getByText("Shared", { exact: true })).toBeVisible();
  await physician.reload();
  await expect(readers).toContainText("also shares the part about what the employee");
  await expect(readers).not.toContainText("except");

  // And back: nothing shared again, for the other tests as for the demo.
  await sharing.getByRole("button", { name: "Stop sharing" }).click();
  await expect(sharing.getByText("Not shared", { exact: true })).toBeVisible();
  await physician.reload();
  await expect(readers).toContainText("except the part");
  await physicianContext.close();
  await employeeContext.close();
});

test("typed French carries lang=fr on Dutch and English pages, and no mark on French ones", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, "manager.be@demo.werkpad.test");
  for (const language of ["nl", "en"] as const) {
    await inLanguage(context, language);
    await page.goto("/cases/demo-case-be");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    const details = page.getByText("Congé pour accompagner aux rendez-vous, à annoncer la veille.");
    await expect(details).toHaveAttribute("lang", "fr");
    // The sentence around typed text stays in the page's language; only the typed part is French.
    const owner = page.getByText(/^(Geregeld door|Arranged by) Jonas \(responsable\)$/).first();
    await expect(owner).not.toHaveAttribute("lang");
    await expect(owner.locator('[lang="fr"]')).toHaveText("Jonas (responsable)");
  }
  await screenshot(page, testInfo, "typed-french-on-english-page");
  await inLanguage(context, "fr");
  await page.goto("/cases/demo-case-be");
  await expect(page.locator("main [lang]")).toHaveCount(0);
  await context.close();
});

test("the new-case form says the employee is missing, with and without JavaScript", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  for (const javaScript of [true, false]) {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const page = await signIn(context, "hr@demo.werkpad.test", { javaScript });
    await page.goto("/cases/new");
    if (javaScript) await hydrated(page);
    // HR has chosen nothing: the manager and the employee are both missing, and both are said.
    await page.getByRole("button", { name: "Open the case" }).click();
    const employee = page.getByRole("combobox", { name: "Employee" });
    await expect(employee).toHaveAttribute("aria-invalid", "true");
    await expect(employee).toHaveAccessibleDescription(
      /Choose an employee or type an e-mail address\./,
    );
    await expect(page.getByRole("combobox", { name: "Responsible manager" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    if (javaScript) await expectNoAxeViolations(page); // axe needs JavaScript in the page
    await screenshot(page, testInfo, `new-case-employee-missing-${javaScript ? "js" : "no-js"}`);
    await context.close();
  }
});
