/**
 * Lays a PdfDocument out as A4 pages with @react-pdf/renderer. Plain Node can
 * load this file (type stripping, no JSX), so it runs in a worker thread too.
 *
 * Design: dark grey text on white, one teal accent, thin rules and no fills
 * that a black-and-white printer would turn into grey slabs. Source Sans 3 is
 * embedded (latin, with latin-ext, cyrillic, greek and vietnamese as
 * fallbacks for names such as Łukasz, Şahin or Nguyễn).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import {
  Document,
  type DocumentProps,
  Font,
  Image,
  Page,
  renderToBuffer,
  type Styles,
  Text,
  View,
} from "@react-pdf/renderer";
import QRCode from "qrcode";
import { createElement, type ReactElement } from "react";
import type { PdfBlock, PdfDiffPart, PdfDocument, PdfFact } from "./model.ts";

const h = createElement;

// ---------------------------------------------------------------------------
// Fonts, registered once when the module loads.

const FAMILY = "Source Sans 3";
const SUBSETS = ["latin", "latin-ext", "cyrillic", "greek", "vietnamese"] as const;
const WEIGHTS = [400, 600, 700] as const;

const require = createRequire(import.meta.url);

/**
 * Unpacks a WOFF file into the plain TrueType/OpenType font inside it.
 * fontkit reads a WOFF's tables by inflating them again on every access, and
 * subsetting for the PDF reads the glyph table glyph by glyph: that took most
 * of a render. Unpacked once here, a render takes a third of the time.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("Not a WOFF font");
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error("Corrupt WOFF table");
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data });
  }
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor: the sfnt version
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    header.writeUInt32BE(table.tag, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(table.data.length, 24 + i * 16);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const FONT_STACK: string[] = SUBSETS.map((subset) => {
  const family = subset === "latin" ? FAMILY : `${FAMILY} ${subset}`;
  Font.register({
    family,
    fonts: WEIGHTS.map((fontWeight) => {
      const file = require.resolve(
        `@fontsource/source-sans-3/files/source-sans-3-${subset}-${fontWeight}-normal.woff`,
      );
      const sfnt = woffToSfnt(readFileSync(file));
      return { src: `data:font/ttf;base64,${sfnt.toString("base64")}`, fontWeight };
    }),
  });
  return family;
});

const ZWSP = "\u200b";
const SOFT_HYPHEN = "\u00ad";

/**
 * No hyphenation: words are never split by a (English) pattern set. A zero
 * width space marks a break without a hyphen (see breakable()); textkit turns
 * the empty syllable between the pieces into zero-width glue, a legal line
 * break. A soft hyphen typed by the user still breaks with a hyphen.
 */
function syllables(word: string): string[] {
  if (!word.includes(ZWSP) && !word.includes(SOFT_HYPHEN)) return [word];
  const out: string[] = [];
  for (const piece of word.split(ZWSP)) {
    if (piece === "") continue;
    if (out.length > 0) out.push("");
    out.push(...piece.split(SOFT_HYPHEN).filter((part) => part !== ""));
  }
  return out;
}
Font.registerHyphenationCallback(syllables);

// ---------------------------------------------------------------------------
// Text measuring, to make words wider than their box breakable.

/** Advance widths of Source Sans 3 Bold for U+0020…U+007E, in 1/100 em. */
const WIDTHS = [
  20, 34, 54, 53, 53, 86, 67, 30, 34, 34, 46, 53, 30, 33, 30, 34, 53, 53, 53, 53, 53, 53, 53, 53,
  53, 53, 30, 30, 53, 53, 53, 46, 90, 57, 61, 58, 64, 55, 52, 64, 67, 30, 51, 61, 52, 76, 67, 68,
  60, 68, 61, 56, 56, 67, 56, 81, 57, 53, 54, 34, 34, 34, 53, 50, 56, 53, 57, 47, 57, 52, 34, 53,
  57, 28, 28, 55, 29, 86, 57, 56, 57, 57, 40, 44, 38, 57, 52, 78, 51, 52, 46, 34, 27, 34, 53,
];

/** A generous estimate of a character's width in em (bold, wide for unknown ones). */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return (WIDTHS[code - 32] ?? 64) / 100;
}

function emWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Characters after which a long word (a URL, a path) breaks best. */
const BREAK_AFTER = new Set(["/", "-", ".", "_", "?", "&", "=", ":", ";", ",", "@", "#", "+", "|"]);

/** Splits `word` into pieces of at most `limit` em, preferring breaks after punctuation. */
function splitWord(word: string, limit: number): string {
  const pieces: string[] = [];
  let piece = "";
  let width = 0;
  let lastBreak = -1; // index in `piece` after which it may break
  for (const char of word) {
    const w = charWidth(char);
    if (width + w > limit && piece !== "") {
      if (lastBreak > 0 && lastBreak < piece.length) {
        pieces.push(piece.slice(0, lastBreak));
        piece = piece.slice(lastBreak);
      } else {
        pieces.push(piece);
        piece = "";
      }
      width = emWidth(piece);
      lastBreak = -1;
    }
    piece += char;
    width += w;
    if (BREAK_AFTER.has(char)) lastBreak = piece.length;
  }
  if (piece !== "") pieces.push(piece);
  return pieces.join(ZWSP);
}

/**
 * Cleans user text for one line of flowing text (a line break becomes a
 * space) and lets words wider than `width` points (at `size`) break where
 * react-pdf would otherwise let them run off the page. Ordinary words are
 * left whole: they only break at spaces. `piece` caps the broken pieces, in em.
 */
function breakable(text: string, width: number, size: number, piece?: number): string {
  const limit = (Math.max(width, 12) / size) * 0.96;
  const pieceLimit = Math.min(limit, piece ?? limit);
  return clean(text)
    .replace(/ *\n */g, " ")
    .replace(/[^ ]+/g, (word) => (emWidth(word) <= limit ? word : splitWord(word, pieceLimit)));
}

/** Whether Source Sans 3 (any subset) draws a character, by code point. */
const covered = new Map<number, boolean>();
type GlyphLookup = { hasGlyphForCodePoint(codePoint: number): boolean };
let coverageFonts: GlyphLookup[] = [];
const canLookUp = (font: unknown): font is GlyphLookup =>
  typeof (font as Partial<GlyphLookup> | null)?.hasGlyphForCodePoint === "function";

/** Loads the regular fonts once, to know which characters they cover. */
const coverage = (async () => {
  const fonts = await Promise.all(
    FONT_STACK.map(async (fontFamily) => {
      await Font.load({ fontFamily, fontWeight: 400 });
      return Font.getFont({ fontFamily, fontWeight: 400 }).data;
    }),
  );
  coverageFonts = fonts.flatMap((font) => (canLookUp(font) ? [font] : []));
})();

function hasGlyph(codePoint: number): boolean {
  let known = covered.get(codePoint);
  if (known === undefined) {
    known = coverageFonts.some((font) => font.hasGlyphForCodePoint(codePoint));
    covered.set(codePoint, known);
  }
  return known;
}

/** Plain stand-ins for common symbols that the fonts' subsets lack. */
const SUBSTITUTES: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "↔": "<->",
  "⇒": "=>",
  "≥": ">=",
  "≤": "<=",
  "≠": "!=",
  "≈": "~",
  "✓": "v",
  "✔": "v",
  "✗": "x",
  "✘": "x",
  // French puts a narrow no-break space before : ; ? ! (the catalogues do);
  // the fonts lack it, and an ordinary no-break space looks the same in print.
  "\u202f": "\u00a0",
};

/**
 * Normalises user text: line breaks to \n, tabs to spaces, no control
 * characters, and "?" for a character the embedded fonts cannot draw (an
 * emoji, a Chinese name), which react-pdf would otherwise set in an
 * unembedded Helvetica as gibberish. Emoji joiners and variation selectors go.
 */
function clean(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[^\n -~]/gu, (char) => {
      const codePoint = char.codePointAt(0) ?? 0;
      if (char === ZWSP || char === SOFT_HYPHEN) return char;
      if (/\p{Cc}|[\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}]/u.test(char)) return "";
      return hasGlyph(codePoint) ? char : (SUBSTITUTES[char] ?? "?");
    });
}

// ---------------------------------------------------------------------------
// Design.

const PAGE_WIDTH = 595.28; // A4
const MARGIN = 48;
const CONTENT = PAGE_WIDTH - 2 * MARGIN;

const INK = "#1f2937";
const MUTED = "#4b5563";
const RULE = "#d1d5db";
const HAIRLINE = "#e5e7eb";
const ACCENT = "#0f766e";
const ADDED = "#15803d";
const REMOVED = "#b91c1c";

const BASE = 10.5;
const SMALL = 9.5;
const TINY = 8.5;

/**
 * Font size and line height, always together and always on the element
 * itself: react-pdf resolves a unitless lineHeight against the element's own
 * fontSize (18 when it has none), and a lineHeight on the page or any
 * ancestor of the footer would hide the page label, a Text with a render
 * prop (diegomura/react-pdf#3083). So the page sets no lineHeight.
 */
function type(fontSize: number, lineHeight = 1.45) {
  return { fontSize, lineHeight };
}

const page = {
  fontFamily: FONT_STACK,
  fontSize: BASE,
  color: INK,
  paddingTop: MARGIN,
  paddingBottom: MARGIN + 26,
  paddingHorizontal: MARGIN,
};

type Child = ReactElement | null;
type Style = Styles[string];

/**
 * Text that keeps the user's line breaks: a Text per line in a View. (A "\n"
 * inside a Text would work, but react-pdf sets it in Helvetica, which then
 * shows up in the PDF as a font that is not embedded.) Text styles set on the
 * View are inherited by its lines.
 */
function lines(
  style: Style,
  text: string,
  width: number,
  size: number,
  props: Record<string, unknown> = {},
): ReactElement {
  const parts = clean(text).split("\n");
  if (parts.length === 1) return h(Text, { ...props, style }, breakable(text, width, size));
  return h(
    View,
    { ...props, style },
    parts.map((line, index) =>
      // A blank line keeps its height with a no-break space.
      h(Text, { key: index }, line.trim() === "" ? "\u00a0" : breakable(line, width, size)),
    ),
  );
}

// ---------------------------------------------------------------------------
// Blocks.

function title(doc: PdfDocument): ReactElement {
  return h(
    View,
    { style: { marginBottom: 16, paddingBottom: 12, borderBottom: `0.75pt solid ${RULE}` } },
    h(View, { style: { width: 28, height: 3, backgroundColor: ACCENT, marginBottom: 10 } }),
    h(Text, { style: { ...type(20, 1.2), fontWeight: 700 } }, breakable(doc.title, CONTENT, 20)),
    doc.subtitle
      ? h(
          Text,
          { style: { ...type(11.5, 1.35), color: MUTED, marginTop: 4 } },
          breakable(doc.subtitle, CONTENT, 11.5),
        )
      : null,
  );
}

/** Roughly how tall the start of a block is that must not be parted from its heading. */
function leadHeight(next: PdfBlock | undefined): number {
  switch (next?.type) {
    case "paragraph":
      return next.tone === "notice" ? 60 : 45;
    case "facts":
      return 45;
    case "table":
      return 55;
    case "bars":
      return next.bars.length > 30 ? 80 : 24 + next.bars.length * 17;
    case "items":
      return Math.min(260, itemHeight(next.items[0], CONTENT - 26));
    case "changes":
      return 55;
    case "signers":
      return Math.min(240, 110 + (next.signers[0]?.facts.length ?? 0) * 14);
    case "qr":
      return 95;
    case "heading":
      return 60;
    default:
      return 0;
  }
}

function heading(level: 2 | 3, text: string, next: PdfBlock | undefined): ReactElement {
  const lead = leadHeight(next);
  if (level === 2) {
    return h(
      Text,
      {
        minPresenceAhead: Math.max(40, lead),
        style: {
          ...type(13.5, 1.25),
          fontWeight: 700,
          color: ACCENT,
          marginTop: 12,
          marginBottom: 8,
          paddingBottom: 3,
          borderBottom: `0.75pt solid ${RULE}`,
        },
      },
      breakable(text, CONTENT, 13.5),
    );
  }
  return h(
    Text,
    {
      minPresenceAhead: Math.max(30, lead),
      style: { ...type(11.5, 1.3), fontWeight: 600, marginTop: 6, marginBottom: 5 },
    },
    breakable(text, CONTENT, 11.5),
  );
}

function paragraph(
  text: string,
  tone: "muted" | "notice" | undefined,
  width: number,
): ReactElement {
  if (tone === "notice") {
    return h(
      View,
      {
        style: {
          marginBottom: 10,
          paddingVertical: 6,
          paddingHorizontal: 10,
          border: `0.75pt solid ${RULE}`,
          borderLeft: `2.5pt solid ${ACCENT}`,
          borderRadius: 3,
        },
      },
      lines(type(BASE), text, width - 24, BASE),
    );
  }
  return lines(
    { ...type(BASE), marginBottom: 8, color: tone === "muted" ? MUTED : INK },
    text,
    width,
    BASE,
  );
}

/** Label and value rows; `compact` inside cards and signer blocks. */
function facts(list: PdfFact[], width: number, compact = false): Child {
  if (list.length === 0) return null;
  const size = compact ? SMALL : BASE;
  // The label column is as wide as the longest label, within 22–40 % of the width.
  const longest = Math.max(...list.map((fact) => emWidth(fact.label))) * size + 14;
  const labelShare = Math.min(0.4, Math.max(0.22, longest / width));
  const labelWidth = width * labelShare - 10;
  const valueWidth = width * (1 - labelShare);
  return h(
    View,
    {
      style: compact
        ? { marginTop: 4 }
        : { marginBottom: 12, borderTop: `0.5pt solid ${HAIRLINE}` },
    },
    list.map((fact, index) =>
      h(
        View,
        {
          key: index,
          // Whole on one page, unless the value is too long for one.
          wrap: textHeight([fact.value], valueWidth, size) > MAX_WHOLE,
          style: {
            flexDirection: "row",
            paddingVertical: compact ? 1 : 3,
            ...(compact ? {} : { borderBottom: `0.5pt solid ${HAIRLINE}` }),
          },
        },
        h(
          Text,
          {
            style: {
              ...type(size, 1.35),
              width: `${labelShare * 100}%`,
              paddingRight: 10,
              color: MUTED,
            },
          },
          breakable(fact.label, labelWidth, size),
        ),
        lines({ ...type(size, 1.35), flex: 1 }, fact.value, valueWidth, size),
      ),
    ),
  );
}

const CELL_PAD = 5;

/**
 * Column widths in points, the way a browser lays out an auto table: each
 * column gets at least its longest word (capped, longer ones break) and the
 * rest is shared in proportion to how much wider its text would like to be.
 */
function columnWidths(columns: string[], rows: string[][], width: number): number[] {
  const minimum: number[] = [];
  const desired: number[] = [];
  columns.forEach((column, c) => {
    let longestWord = 0;
    let longestText = 0;
    for (const text of [column, ...rows.map((row) => row[c] ?? "")]) {
      for (const word of text.split(/\s+/)) longestWord = Math.max(longestWord, emWidth(word));
      longestText = Math.max(longestText, emWidth(text));
    }
    const min = Math.min(longestWord * SMALL, 110) + 2 * CELL_PAD;
    minimum.push(min);
    desired.push(Math.max(min, Math.min(longestText * SMALL, 260) + 2 * CELL_PAD));
  });
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const sumDesired = sum(desired);
  if (sumDesired <= width) return desired.map((d) => (d / sumDesired) * width);
  const share = (fixed: boolean[]) => {
    const room = width - sum(desired.filter((_, i) => fixed[i]));
    const flexMin = sum(minimum.filter((_, i) => !fixed[i]));
    const flexDesired = sum(desired.filter((_, i) => !fixed[i]));
    if (flexMin > room) return undefined;
    return desired.map((d, i) => {
      const m = minimum[i] ?? d;
      return fixed[i] ? d : m + (d - m) * ((room - flexMin) / (flexDesired - flexMin));
    });
  };
  // Narrow columns (a week, a number of hours) keep their text on one line
  // while they take no more than 40 % together; the others share the rest.
  const narrow = desired.map((d) => d <= 80);
  if (narrow.some((n) => !n) && sum(desired.filter((_, i) => narrow[i])) <= width * 0.4) {
    const widths = share(narrow);
    if (widths) return widths;
  }
  const sumMin = sum(minimum);
  if (sumMin < width) return share(desired.map(() => false)) ?? minimum;
  // Even the longest words do not fit side by side: the columns with short
  // words keep them whole, the widest are cut to one common width (and their
  // long words break).
  const sorted = [...minimum].sort((a, b) => a - b);
  let cap = width / minimum.length;
  let below = 0;
  for (let i = 0; i < sorted.length; i++) {
    const candidate = (width - below) / (sorted.length - i);
    if ((sorted[i] ?? 0) >= candidate) {
      cap = candidate;
      break;
    }
    below += sorted[i] ?? 0;
  }
  return minimum.map((m) => Math.min(m, cap));
}

function table(columns: string[], rows: string[][], width: number): Child {
  if (columns.length === 0) return null;
  const widths = columnWidths(columns, rows, width);
  const row = (cells: string[], header: boolean, key: string | number) =>
    h(
      View,
      {
        key,
        // A row stays whole on one page, unless it is too long for one.
        wrap:
          !header &&
          cells.some(
            (cell, c) => textHeight([cell], (widths[c] ?? 40) - 2 * CELL_PAD, SMALL) > MAX_WHOLE,
          ),
        // The header row repeats on every page the table runs onto. (Only
        // there: react-pdf asks `"fixed" in props`, so even fixed: undefined
        // would let a row split.)
        ...(header ? { fixed: true } : {}),
        style: {
          flexDirection: "row",
          borderBottom: header ? `0.9pt solid ${MUTED}` : `0.5pt solid ${HAIRLINE}`,
        },
      },
      columns.map((_, c) => {
        const w = widths[c] ?? 40;
        return lines(
          {
            ...type(SMALL, 1.35),
            width: w,
            paddingVertical: header ? 3 : 3.5,
            paddingHorizontal: CELL_PAD,
            fontWeight: header ? 600 : 400,
          },
          cells[c] ?? "",
          w - 2 * CELL_PAD,
          SMALL,
          { key: c },
        );
      }),
    );
  return h(
    View,
    { style: { marginBottom: 14 } },
    row(columns, true, "header"),
    rows.map((cells, index) => row(cells, false, index)),
  );
}

function bars(block: Extract<PdfBlock, { type: "bars" }>, width: number): ReactElement {
  const labelWidth = Math.min(
    150,
    Math.max(40, ...block.bars.map((bar) => emWidth(bar.label) * SMALL + 10)),
  );
  const captionWidth = Math.min(
    110,
    Math.max(24, ...block.bars.map((bar) => emWidth(bar.caption) * SMALL + 10)),
  );
  const max = Number.isFinite(block.max) && block.max > 0 ? block.max : 0;
  const share = (value: number) =>
    max > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / max)) : 0;
  return h(
    View,
    { wrap: block.bars.length > 30, style: { marginBottom: 12 } },
    block.title
      ? h(
          Text,
          { style: { ...type(BASE, 1.3), fontWeight: 600, marginBottom: 4 } },
          breakable(block.title, width, BASE),
        )
      : null,
    block.bars.map((bar, index) =>
      h(
        View,
        {
          key: index,
          wrap: false,
          style: { flexDirection: "row", alignItems: "center", paddingVertical: 1.5 },
        },
        h(
          Text,
          { style: { ...type(SMALL, 1.3), width: labelWidth, paddingRight: 10, color: MUTED } },
          breakable(bar.label, labelWidth - 10, SMALL),
        ),
        h(
          View,
          { style: { flex: 1, height: 9, border: `0.6pt solid ${MUTED}`, borderRadius: 1.5 } },
          share(bar.value) > 0
            ? h(View, {
                style: {
                  width: `${(share(bar.value) * 100).toFixed(2)}%`,
                  height: "100%",
                  backgroundColor: ACCENT,
                },
              })
            : null,
        ),
        h(
          Text,
          { style: { ...type(SMALL, 1.3), width: captionWidth, paddingLeft: 10 } },
          breakable(bar.caption, captionWidth - 10, SMALL),
        ),
      ),
    ),
  );
}

function badge(text: string, colour: string, maxWidth: number): ReactElement {
  return h(
    Text,
    {
      style: {
        ...type(TINY, 1.25),
        fontWeight: 600,
        color: colour,
        border: `0.75pt solid ${colour}`,
        borderRadius: 7,
        paddingVertical: 0.5,
        paddingHorizontal: 6,
        marginLeft: 8,
        maxWidth,
      },
    },
    breakable(text, maxWidth - 14, TINY),
  );
}

/** The tallest block kept whole on one page, in points: taller ones may break. */
const MAX_WHOLE = 420;

/** A rough height in points of `texts` set in `width` at `size`. */
function textHeight(texts: string[], width: number, size: number): number {
  const perLine = Math.max(1, width / (size * 0.5)); // characters on a line, roughly
  let lines = 0;
  for (const text of texts) {
    for (const line of text.split("\n")) lines += Math.max(1, Math.ceil(line.length / perLine));
  }
  return lines * size * 1.45;
}

type Item = Extract<PdfBlock, { type: "items" }>["items"][number];

function itemHeight(item: Item | undefined, inner: number): number {
  if (!item) return 0;
  return (
    36 +
    textHeight(
      item.facts.map((fact) => fact.value),
      inner * 0.64,
      SMALL,
    ) +
    (item.text ? 6 + textHeight([item.text], inner, BASE) : 0)
  );
}

function items(block: Extract<PdfBlock, { type: "items" }>, width: number): ReactElement {
  const inner = width - 24 - 1.5;
  return h(
    View,
    { style: { marginBottom: 6 } },
    block.items.map((item, index) =>
      h(
        View,
        {
          key: index,
          // A short card stays whole; a long one may run onto the next page.
          wrap: itemHeight(item, inner) > 300,
          style: {
            marginBottom: 8,
            paddingVertical: 8,
            paddingHorizontal: 12,
            border: `0.75pt solid ${RULE}`,
            borderRadius: 4,
          },
        },
        h(
          View,
          { style: { flexDirection: "row", alignItems: "flex-start" } },
          h(
            Text,
            { style: { ...type(11, 1.3), flex: 1, fontWeight: 700 } },
            breakable(item.title, item.badge ? inner * 0.6 : inner, 11),
          ),
          item.badge ? badge(item.badge, ACCENT, inner * 0.4) : null,
        ),
        facts(item.facts, inner, true),
        item.text ? lines({ ...type(BASE), marginTop: 5 }, item.text, inner, BASE) : null,
      ),
    ),
  );
}

/**
 * The words of a changed field: added ones green and underlined, removed ones
 * red and struck through, so that they differ in black and white too. A space
 * keeps a replaced word from running into its replacement ("16 20", not "1620").
 */
function diffParts(parts: PdfDiffPart[], width: number): ReactElement[] {
  const out: ReactElement[] = [];
  parts.forEach((part, index) => {
    const text = breakable(part.text, width, BASE);
    const previous = parts[index - 1];
    if (
      previous &&
      previous.change !== part.change &&
      previous.change !== undefined &&
      part.change !== undefined &&
      !/\s$/.test(previous.text) &&
      !/^\s/.test(part.text)
    ) {
      out.push(h(Text, { key: `${index}-space` }, " "));
    }
    if (part.change === "added") {
      out.push(h(Text, { key: index, style: { color: ADDED, textDecoration: "underline" } }, text));
    } else if (part.change === "removed") {
      out.push(
        h(Text, { key: index, style: { color: REMOVED, textDecoration: "line-through" } }, text),
      );
    } else {
      out.push(h(Text, { key: index }, text));
    }
  });
  return out;
}

function changes(block: Extract<PdfBlock, { type: "changes" }>, width: number): ReactElement {
  const inner = width - 12;
  return h(
    View,
    { style: { marginBottom: 6 } },
    block.entries.map((entry, index) =>
      h(
        View,
        {
          key: index,
          style: { marginBottom: 10, paddingLeft: 10, borderLeft: `1.5pt solid ${RULE}` },
        },
        h(
          View,
          {
            wrap: false,
            minPresenceAhead: entry.fields.length > 0 ? 30 : 0,
            style: { flexDirection: "row", alignItems: "flex-start" },
          },
          h(
            Text,
            { style: { ...type(BASE, 1.3), flex: 1, fontWeight: 700 } },
            breakable(entry.title, entry.change ? inner * 0.7 : inner, BASE),
          ),
          entry.change ? badge(entry.change, MUTED, inner * 0.3) : null,
        ),
        entry.fields.map((field, f) =>
          h(
            View,
            { key: f, style: { marginTop: 3 } },
            h(
              Text,
              { style: { ...type(TINY, 1.3), color: MUTED } },
              breakable(field.label, inner, TINY),
            ),
            h(Text, { style: type(BASE, 1.4) }, diffParts(field.parts, inner)),
          ),
        ),
      ),
    ),
  );
}

const SIGNATURE_WIDTH = 160;
const SIGNATURE_HEIGHT = 60;

type Drawing = { data: Buffer; format: "png" | "jpg"; width: number; height: number };

/** Decodes a PNG or JPEG data: URL; undefined when it is not a whole image. */
function drawing(url: string | undefined): Drawing | undefined {
  const match = url?.match(/^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/);
  if (!match?.[2]) return undefined;
  const data = Buffer.from(match[2], "base64");
  if (match[1] === "png") {
    if (data.length < 45) return undefined;
    const signature = data.subarray(0, 8).toString("hex");
    const end = data.subarray(data.length - 8, data.length - 4).toString("latin1");
    if (signature !== "89504e470d0a1a0a" || end !== "IEND") return undefined;
    const width = data.readUInt32BE(16);
    const height = data.readUInt32BE(20);
    return width > 0 && height > 0 ? { data, format: "png", width, height } : undefined;
  }
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  // JPEG: the size is in the start-of-frame segment.
  for (let i = 2; i + 9 < data.length; ) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = data.readUInt16BE(i + 5);
      const width = data.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? { data, format: "jpg", width, height } : undefined;
    }
    i += 2 + data.readUInt16BE(i + 2);
  }
  return undefined;
}

function signers(block: Extract<PdfBlock, { type: "signers" }>, width: number): ReactElement {
  const gap = 24;
  const columnWidth = (width - gap) / 2;
  const drawings = block.signers.map((signer) => drawing(signer.drawing));
  const withDrawing = drawings.some(Boolean);
  return h(
    View,
    { style: { flexDirection: "row", flexWrap: "wrap", marginBottom: 4 } },
    block.signers.map((signer, index) => {
      const image = drawings[index];
      const scale = image
        ? Math.min(SIGNATURE_WIDTH / image.width, SIGNATURE_HEIGHT / image.height, 1)
        : 0;
      return h(
        View,
        {
          key: index,
          wrap: false,
          style: { width: columnWidth, marginRight: index % 2 === 0 ? gap : 0, marginBottom: 14 },
        },
        // The same room for a drawing above every signer, so their lines align.
        withDrawing
          ? h(
              View,
              {
                style: {
                  height: SIGNATURE_HEIGHT + 4,
                  justifyContent: "flex-end",
                  alignItems: "flex-start",
                },
              },
              image
                ? h(Image, {
                    src: { data: image.data, format: image.format },
                    style: { width: image.width * scale, height: image.height * scale },
                  })
                : null,
            )
          : null,
        h(
          View,
          { style: { borderTop: `0.75pt solid ${MUTED}`, paddingTop: 4 } },
          h(
            Text,
            { style: { ...type(BASE, 1.3), fontWeight: 700 } },
            breakable(signer.name, columnWidth, BASE),
          ),
          signer.role
            ? h(
                Text,
                { style: { ...type(SMALL, 1.3), color: MUTED } },
                breakable(signer.role, columnWidth, SMALL),
              )
            : null,
          facts(signer.facts, columnWidth, true),
        ),
      );
    }),
  );
}

/** QR codes drawn lately, by address: a document is often rendered again. */
const qrCache = new Map<string, Promise<string | undefined>>();

function qrImage(url: string): Promise<string | undefined> {
  let image = qrCache.get(url);
  if (!image) {
    image = QRCode.toDataURL(url, { margin: 1, width: 300, errorCorrectionLevel: "M" }).catch(
      () => undefined, // empty, or too long for a QR code: the address is still printed
    );
    if (qrCache.size >= 50) qrCache.delete(qrCache.keys().next().value ?? "");
    qrCache.set(url, image);
  }
  return image;
}

function qr(url: string, caption: string, image: string | undefined, width: number): ReactElement {
  const size = 90;
  const textWidth = image ? width - size - 14 : width;
  return h(
    View,
    { wrap: false, style: { flexDirection: "row", alignItems: "center", marginBottom: 12 } },
    image ? h(Image, { src: image, style: { width: size, height: size, marginRight: 14 } }) : null,
    h(
      View,
      { style: { flex: 1 } },
      caption
        ? h(
            Text,
            { style: { ...type(BASE, 1.35), fontWeight: 600, marginBottom: 3 } },
            breakable(caption, textWidth, BASE),
          )
        : null,
      h(Text, { style: { ...type(SMALL, 1.35), color: MUTED } }, breakable(url, textWidth, SMALL)),
    ),
  );
}

function block(item: PdfBlock, next: PdfBlock | undefined, qrImage: string | undefined): Child {
  switch (item.type) {
    case "heading":
      return heading(item.level, item.text, next);
    case "paragraph":
      return paragraph(item.text, item.tone, CONTENT);
    case "facts":
      return facts(item.facts, CONTENT);
    case "table":
      return table(item.columns, item.rows, CONTENT);
    case "bars":
      return bars(item, CONTENT);
    case "items":
      return items(item, CONTENT);
    case "changes":
      return changes(item, CONTENT);
    case "signers":
      return signers(item, CONTENT);
    case "qr":
      return qr(item.url, item.caption, qrImage, CONTENT);
    case "page-break":
      // Not at the very end, where it would add an empty page.
      return next ? h(View, { break: true }) : null;
    default:
      return null;
  }
}

function footer(doc: PdfDocument): ReactElement {
  const labelWidth = 120;
  const label = clean(doc.pageLabel).replace(/\s*\n\s*/g, " ");
  // No lineHeight here or above: see type().
  return h(
    View,
    {
      fixed: true,
      style: {
        position: "absolute",
        left: MARGIN,
        right: MARGIN,
        bottom: 28,
        flexDirection: "row",
        alignItems: "flex-end",
        paddingTop: 5,
        borderTop: `0.5pt solid ${RULE}`,
        fontSize: 8,
        color: MUTED,
      },
    },
    h(
      Text,
      { style: { flex: 1, paddingRight: 12, maxLines: 1, textOverflow: "ellipsis" } },
      // Small pieces, so that a long fingerprint fills the line before the ellipsis.
      breakable(doc.footer, CONTENT - labelWidth - 12, 8, 4),
    ),
    h(Text, {
      style: { width: labelWidth, textAlign: "right" },
      render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) =>
        label.replaceAll("{page}", String(pageNumber)).replaceAll("{total}", String(totalPages)),
    }),
  );
}

function pdfDocument(
  doc: PdfDocument,
  qrImages: (string | undefined)[],
): ReactElement<DocumentProps> {
  const blocks = doc.blocks.map((item, index) =>
    block(item, doc.blocks[index + 1], qrImages[index]),
  );
  return h(
    Document,
    {
      title: doc.title,
      author: doc.author,
      subject: doc.subject,
      language: doc.language,
      creator: "Werkpad",
      producer: "Werkpad",
    },
    // Blocks are the page's own children: react-pdf only honours `break` and
    // minPresenceAhead among the children of a node it splits.
    h(Page, { size: "A4", style: page }, footer(doc), title(doc), ...blocks),
  );
}

/**
 * Lays `doc` out as an A4 PDF with its fonts embedded. The bytes own their
 * ArrayBuffer, so a worker can transfer them: postMessage(bytes, [bytes.buffer]).
 */
export async function renderPdf(doc: PdfDocument): Promise<Uint8Array> {
  await coverage;
  const qrImages = await Promise.all(
    doc.blocks.map((item) => (item.type === "qr" ? qrImage(item.url) : undefined)),
  );
  const buffer = await renderToBuffer(pdfDocument(doc, qrImages));
  // A copy with an ArrayBuffer of its own: a Buffer's may be Node's shared
  // pool, which cannot be transferred from a worker thread.
  return new Uint8Array(buffer);
}
