/**
 * What a page weighs for the browser: its HTML, and the JavaScript it loads
 * at start, gzipped (level 9, each file on its own, as a CDN would send it).
 *
 * The JavaScript is counted in Chromium, because only the browser knows for
 * sure: entry.client.tsx dynamic-imports the page language's catalogues
 * (app/modules/i18n/resources.client.ts), which no reading of the files can
 * tell apart from the other languages'. Without a browser, the files the HTML
 * names and their static imports are counted instead: a lower bound.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

export type ScriptWeight = {
  files: number;
  gzipBytes: number;
  /** "browser": what Chromium fetched; "static": the HTML's scripts and their static imports only. */
  how: "browser" | "static";
  /** Why the browser was not used, when it was not. */
  note?: string;
};

const gzipSize = (body: Uint8Array) => gzipSync(body, { level: 9 }).byteLength;

/** Debian's Chromium, as the browser tests use it (playwright.config.ts); CHROMIUM_PATH for another. */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Loads `urlPath` signed in (the session cookie) in Chromium and weighs every JavaScript response. */
async function weighInBrowser(appUrl: string, urlPath: string, cookie: string) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    // Dutch, the demo's language, as the benchmark's other requests ask (the page loads that language's catalogues).
    const context = await browser.newContext({ locale: "nl-NL" });
    const equals = cookie.indexOf("=");
    if (equals > 0)
      await context.addCookies([
        { name: cookie.slice(0, equals), value: cookie.slice(equals + 1), url: appUrl },
      ]);
    const page = await context.newPage();
    const bodies: Array<Promise<Buffer>> = [];
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (type.includes("javascript") || new URL(response.url()).pathname.endsWith(".js"))
        bodies.push(response.body());
    });
    // networkidle: hydration, and the catalogues it waits for, have been fetched.
    const response = await page.goto(`${appUrl}${urlPath}`, { waitUntil: "networkidle" });
    if (response?.status() !== 200 || new URL(page.url()).pathname !== urlPath)
      throw new Error(`the browser got ${response?.status()} at ${page.url()}`);
    const sizes = (await Promise.all(bodies)).map(gzipSize);
    return { files: sizes.length, gzipBytes: sizes.reduce((sum, size) => sum + size, 0) };
  } finally {
    await browser.close();
  }
}

/**
 * `/assets/….js` files the HTML loads: its module preloads, and what its
 * module scripts import. Not every path in the HTML: the route manifest
 * inside the module script names modules of other routes too.
 */
function scriptsInHtml(html: string): string[] {
  const preloads = [...html.matchAll(/<link\s[^>]*rel="modulepreload"[^>]*>/g)].map(
    (link) => /\bhref="(\/assets\/[^"]+\.js)"/.exec(link[0])?.[1] ?? "",
  );
  const moduleScripts = [
    ...html.matchAll(/<script\s[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g),
  ];
  const imported = moduleScripts.flatMap((script) =>
    [
      ...(script[1] ?? "").matchAll(/\b(?:from|import)\s*\(?\s*["'](\/assets\/[^"']+\.js)["']/g),
    ].map((match) => match[1] ?? ""),
  );
  return [...preloads, ...imported].filter(Boolean);
}

/** Files a built module imports statically: `import … from "./x.js"` and `import "./x.js"`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map(
    (match) => match[1] ?? "",
  );
}

/** The HTML's scripts and, recursively, their static imports. */
async function weighStatically(appUrl: string, html: string) {
  const seen = new Set<string>();
  const queue = scriptsInHtml(html);
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.pop() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    const response = await fetch(`${appUrl}${file}`, {
      headers: { "Accept-Encoding": "identity" },
    });
    if (!response.ok) throw new Error(`${file} answered ${response.status}`);
    const body = new Uint8Array(await response.arrayBuffer());
    gzipBytes += gzipSize(body);
    const here = new URL(file, appUrl);
    for (const imported of staticImports(new TextDecoder().decode(body)))
      queue.push(new URL(imported, here).pathname);
  }
  return { files: seen.size, gzipBytes };
}

/** The JavaScript `urlPath` loads at start; in the browser when one starts, else statically. */
export async function weighScripts(
  appUrl: string,
  urlPath: string,
  cookie: string,
  html: string,
): Promise<ScriptWeight> {
  try {
    return { ...(await weighInBrowser(appUrl, urlPath, cookie)), how: "browser" };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      ...(await weighStatically(appUrl, html)),
      how: "static",
      note: `no browser (${reason}); counted the HTML's scripts and their static imports, not the catalogues`,
    };
  }
}
