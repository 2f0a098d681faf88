/**
 * More than one server process on one machine (docs/decisions/0020).
 *
 * With WEB_CONCURRENCY=n on a PostgreSQL server, the process started by
 * `npm run serve` becomes the cluster's primary: it forks n workers, each of
 * which runs server/index.ts from the top and serves; the primary itself
 * serves nothing. It accepts the connections on the shared port and hands
 * them to the workers in turn (node:cluster's round-robin), replaces a worker
 * that dies, and on SIGTERM or SIGINT asks every worker to stop (each runs its
 * own graceful stop) and exits once they all have.
 *
 * The embedded database and development stay at one process: a PGlite folder
 * may be opened by one process only, and development runs Vite.
 */
import cluster, { type Worker } from "node:cluster";
import { parseDatabaseUrl } from "../app/modules/db/location.ts";
import type { Env } from "../app/modules/env.server.ts";
import { log } from "../app/modules/log.server.ts";

/** Set by the primary in each worker's environment: the worker's number, 1 to n. */
const workerVariable = "WERKPAD_WORKER";

/** How many workers to fork for this environment, and why fewer than asked. */
export function clusterPlan(env: Pick<Env, "WEB_CONCURRENCY" | "DATABASE_URL" | "NODE_ENV">): {
  workers: number;
  why?: string;
} {
  const asked = env.WEB_CONCURRENCY;
  if (asked === 1) return { workers: 0 };
  if (parseDatabaseUrl(env.DATABASE_URL).kind === "pglite")
    return {
      workers: 0,
      why: `WEB_CONCURRENCY=${asked} is ignored: the embedded database (PGlite) lives in this process, and one data folder may be opened by one process only. Running one process; for more, use a PostgreSQL server (DATABASE_URL=postgres://…).`,
    };
  if (env.NODE_ENV === "development")
    return {
      workers: 0,
      why: `WEB_CONCURRENCY=${asked} is ignored in development, which runs one process with Vite's hot reload; npm run serve runs the workers.`,
    };
  return { workers: asked };
}

/**
 * Called first by server/index.ts: the number of workers this process must
 * fork and supervise, or 0 when it serves itself (one process, or a worker).
 * Says why when WEB_CONCURRENCY cannot be honoured.
 */
export function workersToFork(env: Env): number {
  if (cluster.isWorker) return 0;
  const plan = clusterPlan(env);
  if (plan.why) log.warn(plan.why, { WEB_CONCURRENCY: env.WEB_CONCURRENCY });
  return plan.workers;
}

/** This worker's number (1 to n; a replacement keeps it), or undefined outside a cluster. */
export function workerNumber(): number | undefined {
  if (!cluster.isWorker) return undefined;
  const number = Number(process.env[workerVariable]);
  return number > 0 ? number : undefined;
}

/** How the primary treats a worker that keeps dying. */
export const crashPolicy = {
  /** Deaths older than this are forgotten. */
  windowMs: 60_000,
  /** More deaths of one worker within the window and the primary gives up. */
  maxCrashes: 5,
  /** The first replacement starts at once, the next ones 1 s, 2 s, 4 s … later. */
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
};

/**
 * After a worker died at `now`, given the times its earlier deaths: when to
 * start its replacement, or to give up (a crash loop), and the deaths to remember.
 */
export function afterCrash(
  earlier: number[],
  now: number,
  policy = crashPolicy,
): { crashes: number[]; restartInMs: number } | { crashes: number[]; giveUp: true } {
  const crashes = [...earlier.filter((time) => now - time < policy.windowMs), now];
  if (crashes.length > policy.maxCrashes) return { crashes, giveUp: true };
  const restartInMs =
    crashes.length === 1
      ? 0
      : Math.min(policy.firstDelayMs * 2 ** (crashes.length - 2), policy.maxDelayMs);
  return { crashes, restartInMs };
}

/** How long stopping workers get before the primary kills them. */
const stopTimeoutMs = 30_000;

type Slot = {
  number: number;
  worker?: Worker;
  /** Whether a worker in this slot ever listened: dying before that the first time is a failed start. */
  listened: boolean;
  crashes: number[];
  restartTimer?: NodeJS.Timeout;
};

/** The primary's own log lines say so. */
const primary = (fields: Record<string, unknown> = {}) => ({
  process: "primary",
  pid: process.pid,
  ...fields,
});

/**
 * Runs the primary: forks `count` workers and watches them. Resolves with the
 * exit code once every worker has stopped: 0 after SIGTERM or SIGINT, 1 when
 * a worker could not start or kept dying (the process manager, systemd or
 * the container platform, then sees the failure).
 */
export function superviseWorkers(count: number, appUrl: string): Promise<number> {
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    number: index + 1,
    listened: false,
    crashes: [],
  }));
  let stopping = false;
  let exitCode = 0;
  const done = Promise.withResolvers<number>();
  let forceTimer: NodeJS.Timeout | undefined;

  const running = () => slots.filter((slot) => slot.worker);
  const finishIfAllStopped = () => {
    if (running().length > 0 || slots.some((slot) => slot.restartTimer)) return;
    if (forceTimer) clearTimeout(forceTimer);
    log.info("cluster stopped", primary({ exitCode }));
    done.resolve(exitCode);
  };

  const fork = (slot: Slot) => {
    slot.restartTimer = undefined;
    const worker = cluster.fork({ [workerVariable]: String(slot.number) });
    slot.worker = worker;
    const fields = { worker: slot.number, workerPid: worker.process.pid };
    worker.on("listening", () => {
      log.info("worker listening", primary(fields));
      const first = !slot.listened;
      slot.listened = true;
      if (first && slots.every((each) => each.listened)) {
        log.info("listening", primary({ url: appUrl, workers: count }));
        console.log(`\n  Werkpad is running on ${appUrl} (${count} processes)\n`);
      }
    });
    worker.on("error", (error) => log.error("worker error", primary({ ...fields, error })));
    worker.on("exit", (code, signal) => {
      slot.worker = undefined;
      const how = { ...fields, code, signal };
      if (stopping) {
        log.info("worker stopped", primary(how));
        return finishIfAllStopped();
      }
      if (code === 0 && !signal) {
        // Stopped on purpose (someone sent it SIGTERM): not a crash, not replaced.
        log.warn("worker stopped on its own; the cluster runs without it", primary(how));
        return finishIfAllStopped();
      }
      if (!slot.listened) {
        log.error("worker could not start; stopping the cluster", primary(how));
        return stop("start-up failed", 1);
      }
      const next = afterCrash(slot.crashes, Date.now());
      slot.crashes = next.crashes;
      if ("giveUp" in next) {
        log.error(
          "worker keeps dying; stopping the cluster",
          primary({ ...how, crashes: next.crashes.length, withinMs: crashPolicy.windowMs }),
        );
        return stop("crash loop", 1);
      }
      log.error(
        "worker died; starting another",
        primary({ ...how, restartInMs: next.restartInMs }),
      );
      slot.restartTimer = setTimeout(() => fork(slot), next.restartInMs);
    });
  };

  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log.info("stopping", primary({ reason, workers: running().length }));
    for (const slot of slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      slot.restartTimer = undefined;
      // Each worker stops as a single process would (stop() in server/index.ts):
      // it closes its connections, lets a running job batch finish and closes
      // the database.
      slot.worker?.process.kill("SIGTERM");
    }
    forceTimer = setTimeout(() => {
      const left = running();
      log.error("workers did not stop in time; killing them", primary({ workers: left.length }));
      exitCode = 1;
      for (const slot of left) slot.worker?.process.kill("SIGKILL");
    }, stopTimeoutMs);
    finishIfAllStopped();
  };

  process.on("SIGTERM", () => stop("SIGTERM", 0));
  process.on("SIGINT", () => stop("SIGINT", 0));
  // The primary hands out connections in turn, on every platform and whatever
  // NODE_CLUSTER_SCHED_POLICY says (the operating system's choice is uneven).
  cluster.schedulingPolicy = cluster.SCHED_RR;
  log.info("starting workers", primary({ workers: count }));
  for (const slot of slots) fork(slot);
  return done.promise;
}
