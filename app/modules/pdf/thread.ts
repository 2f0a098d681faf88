/**
 * The PDF worker thread: lays out documents, appends pages, seals and checks
 * seals, away from the thread that answers requests (pdf.server.ts starts it).
 * Loaded by Node itself, not the app's build, so everything it imports is
 * plain TypeScript without JSX.
 */
import { parentPort } from "node:worker_threads";
import { renderPdf } from "./document.ts";
import { appendPdf, inspectSeal, sealPdf } from "./seal.ts";
import type { ThreadReply, ThreadRequest, ThreadTask } from "./thread-protocol.ts";

async function perform(task: ThreadTask): Promise<unknown> {
  switch (task.kind) {
    case "render":
      return renderPdf(task.document);
    case "seal": {
      const appendix = task.appendix ? await renderPdf(task.appendix) : null;
      const whole = appendix ? await appendPdf(task.pdf, appendix) : task.pdf;
      return sealPdf(whole, task.seal);
    }
    case "inspect":
      return inspectSeal(task.pdf, task.trusted);
  }
}

parentPort?.on("message", async ({ id, task }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    reply = { id, ok: true, result: await perform(task) };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
