import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { renderPdf } from "./document.ts";
import type { PdfBlock, PdfDocument } from "./model.ts";
import { FINGERPRINT, sampleDocument } from "./sample-document.ts";

// Needs poppler-utils (pdftotext, pdfinfo, pdffonts), which .ci/run installs.
// PDF_SAMPLE=/tmp/pdf-sample.pdf keeps the sample document to look at.

const dir = mkdtempSync(join(tmpdir(), "werkpad-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function render(doc: PdfDocument): Promise<{ file: string; bytes: Uint8Array }> {
  const bytes = await renderPdf(doc);
  const file = join(dir, `doc-${++counter}.pdf`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: "utf8" });
const text = (file: string, page?: number) =>
  run("pdftotext", [
    "-layout",
    ...(page ? ["-f", String(page), "-l", String(page)] : []),
    file,
    "-",
  ]);
const info = (file: string) => run("pdfinfo", [file]);
const pages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(info(file))?.[1]);
/** Collapses the spacing that -layout adds, for checks across columns. */
const flat = (s: string) => s.replace(/\s+/g, " ");

test("the sample lays out every block with its words, fonts and page labels", async () => {
  const doc = sampleDocument();
  const { file, bytes } = await render(doc);
  if (process.env.PDF_SAMPLE) writeFileSync(process.env.PDF_SAMPLE, bytes);

  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const all = text(file);
  expect(all).toContain("Plan van aanpak — re-integratie");
  expect(all).toContain("Bakkerij Van den Broek B.V. · Anouk de Vries-Çelik");
  expect(all).toContain("Café, één, François, Straße");
  expect(flat(all)).toContain("officiële afspraken met een coördinator");
  expect(all).toContain("dr. Léon Maës, Arbodienst Midden"); // a facts value
  expect(all).toMatch(/Stationsplein 12\n\s*3511 ED Utrecht/); // its line breaks kept
  expect(all).toContain("Rust volgens advies bedrijfsarts"); // a table cell
  expect(all).toContain("Eigen werk volledig");
  expect(all).toContain("Werkplekonderzoek door een ergonoom"); // a card
  expect(all).toContain("32 uur (volledig)"); // a bar's caption
  expect(all).toContain("Anouk de Vries-Çelik"); // a signer
  expect(all).toContain("Controleer de echtheid van dit document");
  expect(all).toContain("€ 245,–");
  // A replaced word stands apart from its replacement.
  expect(flat(all)).toContain("Zodra zij 16 20 uur per week werkt");

  const total = pages(file);
  expect(total).toBeGreaterThanOrEqual(2);
  for (let page = 1; page <= total; page++) {
    const onPage = text(file, page);
    expect(onPage).toContain(`Versie 2 · vingerafdruk ${FINGERPRINT.slice(0, 16)}…`);
    expect(onPage).toContain(`Pagina ${page} van ${total}`);
  }
  // The title is on the first page only.
  expect(text(file, 1)).toContain("Plan van aanpak");
  expect(text(file, total)).not.toContain("Plan van aanpak — re-integratie");
});

test("Source Sans 3 is embedded and no font is left out", async () => {
  const { file } = await render(sampleDocument());
  const rows = run("pdffonts", [file]).trim().split("\n").slice(2);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((row) => /SourceSans3/i.test(row))).toBe(true);
  for (const row of rows) {
    // name type encoding emb sub uni object-id
    const columns = row.trim().split(/\s+/);
    expect(columns.at(-5), row).toBe("yes");
  }
});

test("the metadata carries title, author, subject, language and Werkpad as creator", async () => {
  const { file, bytes } = await render(sampleDocument());
  const meta = info(file);
  expect(meta).toMatch(/^Title:\s+Plan van aanpak — re-integratie$/m);
  expect(meta).toMatch(/^Author:\s+Bakkerij Van den Broek B\.V\.$/m);
  expect(meta).toMatch(/^Subject:\s+Plan van aanpak, versie 2$/m);
  expect(meta).toMatch(/^Creator:\s+Werkpad$/m);
  expect(meta).toMatch(/^Producer:\s+Werkpad$/m);
  expect(meta).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  expect(Buffer.from(bytes).toString("latin1")).toContain("/Lang (nl)");
});

test("the bytes can be handed from a worker thread to another without a copy", async () => {
  const bytes = await renderPdf(sampleDocument());
  const moved = structuredClone(bytes, { transfer: [bytes.buffer] });
  expect(Buffer.from(moved.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  expect(bytes.byteLength).toBe(0); // detached: it was moved, not copied
});

test("a long document spans pages, each with its footer and page label", async () => {
  const blocks: PdfBlock[] = [];
  for (let section = 1; section <= 12; section++) {
    blocks.push({ type: "heading", level: 2, text: `Hoofdstuk ${section}` });
    blocks.push({
      type: "paragraph",
      text: "Dit is een alinea met gewone tekst die over meerdere regels loopt. ".repeat(8),
    });
    blocks.push({
      type: "table",
      columns: ["Week", "Uren", "Taken"],
      rows: Array.from({ length: 6 }, (_, row) => [`Week ${row + 1}`, `${row * 4}`, "Inpakken"]),
    });
  }
  const { file } = await render({
    language: "en",
    title: "Long document",
    author: "Werkpad",
    subject: "Test",
    footer: "Version 1 · long test",
    pageLabel: "Page {page} of {total}",
    blocks,
  });
  const total = pages(file);
  expect(total).toBeGreaterThanOrEqual(4);
  for (let page = 1; page <= total; page++) {
    const onPage = text(file, page);
    expect(onPage).toContain("Version 1 · long test");
    expect(onPage).toContain(`Page ${page} of ${total}`);
  }
  expect(text(file)).toContain("Hoofdstuk 12");
});

test("table rows and cards are not split across pages", async () => {
  const { file } = await render({
    language: "nl",
    title: "Rijen",
    author: "Werkpad",
    subject: "Test",
    footer: "Voet",
    pageLabel: "{page}/{total}",
    blocks: [
      {
        type: "table",
        columns: ["Rij", "Omschrijving", "Uren"],
        // Rows of four to seven lines: wherever a page ends, there is room
        // for part of a row, which react-pdf would split if it were allowed to.
        rows: Array.from({ length: 40 }, (_, n) => [
          `Rij ${n}`,
          `Taak ${n} met een omschrijving die ${"heel ".repeat(n % 7)}lang is en over ` +
            "meerdere regels loopt in deze kolom van de tabel, met nog wat woorden. ".repeat(3) +
            `einde ${n}`,
          "8",
        ]),
      },
      {
        type: "items",
        items: Array.from({ length: 12 }, (_, n) => ({
          title: `Kaart ${n}`,
          facts: [{ label: "Wie", value: "Jan" }],
          text: `Een korte toelichting bij kaart ${n}, slot ${n}`,
        })),
      },
    ],
  });
  const total = pages(file);
  expect(total).toBeGreaterThanOrEqual(3);
  let rows = 0;
  for (let page = 1; page <= total; page++) {
    const onPage = flat(text(file, page));
    const starts = [...onPage.matchAll(/Rij (\d+)/g)].map((m) => m[1]);
    const ends = [...onPage.matchAll(/einde (\d+)/g)].map((m) => m[1]);
    expect(ends, `page ${page}`).toEqual(starts);
    rows += starts.length;
    const cards = [...onPage.matchAll(/Kaart (\d+)/g)].map((m) => m[1]);
    const slots = [...onPage.matchAll(/slot (\d+)/g)].map((m) => m[1]);
    expect(slots, `page ${page}`).toEqual(cards);
    if (page > 1 && starts.length > 0) expect(onPage, "header repeated").toContain("Omschrijving");
  }
  expect(rows).toBe(40);
});

test("a page break starts a new page", async () => {
  const { file } = await render({
    language: "nl",
    title: "Twee pagina's",
    author: "Werkpad",
    subject: "Test",
    footer: "Voet",
    pageLabel: "{page}/{total}",
    blocks: [
      { type: "paragraph", text: "Eerste pagina" },
      { type: "page-break" },
      { type: "paragraph", text: "Tweede pagina" },
    ],
  });
  expect(pages(file)).toBe(2);
  expect(text(file, 1)).toContain("Eerste pagina");
  expect(text(file, 1)).toContain("1/2");
  expect(text(file, 2)).toContain("Tweede pagina");
  expect(text(file, 2)).toContain("2/2");
});

/** Every word's box on every page, from pdftotext -bbox. */
function wordBoxes(file: string): { word: string; xMax: number; page: number }[] {
  const html = run("pdftotext", ["-bbox", file, "-"]);
  const boxes: { word: string; xMax: number; page: number }[] = [];
  let page = 0;
  for (const line of html.split("\n")) {
    if (line.includes("<page ")) page++;
    const match =
      /<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/.exec(line);
    if (match?.[1]) boxes.push({ word: match[2] ?? "", xMax: Number(match[1]), page });
  }
  return boxes;
}

test("long words, URLs and fingerprints wrap inside the page instead of running off it", async () => {
  const url = `https://werkpad.example.nl/controleer/${FINGERPRINT}?versie=2&taal=nl`;
  const { file } = await render({
    language: "nl",
    title: `Titel ${FINGERPRINT}${FINGERPRINT}`,
    subtitle: url,
    author: "Werkpad",
    subject: "Test",
    footer: `Versie 2 · vingerafdruk ${FINGERPRINT}${FINGERPRINT}`,
    pageLabel: "Pagina {page} van {total}",
    blocks: [
      { type: "heading", level: 2, text: FINGERPRINT },
      { type: "paragraph", text: `Zie ${url} en ${"x".repeat(300)}.` },
      { type: "paragraph", tone: "notice", text: FINGERPRINT.repeat(3) },
      { type: "facts", facts: [{ label: FINGERPRINT, value: url }] },
      {
        type: "table",
        columns: ["Een", "Twee", "Drie", "Vier", "Vijf", "Zes"],
        rows: [[FINGERPRINT, url, "kort", FINGERPRINT, "arbeidsongeschiktheidsverzekering", url]],
      },
      {
        type: "bars",
        title: url,
        max: 10,
        bars: [{ label: FINGERPRINT, value: 20, caption: FINGERPRINT }],
      },
      {
        type: "items",
        items: [{ title: FINGERPRINT, badge: FINGERPRINT, facts: [], text: url }],
      },
      {
        type: "changes",
        entries: [
          {
            title: FINGERPRINT,
            change: FINGERPRINT,
            fields: [{ label: url, parts: [{ text: url, change: "added" }] }],
          },
        ],
      },
      {
        type: "signers",
        signers: [{ name: FINGERPRINT, role: url, facts: [{ label: "x", value: url }] }],
      },
      { type: "qr", url, caption: FINGERPRINT },
    ],
  });
  const boxes = wordBoxes(file);
  expect(boxes.length).toBeGreaterThan(20);
  const right = 595.28 - 48 + 1;
  const overflowing = boxes.filter((box) => box.xMax > right);
  expect(overflowing).toEqual([]);
  // Nothing is lost: the pieces of the fingerprint are all there, in order.
  const all = text(file).replace(/\s+/g, "");
  expect(all).toContain(FINGERPRINT.repeat(3));
  // The footer stays on one line: one footer line per page.
  const footerLines = text(file, 1)
    .split("\n")
    .filter((line) => line.includes("Versie 2"));
  expect(footerLines).toHaveLength(1);
});

test("empty and odd input renders rather than throws, in the embedded fonts only", async () => {
  const { file, bytes } = await render({
    language: "fr",
    title: "",
    author: "",
    subject: "",
    footer: "",
    pageLabel: "{page}",
    blocks: [
      { type: "paragraph", text: "" },
      { type: "facts", facts: [] },
      { type: "table", columns: [], rows: [] },
      { type: "table", columns: ["A", "B"], rows: [["seulement un"]] },
      { type: "bars", title: "", max: 0, bars: [{ label: "", value: Number.NaN, caption: "" }] },
      { type: "items", items: [] },
      { type: "changes", entries: [] },
      {
        type: "signers",
        signers: [
          { name: "Zoë", role: "", facts: [], drawing: "data:image/png;base64,iVBORw0KGgo=" },
          { name: "Łukasz Wiśniewski", role: "Témoin", facts: [], drawing: "javascript:alert(1)" },
        ],
      },
      { type: "qr", url: "", caption: "Rien" },
      { type: "paragraph", text: "Ligne\u0000 un\r\nLigne\tdeux \u200b Œuvre" },
      { type: "paragraph", text: "Nguyễn Văn An, Ελένη, Дмитрий, 王伟 👍🏽 week 1 → week 2" },
    ],
  });
  expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  const all = text(file);
  expect(all).toContain("seulement un");
  expect(all).toContain("Łukasz Wiśniewski");
  expect(all).toContain("Œuvre");
  expect(pages(file)).toBe(1);
  // Characters the fonts lack become "?" rather than gibberish in Helvetica.
  expect(all).toContain("Nguyễn Văn An, Ελένη, Дмитрий, ?? ? week 1 -> week 2");
  for (const row of run("pdffonts", [file]).trim().split("\n").slice(2)) {
    expect(row).toMatch(/SourceSans3/);
    expect(row.trim().split(/\s+/).at(-5), row).toBe("yes");
  }
});
