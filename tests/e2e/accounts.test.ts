import { type Browser, expect, test } from "@playwright/test";
import {
  emailTo,
  expectNoAxeViolations,
  hydrated,
  screenshot,
  signIn as signInAs,
} from "./helpers.ts";

const password = "a long walk past the old mill";

async function signIn(
  browser: Browser,
  email: string,
  options: { javaScriptEnabled?: boolean } = {},
) {
  const context = await browser.newContext({ locale: "en-GB", ...options });
  const page = await signInAs(context, email, { javaScript: options.javaScriptEnabled !== false });
  return { context, page };
}

test("an organisation signs up, confirms its address, and the people it invites join in their roles", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const ownerEmail = `olga-${stamp}@zonnebloem.example`;
  const owner = await browser.newContext({ locale: "en-GB" });
  const page = await owner.newPage();

  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name of your organisation").fill("Kwekerij Zonnebloem");
  await page.getByRole("combobox", { name: "Language" }).selectOption("en");
  await page.getByLabel("Your name").fill("Olga Owner");
  await page.getByLabel("Your work e-mail address").fill(ownerEmail);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(
    /Use at least 12 characters/,
  );
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "signup-errors-en");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your e-mail");
  await expect(page.getByText(ownerEmail).first()).toBeVisible();
  const verification = await emailTo(owner, ownerEmail);
  const code = /\b(\d{3}\s?\d{3})\b/.exec(verification.text)?.[1]?.replace(/\s/g, "") ?? "";
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("Code from the e-mail").fill(code);
  await screenshot(page, testInfo, "verify-email-en");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Olga Owner");

  const invitees = [
    { role: "Manager", email: `mila-${stamp}@zonnebloem.example`, name: "Mila Manager" },
    { role: "Employee", email: `emre-${stamp}@zonnebloem.example`, name: "Emre Employee" },
    {
      role: "Occupational physician",
      email: `dr-pim-${stamp}@arbo.example`,
      name: "Dr. Pim Physician",
    },
  ];
  await page.getByRole("link", { name: "Members" }).click();
  for (const invitee of invitees) {
    await page.getByRole("textbox", { name: "E-mail address" }).fill(invitee.email);
    await page.getByRole("combobox", { name: "Role" }).selectOption({ label: invitee.role });
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Invitation sent to ${invitee.email}.` }),
    ).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Open invitations" })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "members-with-invitations-en");

  const roleIntro = {
    Manager: "You open a case for an employee you support.",
    Employee: "You make a plan together with your employer.",
    "Occupational physician": "You give functional advice and review plans",
  } as const;
  for (const invitee of invitees) {
    const context = await browser.newContext({ locale: "en-GB" });
    const invitation = await emailTo(owner, invitee.email);
    const joinPage = await context.newPage();
    await joinPage.goto(invitation.link);
    await hydrated(joinPage);
    await expect(joinPage.getByRole("heading", { level: 1 })).toHaveText(
      "Join Kwekerij Zonnebloem",
    );
    await joinPage.getByLabel("Your name").fill(invitee.name);
    await joinPage.getByLabel("Password").fill(password);
    if (invitee.role === "Employee") await screenshot(joinPage, testInfo, "invitation-accept-en");
    await joinPage.getByRole("button", { name: "Join Kwekerij Zonnebloem" }).click();
    await expect(joinPage).toHaveURL(/\/app$/);
    await expect(joinPage.getByRole("heading", { level: 1 })).toHaveText(
      `Welcome, ${invitee.name}`,
    );
    await expect(joinPage.getByTestId("role-intro")).toContainText(
      roleIntro[invitee.role as keyof typeof roleIntro],
    );
    // Nobody has opened a case for them yet, and the start page says so rather than promising.
    if (invitee.role === "Employee")
      await expect(joinPage.getByTestId("plan-next-step")).toHaveText(
        "You do not have a plan in Werkpad yet. When your employer opens a case for you, your plan is here.",
      );
    if (invitee.role === "Employee") await screenshot(joinPage, testInfo, "employee-home-en");
    await context.close();
  }

  await page.reload();
  for (const invitee of invitees) {
    await expect(page.getByRole("link", { name: invitee.name })).toBeVisible();
  }
  await expect(page.getByText("No open invitations.")).toBeVisible();
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(
    page.getByRole("cell", { name: "Accepted an invitation (role: Manager)" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "audit-en");
  await owner.close();
});

test("a member of another organisation gets 404 on this organisation's pages", async ({
  browser,
}, testInfo) => {
  const { context: hrContext, page: hrPage } = await signIn(browser, "hr@demo.werkpad.test");
  await hrPage.goto("/members");
  const memberPage = await hrPage.getByRole("link", { name: "Eva Visser" }).getAttribute("href");
  expect(memberPage).toMatch(/^\/members\/\w+/);
  await hrContext.close();

  const { context, page } = await signIn(browser, "hr.be@demo.werkpad.test");
  const response = await page.goto(memberPage ?? "");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot find this page");
  await expect(page.getByText("Eva Visser")).toHaveCount(0);
  await screenshot(page, testInfo, "cross-organisation-404-en");
  await context.close();
});

test("sign out everywhere ends the session in the other browser", async ({ browser }) => {
  const first = await signIn(browser, "owner@demo.werkpad.test");
  const second = await signIn(browser, "owner@demo.werkpad.test");
  await first.page.getByRole("link", { name: /Account/ }).click();
  await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(first.page).toHaveURL(/\/signin$/);
  await expect(
    first.page.getByRole("status").filter({ hasText: "You are signed out on every device." }),
  ).toBeVisible();

  await second.page.reload();
  await expect(second.page).toHaveURL(/\/signin\?redirectTo=%2Fapp$/);
  await first.context.close();
  await second.context.close();
});

test("signing in works without JavaScript, and a physician sees both organisations", async ({
  browser,
}, testInfo) => {
  const { context, page } = await signIn(browser, "physician@demo.werkpad.test", {
    javaScriptEnabled: false,
  });
  await expect(page.getByRole("combobox", { name: "Organisation" })).toHaveValue(/.+/);
  const options = await page
    .getByRole("combobox", { name: "Organisation" })
    .locator("option")
    .allTextContents();
  expect(options).toEqual(["Bouwbedrijf De Linde B.V.", "Drukkerij Schelde BV"]);
  await page
    .getByRole("combobox", { name: "Organisation" })
    .selectOption({ label: "Drukkerij Schelde BV" });
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText("You are now working in Drukkerij Schelde BV.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Your cases" })).toBeVisible();
  await screenshot(page, testInfo, "physician-switched-en");
  await context.close();
});

test("a wrong password gets a plain answer in Dutch", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: "nl-NL" });
  const page = await context.newPage();
  await page.goto("/signin");
  await hydrated(page);
  await page.getByRole("textbox", { name: "E-mailadres" }).fill("manager@demo.werkpad.test");
  await page.getByLabel("Wachtwoord").fill("helemaal niet goed");
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page.getByRole("textbox", { name: "E-mailadres" })).toHaveValue(
    "manager@demo.werkpad.test",
  );
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "signin-error-nl");
  await context.close();
});
