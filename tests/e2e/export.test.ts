import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import en from "../../app/locales/en/privacy.json" with { type: "json" };
import fr from "../../app/locales/fr/privacy.json" with { type: "json" };
import nlReadme from "../../app/locales/nl/privacy.json" with { type: "json" };
import {
  emailTo,
  expectNoAxeViolations,
  hydrated,
  screenshot,
  sidewaysScroll,
  signIn,
} from "./helpers.ts";

/**
 * An employee asks for a copy of their data on the account page: the page
 * says it is being prepared, the job runs in the server, the page turns into
 * the download by itself and the e-mail brings the same link. The ZIP is
 * opened and read here: Eva's own plan and the medical note shared with her
 * are in it; the note her physician kept, and Fatma's case (an HR colleague
 * with a case of her own in the same organisation), are not.
 */
const files = "test-results/export";
mkdirSync(files, { recursive: true });

const eva = "employee@demo.werkpad.test";
/** From prisma/seed-cases.ts: Eva's physician shared one medical note with her and kept another. */
const sharedMedical = "Vermoeidheid neemt af";
const keptMedical = "Eigen aantekening voor het volgende spreekuur";

const card = (page: Page) => page.locator("[data-export-state]");

test("an employee downloads all their data: asked, prepared by a job, e-mailed, downloaded and read", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await signIn(context, eva);
  await page.getByRole("link", { name: /^Account/ }).click();
  await expect(page.getByRole("heading", { name: en.card.heading })).toBeVisible();
  await hydrated(page);

  // The job is quick: when it has finished before the page shows the
  // pending state, ask for a new copy (each replaces the one before).
  let pendingSeen = false;
  for (let attempt = 0; attempt < 3 && !pendingSeen; attempt += 1) {
    const ready = (await card(page).getAttribute("data-export-state")) === "READY";
    await page.getByRole("button", { name: ready ? en.card.again : en.card.request }).click();
    await expect(page.getByText(en.card.requested).first()).toBeVisible();
    await expect(card(page)).toHaveAttribute("data-export-state", /PREPARING|READY/);
    if ((await card(page).getAttribute("data-export-state")) === "PREPARING") {
      pendingSeen = true;
      await expect(page.getByText(en.card.preparing).first()).toBeVisible();
      await screenshot(page, testInfo, "export-account-pending-en");
    }
  }
  expect(pendingSeen).toBe(true);

  // The page turns into the download by itself once the job is done.
  await expect(card(page)).toHaveAttribute("data-export-state", "READY", { timeout: 20_000 });
  const download = page.getByRole("link", { name: en.card.download });
  await expect(download).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, "export-account-ready-en");
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The e-mail (in Eva's own language, Dutch) links to the same download.
  const email = await emailTo(context, eva);
  expect(email.text).toContain("Download uw gegevens");
  const href = await download.getAttribute("href");
  expect(new URL(email.link).pathname).toBe(href);

  const saved = page.waitForEvent("download");
  await download.click();
  const file = await saved;
  expect(file.suggestedFilename()).toMatch(/^werkpad-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = `${files}/${file.suggestedFilename()}`;
  await file.saveAs(path);
  expect(execFileSync("unzip", ["-t", path], { encoding: "utf8" })).toContain("No errors detected");

  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  const names = Object.keys(entries);
  expect(names).toContain("werkpad-export.json");
  expect(names).toContain("README.txt");
  const readme = strFromU8(entries["README.txt"] ?? new Uint8Array());
  expect(readme).toContain(nlReadme.readme.title);
  const json = strFromU8(entries["werkpad-export.json"] ?? new Uint8Array());
  const data = JSON.parse(json);
  expect(data.account).toMatchObject({ name: "Eva Visser", email: eva });
  const [organisation] = data.organisations;
  expect(organisation).toMatchObject({ name: "Bouwbedrijf De Linde B.V.", yourRole: "EMPLOYEE" });
  const [own] = organisation.yourCases;
  expect(own.plan.versions.length).toBeGreaterThan(0);
  expect(json).toContain(sharedMedical);
  expect(json).not.toContain(keptMedical);
  // Nothing of Fatma Yilmaz's own case, nor of the Belgian organisation.
  for (const other of ["hr.employee@demo.werkpad.test", "Lucas Lefèvre", "Drukkerij Schelde"])
    expect(json).not.toContain(other);
  expect(json).not.toMatch(/passwordHash|\$argon2/);

  // Someone else's browser gets nothing from the same link.
  const stranger = await browser.newContext({ locale: "en-GB" });
  const other = await signIn(stranger, "hr.employee@demo.werkpad.test");
  const refused = await other.request.get(href ?? "");
  expect(refused.status()).toBe(404);
  await stranger.close();
  await context.close();
});

test("without JavaScript the same: asked, the page reloaded until ready, downloaded", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "fr-BE", javaScriptEnabled: false });
  const page = await signIn(context, "employee.be@demo.werkpad.test", { javaScript: false });
  await page.goto("/account");
  const ready = (await card(page).getAttribute("data-export-state")) === "READY";
  await page.getByRole("button", { name: ready ? fr.card.again : fr.card.request }).click();
  await expect(page.getByText(fr.card.requested).first()).toBeVisible();
  const download = page.getByRole("link", { name: fr.card.download });
  await expect(async () => {
    await page.goto("/account");
    await expect(download).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const saved = page.waitForEvent("download");
  await download.click();
  const file = await saved;
  const path = `${files}/no-js-${file.suggestedFilename()}`;
  await file.saveAs(path);
  const data = JSON.parse(
    strFromU8(
      unzipSync(new Uint8Array(readFileSync(path)))["werkpad-export.json"] ?? new Uint8Array(),
    ),
  );
  expect(data.account).toMatchObject({ name: "Amélie Dubois", language: "fr" });
  expect(JSON.stringify(data)).not.toContain("Lucas Lefèvre");
  await context.close();
});
