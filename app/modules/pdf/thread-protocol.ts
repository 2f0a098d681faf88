import type { PdfDocument } from "./model.ts";

/** What the PDF thread (thread.ts) is asked to do, and how it answers. */
export type SealOptions = {
  p12: Uint8Array;
  password: string;
  reason: string;
  location?: string;
  name?: string;
};

export type ThreadTask =
  | { kind: "render"; document: PdfDocument }
  /** Appends `appendix` (rendered) to `pdf`, if given, then seals the whole. */
  | { kind: "seal"; pdf: Uint8Array; appendix?: PdfDocument; seal: SealOptions }
  | { kind: "inspect"; pdf: Uint8Array; trusted: { fingerprint: string }[] };

export type ThreadRequest = { id: number; task: ThreadTask };
export type ThreadReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };
