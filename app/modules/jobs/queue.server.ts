import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { log } from "#app/modules/log.server.ts";
import { definitionOf, type JobKind, type JobPayload } from "./kinds.ts";

/**
 * One job queue for all background work (docs/decisions/0016). A job is
 * written with the caller's transaction, so it exists exactly when the change
 * that causes it commits; a worker in every server process runs it later
 * (worker.server.ts), with retries and back-off.
 */

/** Any client that can write jobs: the plain one, a transaction, or a transaction through the tenant door. */
export type DbClient = Pick<Prisma.TransactionClient, "job">;

/** After this many failed runs a job is dead: not run again, and shown to the organisation's owner. */
export const maxAttempts = 8;
const firstRetryMs = 30_000;
const maxRetryMs = 60 * 60_000;

/** The wait before the next run after `attempts` failed ones: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), maxRetryMs);
}

/**
 * Queues a job of `kind`: its payload must match the kind's schema (a
 * mismatch is a bug, and fails the caller's transaction with it). Returns the
 * job's id.
 */
export async function enqueue<K extends JobKind>(
  tx: DbClient,
  kind: K,
  payload: JobPayload<K>,
  options: { organizationId?: string | null; runAt?: Date } = {},
): Promise<string> {
  const definition = definitionOf(kind);
  const checked = definition.payload.parse(payload) as Prisma.InputJsonObject;
  const { id } = await tx.job.create({
    data: {
      kind,
      payload: checked,
      summary: definition.summary?.(checked),
      organizationId: options.organizationId ?? null,
      runAt: options.runAt,
    },
    select: { id: true },
  });
  log.debug("job queued", { jobId: id, kind });
  return id;
}

/**
 * A failure a handler describes itself. Its message becomes the job's last
 * error, so it must be safe to keep and show: no payload content, no address.
 * The job is tried again after a back-off.
 */
export class JobFailure extends Error {
  override name = "JobFailure";
}

/** A failure that trying again will not cure (the provider refused the message): the job is dead at once. */
export class PermanentJobFailure extends JobFailure {
  override name = "PermanentJobFailure";
}

/** Not the job's fault: the service asked us to wait. The job runs again then, without using up an attempt. */
export class RetryLater extends JobFailure {
  override name = "RetryLater";
  readonly delayMs: number;
  constructor(message: string, delayMs: number) {
    super(message);
    this.delayMs = delayMs;
  }
}

/**
 * The last error as stored: a handler's own description, or only the name
 * and code of an unexpected error (its message may quote data: a database
 * error quotes its arguments). Addresses are masked, and it stays short.
 */
export function safeReason(error: unknown): string {
  let reason: string;
  if (error instanceof JobFailure) reason = error.message;
  else if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    reason = typeof code === "string" ? `${error.name} ${code}` : error.name;
  } else reason = "unknown error";
  reason = reason
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, "[address]")
    .replace(/\s+/g, " ")
    .trim();
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

const dayMs = 24 * 60 * 60_000;

/**
 * Housekeeping: ended jobs (done or dead) older than JOB_RETENTION_DAYS go,
 * and with them the e-mails they rendered and sent.
 */
export async function purgeEndedJobs(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - env().JOB_RETENTION_DAYS * dayMs);
  const { count } = await db.job.deleteMany({
    where: { status: { in: ["DONE", "DEAD"] }, finishedAt: { lt: cutoff } },
  });
  if (count > 0) log.info("ended jobs purged", { count });
  return count;
}
