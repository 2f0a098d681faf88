import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { P12Signer, PDF } from "@libpdf/core";
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import fc from "fast-check";
import { createElement as h } from "react";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  appendPdf,
  certificateSummary,
  inspectSeal,
  type SealReport,
  sealPdf,
  selfSignedCertificate,
} from "./seal.ts";

// Needs poppler-utils (pdfsig, pdfinfo), which .ci/run installs. pdfsig is
// the independent check: what it says about our seals must agree with
// inspectSeal. SEAL_TIMING=1 prints the sealing and key generation times.

const dir = mkdtempSync(join(tmpdir(), "werkpad-seal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function tempFile(bytes: Uint8Array): string {
  const path = join(dir, `${++fileCount}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

/** pdfsig's report; it exits non-zero on some invalid signatures, so both streams are read. */
function pdfsig(bytes: Uint8Array): string {
  const run = spawnSync("pdfsig", [tempFile(bytes)], { encoding: "utf8" });
  if (run.error) throw run.error;
  return `${run.stdout}${run.stderr}`;
}

function pdfinfo(bytes: Uint8Array): string {
  return execFileSync("pdfinfo", [tempFile(bytes)], { encoding: "utf8" });
}

function pages(bytes: Uint8Array): number {
  return Number(/^Pages:\s+(\d+)/m.exec(pdfinfo(bytes))?.[1]);
}

async function reactPdf(texts: string[], title = "Re-integration plan"): Promise<Uint8Array> {
  const document = h(
    Document,
    { title, language: "nl", author: "Werkpad" },
    ...texts.map((text) => h(Page, { size: "A4" }, h(Text, null, text))),
  );
  return new Uint8Array(await renderToBuffer(document));
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

function byteRange(bytes: Uint8Array): { gapStart: number; end: number } {
  const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(latin1(bytes));
  if (!match) throw new Error("no ByteRange");
  return { gapStart: Number(match[1]), end: Number(match[2]) + Number(match[3]) };
}

const ours = selfSignedCertificate({ commonName: "Werkpad seal", organization: "Werkpad" });
const oursSummary = certificateSummary(ours.p12, ours.password);
const other = selfSignedCertificate({ commonName: "Someone else", organization: "Elsewhere" });
const otherSummary = certificateSummary(other.p12, other.password);
const sealOptions = { ...ours, reason: "Issued by Werkpad (version 2)", location: "Utrecht" };

let hello: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  hello = await reactPdf(["Hello"]);
  sealed = await sealPdf(hello, { ...sealOptions, name: "Werkpad B.V." });
});

describe("sealPdf", () => {
  test("a sealed react-pdf document passes pdfsig as a whole-document CAdES signature", () => {
    const report = pdfsig(sealed);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Signer Certificate Common Name: Werkpad seal");
    expect(report).toContain("Signing Hash Algorithm: SHA-256");
    // One signature only.
    expect(report).not.toContain("Signature #2");
  });

  test("PAdES baseline: a signing-certificate-v2 attribute and no signing-time (the time is /M)", () => {
    const { gapStart } = byteRange(sealed);
    const contents = latin1(sealed).slice(gapStart + 1, latin1(sealed).indexOf(">", gapStart));
    const cms = contents.toLowerCase();
    const oid = (der: string) => der.replace(/ /g, "");
    // id-aa-signingCertificateV2 1.2.840.113549.1.9.16.2.47 is there…
    expect(cms).toContain(oid("06 0b 2a 86 48 86 f7 0d 01 09 10 02 2f"));
    // …and signing-time 1.2.840.113549.1.9.5 is not (ETSI EN 319 142-1, 6.3).
    expect(cms).not.toContain(oid("06 09 2a 86 48 86 f7 0d 01 09 05"));
    expect(latin1(sealed)).toMatch(/\/M \(D:\d{14}Z\)/);
  });

  test("it is an incremental update: the original bytes come first, unchanged", () => {
    expect(Buffer.from(sealed.subarray(0, hello.length)).equals(Buffer.from(hello))).toBe(true);
    expect(pages(sealed)).toBe(1);
    expect(pdfinfo(sealed)).toMatch(/^Title:\s+Re-integration plan$/m);
  });

  test("reason, location and name are written once escaped (libpdf escapes them twice)", () => {
    const text = latin1(sealed);
    expect(text).toContain("/Reason (Issued by Werkpad \\(version 2\\))");
    expect(text).toContain("/Location (Utrecht)");
    expect(text).toContain("/Name (Werkpad B.V.)");
  });

  test("a wrong password or a file that is no PKCS#12 is refused before anything is signed", async () => {
    await expect(sealPdf(hello, { ...sealOptions, password: "wrong" })).rejects.toThrow(
      /password is wrong/,
    );
    await expect(sealPdf(hello, { ...sealOptions, p12: hello })).rejects.toThrow(/PKCS#12/);
  });
});

describe("inspectSeal", () => {
  test("our seal is intact and trusted for our certificate", () => {
    const report = inspectSeal(sealed, [otherSummary, { fingerprint: oursSummary.fingerprint }]);
    expect(report).toMatchObject({
      state: "intact",
      coversWholeFile: true,
      signer: "Werkpad seal",
      trusted: true,
    });
    const signedAt = report.state === "intact" ? report.signedAt : null;
    expect(signedAt).toBeInstanceOf(Date);
    expect(Math.abs((signedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(10 * 60 * 1000);
  });

  test("fingerprints are compared without regard to case or colons", () => {
    const colons = oursSummary.fingerprint.toUpperCase().match(/../g)?.join(":") ?? "";
    expect(inspectSeal(sealed, [{ fingerprint: colons }])).toMatchObject({ trusted: true });
  });

  test("it is intact but not trusted for another certificate's fingerprint, or none", () => {
    expect(inspectSeal(sealed, [otherSummary])).toMatchObject({ state: "intact", trusted: false });
    expect(inspectSeal(sealed, [])).toMatchObject({ state: "intact", trusted: false });
  });

  test("a seal by the other certificate is intact, trusted only for that one", async () => {
    const theirs = await sealPdf(hello, { ...other, reason: "Test" });
    expect(inspectSeal(theirs, [oursSummary])).toMatchObject({
      state: "intact",
      signer: "Someone else",
      trusted: false,
    });
    expect(inspectSeal(theirs, [otherSummary])).toMatchObject({ state: "intact", trusted: true });
  });

  test("a CMS made by another encoder (libpdf's own, with signing-time) is read too", async () => {
    const document = await PDF.load(hello);
    const signingTime = new Date("2026-01-02T03:04:05Z");
    const { bytes } = await document.sign({
      signer: await P12Signer.create(ours.p12, ours.password),
      reason: "Test",
      signingTime,
    });
    expect(pdfsig(bytes)).toContain("Signature is Valid");
    expect(inspectSeal(bytes, [oursSummary])).toEqual({
      state: "intact",
      coversWholeFile: true,
      signedAt: signingTime,
      signer: "Werkpad seal",
      trusted: true,
    });
  });

  test("an unsealed PDF is unsigned", () => {
    expect(inspectSeal(hello, [oursSummary])).toEqual({ state: "unsigned" });
  });

  test("one byte changed inside the signed range: broken, and pdfsig agrees", () => {
    const text = latin1(sealed);
    const at = text.indexOf("/Producer (react-pdf)") + "/Producer (react-pdf".length - 1;
    expect(at).toBeLessThan(byteRange(sealed).gapStart);
    const tampered = new Uint8Array(sealed);
    tampered[at] = "g".charCodeAt(0); // react-pdf → react-pdg
    const report = inspectSeal(tampered, [oursSummary]);
    expect(report.state).toBe("broken");
    expect(report.state === "broken" && report.why).toMatch(/changed after it was sealed/);
    const independent = pdfsig(tampered);
    expect(independent).toContain("Signature #1");
    expect(independent).not.toContain("Signature is Valid");
  });

  test("one byte changed in the CMS: broken, and pdfsig agrees", () => {
    // A byte of the RSA signature value, just before the zero padding.
    const { gapStart } = byteRange(sealed);
    const hex = latin1(sealed)
      .slice(gapStart + 1)
      .replace(/(00)+>[\s\S]*$/, "");
    const at = gapStart + 1 + hex.length - 8;
    const tampered = new Uint8Array(sealed);
    tampered[at] = tampered[at] === "0".charCodeAt(0) ? "1".charCodeAt(0) : "0".charCodeAt(0);
    expect(inspectSeal(tampered, [oursSummary])).toMatchObject({ state: "broken" });
    expect(pdfsig(tampered)).not.toContain("Signature is Valid");
  });

  test("junk appended after the seal: no longer covers the whole file, and pdfsig agrees", () => {
    const junk = Buffer.concat([Buffer.from(sealed), Buffer.from("\n% appended\n", "latin1")]);
    expect(inspectSeal(junk, [oursSummary])).toMatchObject({
      state: "intact",
      coversWholeFile: false,
      trusted: true,
    });
    const independent = pdfsig(junk);
    expect(independent).toContain("Signature is Valid");
    expect(independent).not.toContain("Total document signed");
  });

  test("an incremental update after the seal (a new title): not the whole file, and pdfsig agrees", async () => {
    const document = await PDF.load(sealed);
    document.setTitle("Something else");
    const updated = await document.save({ incremental: true });
    expect(pdfinfo(updated)).toMatch(/^Title:\s+Something else$/m);
    expect(inspectSeal(updated, [oursSummary])).toMatchObject({
      state: "intact",
      coversWholeFile: false,
    });
    const independent = pdfsig(updated);
    expect(independent).toContain("Signature is Valid");
    expect(independent).not.toContain("Total document signed");
  });

  test("garbage, empty and truncated inputs never throw", () => {
    const inputs: Uint8Array[] = [
      new Uint8Array(0),
      new Uint8Array(1),
      new Uint8Array(Buffer.from("%PDF-1.7\n/ByteRange")),
      new Uint8Array(Buffer.from("/ByteRange [0 10 20 30]")),
      new Uint8Array(Buffer.from("/ByteRange [0 /********** /********** /**********]")),
      new Uint8Array(Buffer.from("/ByteRange [0 99999999999 1 1] /Contents <3082>")),
      sealed.subarray(0, Math.floor(sealed.length / 2)),
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(1),
    ];
    for (const input of inputs) {
      const report = inspectSeal(input, [oursSummary]);
      expect(report.state === "unsigned" || report.state === "broken").toBe(true);
    }
    // Not even when the types are lied about.
    expect(inspectSeal(null as unknown as Uint8Array, [])).toEqual({ state: "unsigned" });
    expect(inspectSeal(sealed, [null, {}] as unknown as { fingerprint: string }[])).toMatchObject({
      state: "intact",
      trusted: false,
    });
  });

  test("a malformed ByteRange in a sealed file is broken, not a throw", () => {
    const text = latin1(sealed);
    const at = text.lastIndexOf("/ByteRange [") + "/ByteRange [".length;
    const tampered = new Uint8Array(sealed);
    tampered[at] = "x".charCodeAt(0);
    expect(inspectSeal(tampered, [oursSummary])).toMatchObject({ state: "broken" });
    // ByteRange numbers that point elsewhere, same width so the file keeps its length.
    const shifted = Buffer.from(text.replace(/\/ByteRange \[0 (\d)/, "/ByteRange [0 9"), "latin1");
    expect(inspectSeal(shifted, [oursSummary]).state).toBe("broken");
  });

  test("random bytes, random truncations and random byte flips never throw", () => {
    const states = new Set(["unsigned", "broken", "intact"]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const report = inspectSeal(bytes, [oursSummary]);
        return report.state === "unsigned" || report.state === "broken";
      }),
      { seed: 20260611, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), (length) => {
        const report: SealReport = inspectSeal(sealed.subarray(0, length), [oursSummary]);
        return states.has(report.state) && !(report.state === "intact" && report.coversWholeFile);
      }),
      { seed: 20260611, numRuns: 300 },
    );
    // Any change to a signed byte makes the seal not intact.
    const { gapStart } = byteRange(sealed);
    fc.assert(
      fc.property(fc.nat({ max: gapStart - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const tampered = new Uint8Array(sealed);
        tampered[at] = (tampered[at] ?? 0) ^ xor;
        return inspectSeal(tampered, [oursSummary]).state !== "intact";
      }),
      { seed: 20260611, numRuns: 300 },
    );
  });
});

describe("appendPdf", () => {
  test("a 1-page and a 2-page PDF make 3 pages with the base's metadata, and sealing validates", async () => {
    const base = await reactPdf(["Plan"], "Plan (final)");
    const extra = await reactPdf(["Certificate, page 1", "Certificate, page 2"], "Certificate");
    const combined = await appendPdf(base, extra);
    expect(pages(combined)).toBe(3);
    const info = pdfinfo(combined);
    expect(info).toMatch(/^Title:\s+Plan \(final\)$/m);
    expect(info).toMatch(/^Author:\s+Werkpad$/m);
    expect((await PDF.load(combined)).getLanguage()).toBe("nl");

    const sealedCombined = await sealPdf(combined, sealOptions);
    expect(pages(sealedCombined)).toBe(3);
    const report = pdfsig(sealedCombined);
    expect(report).toContain("Signature is Valid");
    expect(report).toContain("Total document signed");
    expect(inspectSeal(sealedCombined, [oursSummary])).toMatchObject({
      state: "intact",
      coversWholeFile: true,
      trusted: true,
    });

    // Warm sealing time for this 3-page document.
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await sealPdf(combined, sealOptions);
    const each = (performance.now() - started) / runs;
    if (process.env.SEAL_TIMING) {
      console.log(`sealPdf, 3 pages (${combined.length} bytes), warm: ${each.toFixed(1)} ms each`);
    }
    expect(each).toBeLessThan(1000);
  });
});

describe("certificates", () => {
  test("the generated certificate is self-signed, valid for years, and summarised", () => {
    expect(oursSummary).toMatchObject({
      subject: "CN=Werkpad seal, O=Werkpad",
      issuer: "CN=Werkpad seal, O=Werkpad",
      selfSigned: true,
    });
    expect(oursSummary.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(oursSummary.fingerprint).not.toBe(otherSummary.fingerprint);
    expect(oursSummary.notAfter.getTime()).toBeGreaterThan(Date.now() + 4 * 365 * 86_400_000);
    const short = selfSignedCertificate({ commonName: "A", organization: "B", validYears: 1 });
    const summary = certificateSummary(short.p12, short.password);
    expect(summary.notAfter.getTime()).toBeLessThan(Date.now() + 366 * 86_400_000);
    expect(short.password).not.toBe(ours.password);
  });

  test("a wrong password, an empty file or a file that is no PKCS#12 throws a clear error", () => {
    expect(() => certificateSummary(ours.p12, "wrong")).toThrow(
      "The seal certificate's password is wrong",
    );
    expect(() => certificateSummary(ours.p12, "")).toThrow(/password is wrong/);
    expect(() => certificateSummary(new Uint8Array(0), ours.password)).toThrow(/empty/);
    expect(() => certificateSummary(new Uint8Array([1, 2, 3]), "x")).toThrow(
      /not a readable PKCS#12/,
    );
  });

  test("key generation is quick enough for startup", () => {
    const started = performance.now();
    selfSignedCertificate({ commonName: "Timing", organization: "Werkpad" });
    const generated = performance.now() - started;
    if (process.env.SEAL_TIMING) {
      const keyStarted = performance.now();
      generateKeyPairSync("rsa", { modulusLength: 2048 });
      const key = performance.now() - keyStarted;
      console.log(
        `selfSignedCertificate: ${generated.toFixed(0)} ms (of which an RSA-2048 key: ~${key.toFixed(0)} ms)`,
      );
    }
    expect(generated).toBeLessThan(5000);
  });
});
