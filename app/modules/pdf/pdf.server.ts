import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { PdfDocument } from "./model.ts";
import type { SealReport } from "./seal.ts";
import type { SealOptions, ThreadReply, ThreadTask } from "./thread-protocol.ts";

/**
 * PDFs are laid out and sealed in one worker thread per process (thread.ts),
 * so that a slow document never holds up other requests. The thread starts
 * at first use and stays, warm (fonts loaded), without keeping the process
 * alive when it has nothing to do.
 *
 * Node loads thread.ts from the source tree, not from the app's build: the
 * server always runs from the project's folder (npm scripts), so the path is
 * taken from there.
 */
const threadFile = join(process.cwd(), "app/modules/pdf/thread.ts");

type Waiting = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let thread: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, Waiting>();

function startThread(): Worker {
  const worker = new Worker(threadFile);
  worker.unref();
  worker.on("message", (reply: ThreadReply) => {
    const waiter = waiting.get(reply.id);
    if (!waiter) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`PDF thread: ${reply.message}`));
  });
  const fail = (error: Error) => {
    if (thread === worker) thread = undefined;
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`PDF thread stopped (exit code ${code})`)));
  return worker;
}

function ask<T>(task: ThreadTask): Promise<T> {
  thread ??= startThread();
  const worker = thread;
  const id = nextId++;
  // While work is waiting, the thread keeps the process alive (a script awaiting a PDF).
  worker.ref();
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker.postMessage({ id, task });
  });
}

/** A document laid out as PDF bytes. */
export async function renderPdf(document: PdfDocument): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await ask<Uint8Array>({ kind: "render", document }));
}

/** `pdf` with `appendix` rendered after its pages, sealed with the platform certificate. */
export async function sealPdf(
  pdf: Uint8Array,
  seal: SealOptions,
  appendix?: PdfDocument,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await ask<Uint8Array>({ kind: "seal", pdf, appendix, seal }));
}

/** Whether a PDF carries a seal, and whether the bytes it covers are unchanged. */
export function inspectSeal(
  pdf: Uint8Array,
  trusted: { fingerprint: string }[],
): Promise<SealReport> {
  return ask<SealReport>({ kind: "inspect", pdf, trusted });
}
