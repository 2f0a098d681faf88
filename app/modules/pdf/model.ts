/**
 * What a PDF says, as plain data: every text already translated and every
 * date already formatted by the caller. The renderer (document.ts) only lays
 * it out, so it knows nothing of plans, languages or the database, and it can
 * run in a worker thread (thread.ts) that receives this as a message.
 */
export type PdfDocument = {
  /** BCP 47 language of the texts (nl, en, fr): the PDF's /Lang. */
  language: string;
  /** The PDF's title (metadata) and the first page's heading. */
  title: string;
  /** A line under the title: the organisation and the employee, say. */
  subtitle?: string;
  /** The PDF's /Author and /Subject. */
  author: string;
  subject: string;
  /** Printed at the foot of every page, left: "Version 2 · fingerprint 3fa9…". */
  footer: string;
  /**
   * Printed at the foot of every page, right, with {page} and {total}
   * replaced: "Page {page} of {total}".
   */
  pageLabel: string;
  blocks: PdfBlock[];
};

export type PdfFact = { label: string; value: string };

/** A word-level change: text kept, added or removed (diffWords' output). */
export type PdfDiffPart = { text: string; change?: "added" | "removed" };

export type PdfBlock =
  /** A section heading; a level-2 heading starts a new section. */
  | { type: "heading"; level: 2 | 3; text: string }
  | { type: "paragraph"; text: string; tone?: "muted" | "notice" }
  /** Label and value pairs, two columns. */
  | { type: "facts"; facts: PdfFact[] }
  /** A table with a header row; every row has as many cells as there are columns. */
  | { type: "table"; columns: string[]; rows: string[][] }
  /**
   * A bar per row: the graded schedule's hours per week. `label` is under or
   * beside the bar (week 1), `caption` its value (16 h).
   */
  | {
      type: "bars";
      title: string;
      max: number;
      bars: { label: string; value: number; caption: string }[];
    }
  /** Items of the plan, each a titled card with facts and an optional text. */
  | { type: "items"; items: { title: string; badge?: string; facts: PdfFact[]; text?: string }[] }
  /** "What changed since version N": per item, the change and, for a change, its words. */
  | {
      type: "changes";
      entries: {
        title: string;
        /** Added, removed, changed: already translated. */
        change: string;
        fields: { label: string; parts: PdfDiffPart[] }[];
      }[];
    }
  /** Who signed: name, role, time, method, and the drawn signature if there is one. */
  | {
      type: "signers";
      signers: {
        name: string;
        role: string;
        facts: PdfFact[];
        /** A PNG as a data: URL, drawn by the signer. */
        drawing?: string;
      }[];
    }
  /** A QR code for `url`, with the address printed beside it. */
  | { type: "qr"; url: string; caption: string }
  | { type: "page-break" };
