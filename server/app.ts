import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider } from "react-router";
import { metered } from "#app/modules/db/query-meter.server.ts";
import { closeDb } from "#app/modules/db.server.ts";
import { requestInfoContext } from "#app/modules/http/request-context.ts";
import { requestTimingContext, timeRequest } from "#app/modules/http/server-timing.server.ts";
import { startJobWorker } from "#app/modules/jobs/worker.server.ts";

/**
 * The application as Express middleware. server/index.ts runs it: through
 * Vite in development, from the build in production. It is bundled with the
 * app, so it shares the app's modules (the database connection among them).
 */
export const app = express();
app.disable("x-powered-by");

// Every response says in Server-Timing how long the database and the rendering took.
app.use((_req, res, next) => {
  const timing = timeRequest(res);
  res.locals.timing = timing;
  metered(timing.meter, next);
});

app.use(
  createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext(req, res) {
      const context = new RouterContextProvider();
      context.set(requestInfoContext, {
        requestId: res.locals.requestId,
        nonce: res.locals.nonce,
        ip: res.locals.ip ?? "unknown",
        userAgent: req.get("user-agent") ?? "",
      });
      context.set(requestTimingContext, res.locals.timing ?? null);
      return context;
    },
  }),
);

// Background work of each process: one worker runs the job queue (e-mails,
// plan digests, rate-limit pruning, housekeeping; app/modules/jobs/). Kept on
// globalThis because development re-runs this module after edits.
const globalForWorkers = globalThis as { werkpadStopWorkers?: Array<() => Promise<void>> };
globalForWorkers.werkpadStopWorkers ??= [startJobWorker()];

/** Called on shutdown: lets running batches finish, then closes the database (an open PGlite keeps the process alive). */
export async function shutdown() {
  await Promise.all((globalForWorkers.werkpadStopWorkers ?? []).map((stop) => stop()));
  globalForWorkers.werkpadStopWorkers = undefined;
  await closeDb();
}
