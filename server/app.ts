import "react-router";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import { RouterContextProvider } from "react-router";
import { closeDb } from "#app/modules/db.server.ts";
import { requestInfoContext } from "#app/modules/http/request-context.ts";
import { startOutboxWorker } from "#app/modules/notifications/outbox.server.ts";

/**
 * The application as Express middleware. server/index.ts runs it: through
 * Vite in development, from the build in production. It is bundled with the
 * app, so it shares the app's modules (the database connection among them).
 */
export const app = express();
app.disable("x-powered-by");

app.use(
  createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext(req, res) {
      const context = new RouterContextProvider();
      context.set(requestInfoContext, {
        requestId: res.locals.requestId,
        nonce: res.locals.nonce,
        ip: req.ip ?? "unknown",
        userAgent: req.get("user-agent") ?? "",
      });
      return context;
    },
  }),
);

// One outbox worker per process (it sends nothing without RESEND_API_KEY). Kept
// on globalThis because development re-runs this module after edits.
const globalForOutbox = globalThis as { werkpadStopOutbox?: () => Promise<void> };
globalForOutbox.werkpadStopOutbox ??= startOutboxWorker();

/** Called on shutdown: lets a batch of e-mails finish, then closes the database (an open PGlite keeps the process alive). */
export async function shutdown() {
  await globalForOutbox.werkpadStopOutbox?.();
  globalForOutbox.werkpadStopOutbox = undefined;
  await closeDb();
}
