import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import fr from "../../app/locales/fr/agreements.json" with { type: "json" };
import frPlans from "../../app/locales/fr/plans.json" with { type: "json" };
import nl from "../../app/locales/nl/agreements.json" with { type: "json" };
import nlForms from "../../app/locales/nl/planForms.json" with { type: "json" };
import nlPlans from "../../app/locales/nl/plans.json" with { type: "json" };
import { demoPassword } from "../../prisma/demo.ts";
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * Signing as people do it, in Dutch (Lotte Peeters, the owner, for the
 * employer) and French (Lucas Lefèvre, the employee): the agreed version made
 * ready, each side signing (a password; a code by e-mail; a drawn signature),
 * the seal, the download, a second version signed and the first superseded,
 * and /verify telling a sealed file from a changed one. Each slow step is
 * held back a moment in the network, so its pending state can be seen.
 */
const caseId = "demo-case-be-signing";
const files = "test-results/agreements";
mkdirSync(files, { recursive: true });

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** Holds requests to `pattern` back for a moment, so what the page shows meanwhile can be checked. */
async function slowDown(page: Page, pattern: RegExp) {
  await page.route(pattern, async (route) => {
    if (route.request().method() === "POST") await new Promise((done) => setTimeout(done, 700));
    await route.continue();
  });
}

/** The six-digit code in the newest signing e-mail to an address, from the development outbox. */
async function codeFor(context: BrowserContext, address: string): Promise<string> {
  const page = await context.newPage();
  const message = page.locator("li[data-outbox-id]").filter({ hasText: address }).first();
  let code = "";
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(message).toBeVisible({ timeout: 500 });
    code = /\b(\d{6})\b/.exec((await message.textContent()) ?? "")?.[1] ?? "";
    expect(code).not.toBe("");
  }).toPass();
  await page.close();
  return code;
}

/** What poppler says of a downloaded PDF, and its pages as PNGs to look at. */
function inspectPdf(file: string, name: string) {
  let signatures = "";
  try {
    signatures = execFileSync("pdfsig", [file], { encoding: "utf8" });
  } catch (error) {
    signatures = String((error as { stdout?: string }).stdout ?? "");
  }
  execFileSync("pdftoppm", ["-png", "-r", "60", file, `test-results/screenshots/${name}`]);
  return {
    signatures,
    text: execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }),
  };
}

async function drawSignature(page: Page) {
  const canvas = page.locator("canvas");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no signature pad");
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [
    [0.2, 0.3],
    [0.35, 0.7],
    [0.5, 0.35],
    [0.65, 0.65],
    [0.8, 0.4],
  ] as const)
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
  await page.mouse.up();
}

test("both sides sign in Dutch and French, the seal holds, and a second version supersedes the first", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const lotteContext = await browser.newContext({ locale: "nl-BE", acceptDownloads: true });
  const lotte = await signIn(lotteContext, "hr.be@demo.werkpad.test");
  const lucasContext = await browser.newContext({ locale: "fr-BE", acceptDownloads: true });
  const lucas = await signIn(lucasContext, "employee2.be@demo.werkpad.test");

  // Lotte makes version 1 ready to sign, in Lucas's language.
  await lotte.goto(`/cases/${caseId}/agreements`);
  await hydrated(lotte);
  await expect(lotte.getByLabel(nl.prepare.language)).toHaveValue("fr");
  await slowDown(lotte, /\/agreements(\.data)?$/);
  const prepare = lotte.getByRole("button", { name: nl.prepare.button });
  await prepare.click();
  await expect(lotte.getByRole("button", { name: nl.prepare.pending })).toHaveAttribute(
    "aria-busy",
    "true",
  );
  // The server's first PDF starts its PDF thread: allow for that on a busy machine.
  await expect(lotte.getByRole("heading", { level: 1 })).toHaveText(fill(nl.title, { number: 1 }), {
    timeout: 20_000,
  });
  await expectNoAxeViolations(lotte);
  await screenshot(lotte, testInfo, "agreement-ready-nl");

  // Lotte signs: the statement, her name, a drawn signature, her password.
  await slowDown(lotte, /\/agreements\/[^/]+(\.data)?$/);
  const form = lotte.locator("#sign");
  await form.getByRole("button", { name: nl.sign.button }).click();
  await expect(form.getByText(nl.errors.statement)).toBeVisible();
  await form.getByRole("checkbox").check();
  await form.getByLabel(nl.sign.typedName).fill("Lotte Peeters");
  await drawSignature(lotte);
  await form.getByLabel(nl.sign.password).fill("not my password");
  await form.getByRole("button", { name: nl.sign.button }).click();
  await expect(form.getByText(nl.errors.wrongPassword)).toBeVisible();
  // What she typed is still there; only the password is asked again.
  await expect(form.getByLabel(nl.sign.typedName)).toHaveValue("Lotte Peeters");
  await expect(form.getByRole("checkbox")).toBeChecked();
  await form.getByLabel(nl.sign.password).fill(demoPassword);
  await drawSignature(lotte);
  await form.getByRole("button", { name: nl.sign.button }).click();
  await expect(lotte.getByRole("button", { name: nl.sign.pending })).toBeVisible();
  await expect(lotte.getByText(nl.signed)).toBeVisible({ timeout: 15_000 });
  await expect(lotte.locator("#sign")).toHaveCount(0);

  // Lucas reads the PDF, then signs with a code sent by e-mail.
  await lucas.goto(`/cases/${caseId}/agreements`);
  await lucas.getByRole("link", { name: fill(fr.title, { number: 1 }) }).click();
  await hydrated(lucas);
  await lucas.getByRole("button", { name: fr.sign.useCodeInstead }).click();
  await expect(lucas.getByText(fr.sign.codeSent)).toBeVisible({ timeout: 15_000 });
  const lucasForm = lucas.locator("#sign");
  await lucasForm.getByRole("checkbox").check();
  await lucasForm.getByLabel(fr.sign.typedName).fill("Lucas Lefèvre");
  await lucasForm
    .getByLabel(fr.sign.code)
    .fill(await codeFor(lucasContext, "employee2.be@demo.werkpad.test"));
  await screenshot(lucas, testInfo, "agreement-sign-fr");
  await lucasForm.getByRole("button", { name: fr.sign.button }).click();
  // Sealing runs as a job; the page says so, then shows the sealed agreement.
  await expect(lucas.getByText(fr.status.SEALED)).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(lucas);
  await screenshot(lucas, testInfo, "agreement-sealed-fr");

  const download = lucas.waitForEvent("download");
  await lucas.getByRole("link", { name: fr.read.download }).click();
  const firstFile = `${files}/version-1.pdf`;
  await (await download).saveAs(firstFile);
  const first = inspectPdf(firstFile, "agreement-v1-pdf");
  expect(first.signatures).toContain("Signature is Valid");
  expect(first.signatures).toContain("Total document signed");
  expect(first.signatures).toContain("ETSI.CAdES.detached");
  expect(first.text).toContain("Lucas Lefèvre");
  expect(first.text).toContain("Lotte Peeters");

  // Version 2: Lotte proposes a review date, Lucas agrees; both sign again.
  const reviewDay = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  await lotte.goto(`/cases/${caseId}`);
  await hydrated(lotte);
  await lotte.getByText(nlPlans.add.REVIEW).click();
  await lotte.locator("#review").getByLabel(nlForms.fields.date, { exact: true }).fill(reviewDay);
  await lotte
    .locator("#review")
    .getByRole("button", { name: nlPlans.propose, exact: true })
    .click();
  await lucas.goto(`/cases/${caseId}`);
  // The new date is the one thing waiting for Lucas.
  await lucas.getByRole("button", { name: frPlans.actions.agree }).click();
  await expect(lucas.getByText(fill(frPlans.actions.planAgreed, { number: 2 }))).toBeVisible();

  await lotte.goto(`/cases/${caseId}/agreements`);
  await lotte.getByRole("button", { name: nl.prepare.button }).click();
  await expect(lotte.getByRole("heading", { level: 1 })).toHaveText(fill(nl.title, { number: 2 }), {
    timeout: 20_000,
  });
  for (const [page, texts, name] of [
    [lotte, nl, "Lotte Peeters"],
    [lucas, fr, "Lucas Lefèvre"],
  ] as const) {
    if (page === lucas) {
      await lucas.goto(`/cases/${caseId}/agreements`);
      await lucas.getByRole("link", { name: fill(fr.title, { number: 2 }) }).click();
    }
    const signForm = page.locator("#sign");
    await signForm.getByRole("checkbox").check();
    await signForm.getByLabel(texts.sign.typedName).fill(name);
    await signForm.getByLabel(texts.sign.password).fill(demoPassword);
    await signForm.getByRole("button", { name: texts.sign.button }).click();
    await expect(page.locator("#sign")).toHaveCount(0, { timeout: 15_000 });
  }
  await expect(lucas.getByText(fr.status.SEALED)).toBeVisible({ timeout: 20_000 });

  // Version 1 now says it is replaced, on its page and in the list.
  await lucas.goto(`/cases/${caseId}/agreements`);
  await expect(lucas.getByText(fill(fr.status.superseded, { number: 2 }))).toBeVisible();
  await screenshot(lucas, testInfo, "agreements-list-fr");
  const secondDownload = lucas.waitForEvent("download");
  await lucas.getByRole("link", { name: fill(fr.title, { number: 2 }) }).click();
  await lucas.getByRole("link", { name: fr.read.download }).click();
  const secondFile = `${files}/version-2.pdf`;
  await (await secondDownload).saveAs(secondFile);
  const second = inspectPdf(secondFile, "agreement-v2-pdf");
  expect(second.signatures).toContain("Signature is Valid");
  expect(second.text).toContain(fill(fr.pdf.changesSince, { number: 1 }).slice(0, 20));

  // Anyone checks the first file at /verify: issued by Werkpad, replaced by version 2.
  const visitor = await browser.newContext({ locale: "fr-BE" });
  const verify = await visitor.newPage();
  await verify.goto("/verify");
  await hydrated(verify);
  await verify.getByLabel(fr.verify.file).setInputFiles(firstFile);
  await slowDown(verify, /\/verify(\.data)?$/);
  await verify.getByRole("button", { name: fr.verify.button }).click();
  await expect(verify.getByRole("button", { name: fr.verify.checking })).toBeVisible();
  await expect(verify.getByRole("heading", { name: fr.verify.match })).toBeVisible({
    timeout: 15_000,
  });
  await expect(verify.getByText(fill(fr.verify.supersededBy, { number: 2 }))).toBeVisible();
  await expectNoAxeViolations(verify);
  await screenshot(verify, testInfo, "verify-superseded-fr");

  // The same file with one byte changed does not match, and its seal is broken.
  const bytes = readFileSync(firstFile);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 1;
  const tamperedFile = `${files}/version-1-changed.pdf`;
  writeFileSync(tamperedFile, bytes);
  await verify.getByLabel(fr.verify.file).setInputFiles(tamperedFile);
  await verify.getByRole("button", { name: fr.verify.button }).click();
  await expect(verify.getByRole("heading", { name: fr.verify.noMatch })).toBeVisible();
  await expect(verify.getByText(fr.verify.seal.broken)).toBeVisible();
  await screenshot(verify, testInfo, "verify-changed-fr");

  await visitor.close();
  await lotteContext.close();
  await lucasContext.close();
});
