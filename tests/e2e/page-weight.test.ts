import { expect, test } from "@playwright/test";
import { hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * Issue 9's weight budget for the plan page, measured from what Chromium
 * receives on the freshly seeded demo case (this file runs before every
 * other browser test, in the "fresh" project): at most 40 KB of HTML and
 * 130 KB of JavaScript, gzipped, for everything the page loads to start.
 */
const kilobyte = 1024;

test("the plan page carries at most 40 KB of HTML and loads at most 130 KB of gzipped JavaScript", async ({
  browser,
}, testInfo) => {
  // Signed in elsewhere: this context's cache is empty, as on a first visit.
  const signingIn = await browser.newContext({ locale: "nl-NL" });
  await signIn(signingIn, "hr@demo.werkpad.test");
  const context = await browser.newContext({
    locale: "nl-NL",
    storageState: await signingIn.storageState(),
  });
  await signingIn.close();
  const page = await context.newPage();
  let html = 0;
  const scripts: Array<{ file: string; gzipped: number }> = [];
  // Sizes are known once a request has finished.
  page.on("requestfinished", async (request) => {
    const url = new URL(request.url());
    const response = await request.response();
    if (!response) return;
    if (url.pathname === "/cases/demo-case-nl" && request.resourceType() === "document")
      html = (await response.body()).length;
    // What travelled: the server sends JavaScript gzipped.
    if (url.pathname.endsWith(".js")) {
      const { responseBodySize } = await request.sizes();
      scripts.push({ file: url.pathname, gzipped: responseBodySize });
    }
  });
  await page.goto("/cases/demo-case-nl");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const javaScript = scripts.reduce((sum, script) => sum + script.gzipped, 0);
  // Every script was compressed on the way (a plain one would be several times larger).
  for (const script of scripts) expect(script.gzipped, script.file).toBeGreaterThan(0);
  testInfo.annotations.push({
    type: "weight",
    description: `HTML ${(html / kilobyte).toFixed(1)} KB, JavaScript ${(javaScript / kilobyte).toFixed(1)} KB gzipped in ${scripts.length} files`,
  });
  console.log(testInfo.annotations.at(-1)?.description);
  expect(html).toBeGreaterThan(10 * kilobyte); // the real page, not an error
  expect(html).toBeLessThanOrEqual(40 * kilobyte);
  expect(javaScript).toBeLessThanOrEqual(130 * kilobyte);
  await screenshot(page, testInfo, "plan-page-weight-nl");
  await context.close();
});
