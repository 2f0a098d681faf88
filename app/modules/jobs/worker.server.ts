import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Prisma } from "#app/generated/prisma/client.ts";
import { remindSigners, sealAgreement } from "#app/modules/agreements/agreements.server.ts";
import { recordCaseView } from "#app/modules/audit/audit.server.ts";
import { completeSignUp, sendAccountEmail } from "#app/modules/auth/accounts.server.ts";
import { pruneRateLimits } from "#app/modules/auth/rate-limit.server.ts";
import { pruneExpiredPendingSignIns } from "#app/modules/auth/two-factor.server.ts";
import { reconcileAllSeats, remindTrialEnding } from "#app/modules/billing/recurring.server.ts";
import { raiseSeats } from "#app/modules/billing/seats.server.ts";
import { processStripeEvent } from "#app/modules/billing/webhook.server.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { log } from "#app/modules/log.server.ts";
import { deliverEmail, giveUpEmail } from "#app/modules/notifications/outbox.server.ts";
import { deleteDueOrganizations } from "#app/modules/organizations/deletion.server.ts";
import { sendDueDigests } from "#app/modules/plans/notify.server.ts";
import {
  buildExport,
  exportJobDied,
  purgeExpiredExports,
} from "#app/modules/privacy/export.server.ts";
import { applyRetention } from "#app/modules/privacy/retention.server.ts";
import { sendReminders } from "#app/modules/reminders/reminders.server.ts";
import {
  definitionOf,
  isJobKind,
  type JobKind,
  type JobPayload,
  jobKinds,
  recurringKinds,
} from "./kinds.ts";
import {
  JobFailure,
  maxAttempts,
  PermanentJobFailure,
  purgeEndedJobs,
  RetryLater,
  retryDelayMs,
  safeReason,
} from "./queue.server.ts";

/**
 * The worker: every server process runs one (startJobWorker). It takes due
 * jobs with `FOR UPDATE SKIP LOCKED`, so several workers never take the same
 * job, and locks each for a while: a job whose worker died is taken again
 * when its lock runs out. A handler runs at least once, so it is written to
 * be harmless when repeated (the e-mail job sends with an idempotency key).
 *
 * - success: the job is done (a recurring job is queued for its next run);
 * - JobFailure or an unexpected error: tried again after a back-off, dead
 *   after `maxAttempts` runs;
 * - PermanentJobFailure: dead at once;
 * - RetryLater: run again after the asked delay, without using up an attempt;
 *   the rest of the batch's jobs of that kind wait as long.
 *
 * A dead job's payload is erased with the rest; its kind, summary and last
 * error stay for the organisation's owner (problems.server.ts).
 */
export type JobContext = {
  id: string;
  organizationId: string | null;
  /** The time, as the worker sees it (tests move it). */
  now: () => Date;
};

type Handler<K extends JobKind> = {
  run: (payload: JobPayload<K>, job: JobContext) => Promise<unknown>;
  /** Called in the transaction that marks the job dead. */
  onDead?: (job: JobContext, tx: Tx) => Promise<void>;
};

const handlers: { [K in JobKind]: Handler<K> } = {
  email: { run: deliverEmail, onDead: giveUpEmail },
  "account.email": { run: sendAccountEmail },
  "account.sign-up": { run: completeSignUp },
  "audit.case-viewed": { run: recordCaseView },
  "agreement.seal": { run: sealAgreement },
  "agreement.reminders": { run: (_, job) => remindSigners(job.now()) },
  "privacy.export": { run: buildExport, onDead: exportJobDied },
  "stripe.event": { run: processStripeEvent },
  "billing.seats": { run: raiseSeats },
  "billing.reconcile": { run: () => reconcileAllSeats() },
  "billing.trial-reminders": { run: (_, job) => remindTrialEnding(job.now()) },
  "reminders.send": { run: (_, job) => sendReminders(job.now()) },
  "plan.digests": { run: (_, job) => sendDueDigests(job.now()) },
  "privacy.retention": { run: (_, job) => applyRetention(job.now()) },
  // With the old rate-limit windows go sign-ins nobody finished with their two-factor code.
  "rate-limits.prune": {
    run: async (_, job) => {
      await pruneRateLimits(job.now());
      await pruneExpiredPendingSignIns(job.now());
    },
  },
  // Housekeeping: ended jobs after the retention period, and data exports after their 7 days.
  "jobs.purge": {
    run: async (_, job) => {
      await purgeEndedJobs(job.now());
      await purgeExpiredExports(job.now());
    },
  },
  "organizations.delete": { run: (_, job) => deleteDueOrganizations(job.now()) },
};

/** How long a worker holds a job before another may take it again. Handlers finish well inside it. */
export const lockMs = 5 * 60_000;
const defaultBatchSize = 10;

export type RunResult = { claimed: number; done: number; retried: number; dead: number };

// Timestamps go to the database as UTC text and come back as `timestamp`
// (what Prisma's DateTime columns are), whatever the session's time zone.
const utc = (date: Date) => date.toISOString();
const lockExpired = "the worker stopped before finishing (its lock expired)";

/**
 * Takes up to `limit` due jobs (and jobs whose lock has run out) and runs
 * them one after the other. `now` fixes the clock, for tests.
 */
export async function runDueJobs(options: { now?: Date; limit?: number } = {}): Promise<RunResult> {
  const clock = () => options.now ?? new Date();
  const now = clock();
  const limit = Math.max(1, Math.floor(options.limit ?? defaultBatchSize));
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const claimedIds = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Job"
    SET "status" = 'RUNNING',
        "attempts" = "attempts" + 1,
        "lockedBy" = ${workerId},
        "lockedUntil" = (${utc(new Date(now.getTime() + lockMs))}::timestamptz AT TIME ZONE 'UTC'),
        "lastError" = CASE WHEN "status" = 'RUNNING' THEN ${lockExpired} ELSE "lastError" END
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'QUEUED' AND "runAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC'))
         OR ("status" = 'RUNNING' AND "lockedUntil" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC'))
      ORDER BY "runAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  const result: RunResult = { claimed: claimedIds.length, done: 0, retried: 0, dead: 0 };
  if (claimedIds.length === 0) return result;

  const jobs = await db.job.findMany({
    where: { id: { in: claimedIds.map(({ id }) => id) }, lockedBy: workerId },
    orderBy: [{ runAt: "asc" }, { id: "asc" }],
  });
  /** Kinds whose service asked us to wait in this batch, and how long. */
  const waiting = new Map<string, RetryLater>();
  for (const job of jobs) {
    const context: JobContext = {
      id: job.id,
      organizationId: job.organizationId,
      now: clock,
    };
    const asked = waiting.get(job.kind);
    const outcome = asked
      ? await retryLater(job, workerId, asked, clock())
      : await runOne(job, workerId, context);
    if (outcome instanceof RetryLater) waiting.set(job.kind, outcome);
    result[outcome instanceof RetryLater ? "retried" : outcome] += 1;
  }
  log.debug("job batch", { ...result });
  return result;
}

type Claimed = Awaited<ReturnType<typeof db.job.findMany>>[number];

async function runOne(
  job: Claimed,
  workerId: string,
  context: JobContext,
): Promise<"done" | "retried" | "dead" | RetryLater> {
  if (!isJobKind(job.kind)) {
    return fail(job, workerId, context, new PermanentJobFailure(`unknown kind ${job.kind}`));
  }
  const definition = definitionOf(job.kind);
  const recurring = definition.every !== undefined;
  // Taken again after its worker died, once too often: it may be what kills them.
  if (!recurring && job.attempts > maxAttempts) {
    return fail(job, workerId, context, new PermanentJobFailure(job.lastError ?? lockExpired));
  }
  const payload = definition.payload.safeParse(job.payload);
  if (!payload.success) {
    return fail(
      job,
      workerId,
      context,
      new PermanentJobFailure("the payload does not match its kind's schema"),
    );
  }
  const handler = handlers[job.kind] as Handler<JobKind>;
  try {
    await handler.run(payload.data as never, context);
  } catch (error) {
    return fail(job, workerId, context, error);
  }
  const now = context.now();
  const finished = await finish(
    job,
    workerId,
    recurring
      ? {
          ...requeue(new Date(now.getTime() + (definition.every ?? 0))),
          attempts: 0,
          lastError: null,
        }
      : { ...ended("DONE", now), lastError: null },
  );
  if (finished) log.debug("job done", { jobId: job.id, kind: job.kind, attempts: job.attempts });
  return "done";
}

async function fail(
  job: Claimed,
  workerId: string,
  context: JobContext,
  error: unknown,
): Promise<"retried" | "dead" | RetryLater> {
  const now = context.now();
  const reason = safeReason(error);
  const fields = { jobId: job.id, kind: job.kind, attempts: job.attempts, reason };
  if (error instanceof RetryLater) {
    await retryLater(job, workerId, error, now);
    return error;
  }
  const every = isJobKind(job.kind) ? definitionOf(job.kind).every : undefined;
  if (every !== undefined) {
    // Recurring work never dies: it is tried again, at the latest at its next run.
    await finish(job, workerId, {
      ...requeue(new Date(now.getTime() + Math.min(retryDelayMs(job.attempts), every))),
      lastError: reason,
    });
    log.error("recurring job failed", { ...fields, error: errorForLog(error) });
    return "retried";
  }
  if (!(error instanceof PermanentJobFailure) && job.attempts < maxAttempts) {
    await finish(job, workerId, {
      ...requeue(new Date(now.getTime() + retryDelayMs(job.attempts))),
      lastError: reason,
    });
    log.warn("job failed; will retry", { ...fields, error: errorForLog(error) });
    return "retried";
  }
  const onDead = isJobKind(job.kind) ? handlers[job.kind].onDead : undefined;
  await finish(job, workerId, { ...ended("DEAD", now), lastError: reason }, (tx) =>
    onDead ? onDead(context, tx) : Promise.resolve(),
  );
  log.error("job dead", { ...fields, error: errorForLog(error) });
  return "dead";
}

/** The service asked us to wait: the attempt does not count. */
async function retryLater(job: Claimed, workerId: string, asked: RetryLater, now: Date) {
  await finish(job, workerId, {
    ...requeue(new Date(now.getTime() + asked.delayMs)),
    attempts: job.attempts - 1,
    lastError: safeReason(asked),
  });
  log.warn("job waits: the service asked us to slow down", { jobId: job.id, kind: job.kind });
  return asked;
}

/** A handler's own failure is logged as its safe reason; anything else as the error, for the stack. */
function errorForLog(error: unknown) {
  return error instanceof JobFailure ? undefined : error;
}

function requeue(runAt: Date) {
  return { status: "QUEUED" as const, runAt, lockedBy: null, lockedUntil: null };
}

function ended(status: "DONE" | "DEAD", now: Date) {
  // A job that will not run again needs no payload, and some must not outlive their use.
  return {
    status,
    finishedAt: now,
    payload: Prisma.DbNull,
    lockedBy: null,
    lockedUntil: null,
  };
}

/**
 * Records the outcome, only while this worker still holds the job: one whose
 * lock ran out may have been taken by another worker meanwhile.
 */
async function finish(
  job: Claimed,
  workerId: string,
  data: Prisma.JobUpdateManyMutationInput,
  alsoInTransaction?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  const held = await db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, lockedBy: workerId, status: "RUNNING" },
      data,
    });
    if (count === 1) await alsoInTransaction?.(tx);
    return count === 1;
  });
  if (!held) log.warn("job outcome not recorded: its lock had run out", { jobId: job.id });
  return held;
}

/**
 * Makes sure each recurring kind has its one job. Every process calls this
 * when its worker starts; the job's key (its kind) is unique, so however many
 * processes start, each recurring job exists once.
 */
export async function ensureRecurringJobs(now = new Date()): Promise<void> {
  await db.job.createMany({
    data: recurringKinds.map((kind) => ({ kind, key: kind, payload: {}, runAt: now })),
    skipDuplicates: true,
  });
}

/** After a batch failed as a whole (the database is down): wait this long, rather than log every second. */
const pauseAfterErrorMs = 30_000;

/**
 * Runs due jobs in this process: at once while there are any (a job may
 * queue the next), then every `intervalMs`. Runs never overlap. Returns a
 * function that stops the worker and waits for a running batch.
 */
export function startJobWorker(intervalMs = 1000): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(run, delayMs);
    // The worker alone never keeps the process alive.
    timer.unref();
  };
  const run = () => {
    timer = undefined;
    running = (async () => {
      let next = intervalMs;
      try {
        if ((await runDueJobs()).claimed > 0) next = 0;
      } catch (error) {
        log.error("job batch failed", { error });
        next = Math.max(intervalMs, pauseAfterErrorMs);
      }
      running = undefined;
      schedule(next);
    })();
  };

  running = (async () => {
    try {
      await ensureRecurringJobs();
    } catch (error) {
      log.error("recurring jobs could not be ensured", { error });
    }
    running = undefined;
    log.info("job worker started", { intervalMs, kinds: Object.keys(jobKinds).length });
    schedule(0);
  })();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    log.info("job worker stopped");
  };
}
