import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { emailTo, expectNoAxeViolations, hydrated, screenshot, signUpOwner } from "./helpers.ts";

/**
 * Two-factor sign-in in the browser, in an organisation of its own (the demo
 * people keep signing in with their password alone): the owner sets it up
 * and requires it; an HR member signing in next is taken to set it up, types
 * the key into "their app" (the test computes the codes with @oslojs/otp),
 * keeps the recovery codes and lands in the app; the next sign-in asks for a code.
 */
const password = "a long walk past the old mill";

/** An authenticator app: the key read from the page, and the last step it gave a code for. */
type App = { key: Uint8Array; lastStep: number };

/** The next code the app shows that the server has not seen yet (a code works once). */
async function nextCode(app: App): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    // The server takes the code of the step before or after its own too.
    const step = Math.max(now, app.lastStep + 1);
    if (step <= now + 1) {
      app.lastStep = step;
      return generateHOTP(app.key, BigInt(step), 6);
    }
    // Two codes asked within one step: wait for the app's next one.
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 30_000 - Date.now() + 50));
  }
}

/** A code that is surely wrong now. */
const wrongCode = (app: App) =>
  generateHOTP(app.key, BigInt(Math.floor(Date.now() / 30_000)), 6) === "000000"
    ? "111111"
    : "000000";

/** Sets up two-factor sign-in from the page with the Start button; answers the app and the codes. */
async function setUp(page: Page, testInfo: TestInfo, name: string) {
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const typed = (await page.getByTestId("totp-key").textContent()) ?? "";
  expect(typed).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await expect(page.getByRole("link", { name: /Or open the key in an app/ })).toHaveAttribute(
    "href",
    new RegExp(`^otpauth://totp/Werkpad:.*secret=${typed.replaceAll(" ", "")}&`),
  );
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, `two-factor-setup-${name}`);
  const app: App = { key: decodeBase32(typed.replaceAll(" ", "")), lastStep: 0 };
  await page.getByLabel("Code from your app").fill(wrongCode(app));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByLabel("Code from your app")).toHaveAccessibleDescription(
    /This code does not work/,
  );
  await page.getByLabel("Code from your app").fill(await nextCode(app));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in is on");
  const codes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, `two-factor-recovery-codes-${name}`);
  return { app, codes };
}

async function signInWithPassword(page: Page, email: string, { javaScript = true } = {}) {
  await page.goto("/signin");
  if (javaScript) await hydrated(page);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an owner requires two-factor sign-in, and an HR member sets it up at their next sign-in", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const organization = `Veilig ${stamp} BV`;
  const ownerEmail = `tess-${stamp}@veilig.example`;
  const hrEmail = `hanna-${stamp}@veilig.example`;
  const owner = await browser.newContext({ locale: "en-GB" });
  const page = await signUpOwner(owner, {
    organization: organization,
    name: "Tess Owner",
    email: ownerEmail,
    password,
  });

  // The owner invites HR, who joins (and leaves again) before anything is required.
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByRole("textbox", { name: "E-mail address" }).fill(hrEmail);
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "HR" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Invitation sent to ${hrEmail}.` }),
  ).toBeVisible();
  {
    const context = await browser.newContext({ locale: "en-GB" });
    const join = await context.newPage();
    await join.goto((await emailTo(owner, hrEmail)).link);
    await hydrated(join);
    await join.getByLabel("Your name").fill("Hanna HR");
    await join.getByLabel("Password").fill(password);
    await join.getByRole("button", { name: `Join ${organization}` }).click();
    await expect(join).toHaveURL(/\/app$/);
    await context.close();
  }

  // Only an owner who has it on may require it: the owner sets it up first, from the account page.
  const requirement = page.locator("#two-factor-requirement");
  await expect(
    requirement.getByText("Turn on two-factor sign-in for yourself first."),
  ).toBeVisible();
  await page.goto("/account");
  await page.getByRole("link", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up two-factor sign-in");
  const { app: ownerApp } = await setUp(page, testInfo, "owner-en");
  await page.getByRole("link", { name: "I have saved my codes: go on" }).click();
  await expect(page).toHaveURL(/\/app$/);
  await page.goto("/account");
  await expect(page.locator("#two-factor")).toContainText("Unused recovery codes10");
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "two-factor-account-en");

  await page.goto("/members");
  await hydrated(page);
  await requirement
    .getByRole("checkbox", {
      name: "Require two-factor sign-in for owners, HR and occupational physicians",
    })
    .check();
  await requirement.getByRole("button", { name: "Save" }).click();
  await expect(
    requirement.getByLabel("Code from your authenticator app"),
  ).toHaveAccessibleDescription(/Type the code your authenticator app shows now/);
  // The rest of the form is as it was: still ticked.
  await expect(requirement.getByRole("checkbox")).toBeChecked();
  await requirement.getByLabel("Code from your authenticator app").fill(await nextCode(ownerApp));
  await requirement.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The setting is saved." })).toBeVisible();
  await expect(page.getByTestId("two-factor-requirement")).toHaveText(
    "Required for owners, HR and occupational physicians.",
  );
  await expect(page.getByText("Two-factor sign-in on", { exact: true })).toHaveCount(1);
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "two-factor-requirement-en");

  // HR signs in next: the password leads to setting it up, before anything else.
  const hr = await browser.newContext({ locale: "en-GB" });
  const hrPage = await hr.newPage();
  await signInWithPassword(hrPage, hrEmail);
  await expect(hrPage).toHaveURL(/\/account\/two-factor\?redirectTo=%2Fapp$/);
  await expect(hrPage.getByRole("heading", { level: 1 })).toHaveText("Set up two-factor sign-in");
  await expect(hrPage.getByText(`${organization} asks everyone with your role`)).toBeVisible();
  await hrPage.goto("/cases");
  await expect(hrPage).toHaveURL(/\/account\/two-factor\?redirectTo=%2Fcases$/);
  const { app: hrApp, codes } = await setUp(hrPage, testInfo, "hr-en");
  await hrPage.getByRole("link", { name: "I have saved my codes: go on" }).click();
  await expect(hrPage).toHaveURL(/\/cases$/);
  await hrPage.goto("/app");
  await expect(hrPage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Hanna HR");
  await hr.close();

  // And from now on the password alone is not enough.
  const again = await browser.newContext({ locale: "en-GB" });
  const againPage = await again.newPage();
  await signInWithPassword(againPage, hrEmail);
  await expect(againPage).toHaveURL(/\/signin\/two-factor\?redirectTo=%2Fapp$/);
  await expect(againPage.getByRole("heading", { level: 1 })).toHaveText("Type your code");
  // Half signed in, nothing else opens.
  await againPage.goto("/app");
  await expect(againPage).toHaveURL(/\/signin\?redirectTo=%2Fapp$/);
  await againPage.goBack();
  await hydrated(againPage);
  await againPage.getByLabel("Code", { exact: true }).fill(wrongCode(hrApp));
  await againPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(againPage.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(
    /This code does not work/,
  );
  await expectNoAxeViolations(againPage);
  await screenshot(againPage, testInfo, "two-factor-code-prompt-en");
  await againPage.getByLabel("Code", { exact: true }).fill(await nextCode(hrApp));
  await againPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(againPage).toHaveURL(/\/app$/);
  await expect(againPage.getByRole("heading", { level: 1 })).toHaveText("Welcome, Hanna HR");
  await again.close();

  // A recovery code works once, without JavaScript too.
  const lost = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const lostPage = await lost.newPage();
  await signInWithPassword(lostPage, hrEmail, { javaScript: false });
  await expect(lostPage).toHaveURL(/\/signin\/two-factor/);
  await lostPage.getByLabel("Code", { exact: true }).fill(codes[0] ?? "");
  await lostPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(lostPage).toHaveURL(/\/app$/);
  await expect(lostPage.getByText("You signed in with a recovery code.")).toBeVisible();
  await lost.close();

  // Changing a role asks the owner for a current code; without one nothing else is lost.
  await page.goto("/members");
  await page.getByRole("link", { name: "Hanna HR" }).click();
  await hydrated(page);
  const roleForm = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Change role" }) });
  await page.getByRole("combobox", { name: "New role" }).selectOption({ label: "Manager" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(roleForm.getByLabel("Code from your authenticator app")).toHaveAccessibleDescription(
    /Type the code your authenticator app shows now/,
  );
  await expect(page.getByRole("combobox", { name: "New role" })).toHaveValue("MANAGER");
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "two-factor-step-up-role-en");
  await roleForm.getByLabel("Code from your authenticator app").fill(await nextCode(ownerApp));
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The role is changed." })).toBeVisible();
  await expect(roleForm.getByLabel("Code from your authenticator app")).toHaveValue("");

  // Hanna lost her phone and her recovery codes: the owner turns it off for her.
  const turnOff = page.getByRole("button", { name: "Turn off two-factor sign-in for Hanna HR" });
  const reset = page.locator("form").filter({ has: turnOff });
  await turnOff.click();
  await expect(reset.getByRole("alert")).toHaveText(
    "Tick the box first: check with the person that they asked for this.",
  );
  await reset.getByLabel("I checked with Hanna HR that they asked for this").check();
  await reset.getByLabel("Code from your authenticator app").fill(await nextCode(ownerApp));
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "two-factor-reset-by-owner-en");
  await turnOff.click();
  await expect(
    page.getByRole("status").filter({ hasText: "Two-factor sign-in is off for Hanna HR." }),
  ).toBeVisible();
  await expect(turnOff).toHaveCount(0);
  const told = await emailTo(owner, hrEmail, "turned off two-factor sign-in");
  expect(told.text).toContain("Tess Owner, an owner of");
  expect(told.link).toMatch(/\/signin$/);
  // Her password alone signs her in again.
  const back = await browser.newContext({ locale: "en-GB" });
  const backPage = await back.newPage();
  await signInWithPassword(backPage, hrEmail);
  await expect(backPage).toHaveURL(/\/app$/);
  await back.close();
  await owner.close();
});
