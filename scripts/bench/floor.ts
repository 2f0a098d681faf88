/**
 * The floor: a bare node:http server answering each path with the exact
 * bytes (body and content type) the app answered for it. Nothing can serve
 * those bytes much faster on this machine, so app req/s ÷ floor req/s says
 * how much of the possible speed the app keeps.
 *
 * It runs in a worker thread of the benchmark's process: with its own event
 * loop, as the app has in its own process, and not sharing one with the
 * autocannon client that loads it (which would make the floor look slower).
 * This file is both the API (startFloor) and the worker's code.
 */
import { createServer } from "node:http";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

export type Answer = { body: Uint8Array; contentType: string };

type FloorData = { port: number; answers: Record<string, Answer> };

/** Starts the floor on 127.0.0.1:`port`; call the returned function to stop it. */
export function startFloor(
  port: number,
  answers: Map<string, Answer>,
): Promise<() => Promise<void>> {
  const data: FloorData = { port, answers: Object.fromEntries(answers) };
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", () =>
      resolve(async () => {
        await worker.terminate();
      }),
    );
  });
}

function serve({ port, answers }: FloorData) {
  const server = createServer((request, response) => {
    const answer = answers[request.url ?? ""];
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": answer.contentType,
      "Content-Length": answer.body.byteLength,
    });
    response.end(answer.body);
  });
  server.listen(port, "127.0.0.1", () => parentPort?.postMessage("listening"));
}

if (!isMainThread && (workerData as FloorData | undefined)?.answers) serve(workerData as FloorData);
