/**
 * Werkpad's HTTP server: security headers and request ids for every response,
 * static files, then the React Router app (server/app.ts).
 * Run with `npm run dev` (Vite, hot reload) or `npm run serve` (the build).
 */
import { randomBytes } from "node:crypto";
import compression from "compression";
import express from "express";
import {
  billingThrough,
  envOrExit,
  sealingCertificateInUse,
  twoFactorKeyInUse,
} from "../app/modules/env.server.ts";
import { securityHeaders } from "../app/modules/http/security-headers.ts";
import { log } from "../app/modules/log.server.ts";
import { superviseWorkers, workerNumber, workersToFork } from "./cluster.ts";

const env = envOrExit();
// WEB_CONCURRENCY on PostgreSQL: this process only forks and watches the
// workers, each of which runs this file and serves (server/cluster.ts).
const workers = workersToFork(env);
if (workers > 0) process.exit(await superviseWorkers(workers, env.APP_URL));
const worker = workerNumber();
const development = env.NODE_ENV === "development";
const https = env.APP_URL.startsWith("https:");

const server = express();
server.disable("x-powered-by");
// req.ip is the client's address from X-Forwarded-For only for the proxies
// TRUST_PROXY names (none by default): rate limits and the audit trail use it.
server.set("trust proxy", env.TRUST_PROXY);

server.use((req, res, next) => {
  const requestId = randomBytes(6).toString("hex");
  const nonce = randomBytes(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.nonce = nonce;
  // Decided here, where "trust proxy" is set, for development (where the app is not mounted) and production alike.
  res.locals.ip = req.ip ?? "unknown";
  res.set({ "X-Request-Id": requestId, ...securityHeaders({ nonce, development, https }) });
  // Which worker answered (its number, 1 to n), when there are several.
  if (worker) res.set("X-Worker", String(worker));
  const started = performance.now();
  res.on("finish", () => {
    log.info("request", {
      requestId,
      method: req.method,
      path: req.path, // never the query string: it can carry tokens
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    });
  });
  next();
});
server.use(compression());

type AppModule = typeof import("./app.ts");
let appModule: AppModule | undefined;

if (development) {
  const vite = await import("vite");
  const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  server.use(viteDevServer.middlewares);
  server.use(async (req, res, next) => {
    try {
      appModule = (await viteDevServer.ssrLoadModule("./server/app.ts")) as AppModule;
      appModule.app(req, res, next);
    } catch (error) {
      if (error instanceof Error) viteDevServer.ssrFixStacktrace(error);
      next(error);
    }
  });
} else {
  // @ts-expect-error: the build is created by `npm run build`.
  appModule = (await import("../build/server/index.js")) as AppModule;
  server.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // Files such as /favicon.svg; a page's address (no file extension) goes
  // straight to the app, without asking the disk first.
  const publicFiles = express.static("build/client", { maxAge: "1h", index: false });
  server.use((req, res, next) =>
    /\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next(),
  );
  server.use(appModule.app);
}

const listener = server.listen(env.PORT, env.HOST, () => {
  log.info("listening", {
    url: env.APP_URL,
    database: env.DATABASE_URL.split(":")[0],
    pdfSeal: sealingCertificateInUse(env),
    billing: billingThrough(env),
    twoFactorKey: twoFactorKeyInUse(env),
  });
  // In a cluster the primary says so once all workers listen.
  if (!worker) console.log(`\n  Werkpad is running on ${env.APP_URL}\n`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("stopping", { signal });
  listener.close();
  listener.closeAllConnections();
  await appModule?.shutdown();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
