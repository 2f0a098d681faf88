/**
 * Benchmark of the signed agreement's PDF (issue 10): `npm run bench:pdf`.
 * Not part of the tests; README.md ("Benchmarks") shows a run.
 *
 * In one run, warm (after BENCH_PDF_WARMUP runs), the median of BENCH_PDF_RUNS:
 * - the baseline: @react-pdf/renderer laying out an empty A4 page, in this process;
 * - Werkpad's renderer (app/modules/pdf/document.ts) on an empty document, and
 *   on the three-page sample agreement (app/modules/pdf/sample-document.ts);
 * - rendering plus sealing that agreement, the way the seal job does it:
 *   through the PDF thread (app/modules/pdf/pdf.server.ts);
 * and whether the thread keeps the server free meanwhile: the event loop's
 * longest and 99th-percentile delay while twenty agreements are rendered and
 * sealed in the thread, against rendering them in this thread. Ends with the
 * issue's target as a PASS/FAIL line.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Document, Page, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { renderPdf as renderHere } from "../app/modules/pdf/document.ts";
import type { PdfDocument } from "../app/modules/pdf/model.ts";
import { renderPdf, sealPdf } from "../app/modules/pdf/pdf.server.ts";
import { sampleDocument } from "../app/modules/pdf/sample-document.ts";
import { selfSignedCertificate } from "../app/modules/pdf/seal.ts";

const runs = Number(process.env.BENCH_PDF_RUNS ?? 30);
const warmup = Number(process.env.BENCH_PDF_WARMUP ?? 5);
const targetRatio = 4;

async function median(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] ?? Number.NaN;
}

/** The event loop's delays while `work` runs: what every other request would wait. */
async function loopDelays(work: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await work();
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

const ms = (value: number) => value.toFixed(1);
const emptyPage = () =>
  renderToBuffer(createElement(Document, null, createElement(Page, { size: "A4" })));
const emptyDocument: PdfDocument = {
  language: "en",
  title: "",
  author: "",
  subject: "",
  footer: "",
  pageLabel: "",
  blocks: [],
};
const agreement = sampleDocument();
const certificate = selfSignedCertificate({ commonName: "Bench", organization: "Bench" });
const seal = { ...certificate, reason: "Benchmark" };
const renderAndSeal = async () => sealPdf(await renderPdf(agreement), seal);

const sampleBytes = (await renderHere(agreement)).length;
const baseline = await median(emptyPage);
const ourEmpty = await median(() => renderHere(emptyDocument));
const ourAgreement = await median(() => renderHere(agreement));
const sealed = await median(renderAndSeal);
const inThread = await loopDelays(async () => {
  for (let i = 0; i < 20; i++) await renderAndSeal();
});
const inProcess = await loopDelays(async () => {
  for (let i = 0; i < 20; i++) await renderHere(agreement);
});

const ratio = sealed / baseline;
console.log(
  `Werkpad PDF benchmark, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}; median of ${runs} warm runs.`,
);
console.log(`The sample agreement: ${(sampleBytes / 1024).toFixed(1)} KB before sealing.\n`);
console.log("| What | Median ms |\n|---|---|");
console.log(`| @react-pdf/renderer, an empty A4 page (the baseline) | ${ms(baseline)} |`);
console.log(`| Werkpad's renderer, an empty document (fonts, footer) | ${ms(ourEmpty)} |`);
console.log(`| Werkpad's renderer, the three-page agreement | ${ms(ourAgreement)} |`);
console.log(
  `| Render and seal the agreement in the PDF thread (the seal job's path) | ${ms(sealed)} |`,
);
console.log(
  "\nThe event loop while twenty agreements are made (what any other request would wait):\n",
);
console.log("| Where | p99 ms | longest ms |\n|---|---|---|");
console.log(`| In the PDF thread (Werkpad) | ${ms(inThread.p99)} | ${ms(inThread.max)} |`);
console.log(
  `| In the server's own thread (for comparison) | ${ms(inProcess.p99)} | ${ms(inProcess.max)} |`,
);
console.log("\n### Targets\n");
const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");
console.log(
  `- ${verdict(ratio <= targetRatio)} render and seal a three-page agreement ≤ ${targetRatio} × an empty page (measured: ${ratio.toFixed(1)} ×, ${ms(sealed)} ms against ${ms(baseline)} ms)`,
);
console.log(
  `- ${verdict(inThread.max < 50)} rendering does not hold up other requests: the event loop never waits 50 ms while the thread renders (measured: longest ${ms(inThread.max)} ms; ${ms(inProcess.max)} ms when rendering in the server's thread)`,
);
process.exit(0);
