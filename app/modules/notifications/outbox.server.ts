import { Resend } from "resend";
import type { OutboxStatus, Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { log } from "#app/modules/log.server.ts";
import { type EmailKind, type EmailProps, renderEmail } from "./emails.server.ts";

/**
 * E-mail through an outbox. A message is written to OutboxMessage in the same
 * transaction as the change that causes it, so an e-mail exists exactly when
 * its change does. A worker then sends due messages through Resend, with
 * retries and back-off; a provider failure never loses a message.
 *
 * Without RESEND_API_KEY nothing is sent: messages stay PENDING and can be read
 * at /dev/outbox (outside production, or with DEV_OUTBOX).
 *
 * Logs carry ids and counts only: never addresses, subjects or bodies.
 */

/** After this many failed attempts a message is FAILED and no longer retried. */
export const maxAttempts = 8;
const firstRetryMs = 30_000;
const maxRetryMs = 60 * 60_000;
/** A claimed message is not due again for this long, so no other worker takes it meanwhile. */
const leaseMs = 5 * 60_000;
/** One send may take this long; a batch (limit × timeout) stays well inside the lease. */
const sendTimeoutMs = 15_000;
const defaultBatchSize = 10;

/** The wait before the next attempt after `attempts` failures: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), maxRetryMs);
}

/** Any client that can write the outbox: the plain one, a transaction, or a scoped transaction. */
export type DbClient = Pick<Prisma.TransactionClient, "outboxMessage">;

export type QueuedEmail<K extends EmailKind> = {
  kind: K;
  to: string;
  language: Language;
  organizationId?: string;
  /**
   * True for messages carrying sign-in, verification, reset or invitation
   * links: their body is erased once sent. Defaults to true for those kinds.
   */
  secret?: boolean;
  props: EmailProps[K];
};

/** Kinds whose links let someone in: secret unless the caller says otherwise. */
const secretByDefault: Record<EmailKind, boolean> = {
  "verify-email": true,
  "magic-link": true,
  "reset-password": true,
  invitation: true,
  "account-exists": false,
  "plan-changes": false,
  "plan-agreed": false,
};

/**
 * Renders an e-mail and writes it to the outbox with the given client, so it
 * commits or rolls back with the caller's transaction.
 */
export async function queueEmail<K extends EmailKind>(
  tx: DbClient,
  message: QueuedEmail<K>,
): Promise<void> {
  const { subject, html, text } = await renderEmail(message.kind, message.props, message.language);
  const { id } = await tx.outboxMessage.create({
    data: {
      kind: message.kind,
      to: message.to.trim(),
      subject,
      html,
      text,
      secret: message.secret ?? secretByDefault[message.kind],
      organizationId: message.organizationId ?? null,
    },
    select: { id: true },
  });
  log.debug("e-mail queued", { outboxId: id, kind: message.kind });
}

type Claimed = {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  secret: boolean;
  attempts: number;
};

export type DeliveryResult = { sent: number; failed: number; retried: number };

type SendOutcome =
  | { ok: true; providerId: string }
  | { ok: false; error: string; rateLimited: boolean; retryAfterMs?: number };

let resendClient: { key: string; client: Resend } | undefined;
function resend(key: string): Resend {
  if (resendClient?.key !== key) resendClient = { key, client: new Resend(key) };
  return resendClient.client;
}

// Timestamps go to the database as UTC text and come back as `timestamp`
// (what Prisma's DateTime columns are), whatever the session's time zone.
const utc = (date: Date) => date.toISOString();

/**
 * Sends the messages that are due, at most `limit` of them. Several processes
 * may run this at once: each message is claimed (its next attempt moved past a
 * lease) by exactly one of them, with `FOR UPDATE SKIP LOCKED`, before it is
 * sent. Resend also gets the message id as idempotency key, so even a send
 * whose result was never recorded (a crash) is not delivered twice.
 *
 * Does nothing without RESEND_API_KEY.
 */
export async function deliverDueMessages(
  options: { now?: Date; limit?: number } = {},
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  const { RESEND_API_KEY: apiKey, EMAIL_FROM: from } = env();
  if (!apiKey) return result;
  const clock = () => options.now ?? new Date();
  const now = clock();
  const limit = Math.max(1, Math.floor(options.limit ?? defaultBatchSize));

  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage"
    SET "nextAttemptAt" = (${utc(new Date(now.getTime() + leaseMs))}::timestamptz AT TIME ZONE 'UTC')
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING'
        AND "nextAttemptAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "to", "subject", "html", "text", "secret", "attempts"`;

  for (const [index, message] of claimed.entries()) {
    const outcome = await send(apiKey, from, message);
    try {
      if (outcome.ok) {
        await markSent(message, outcome.providerId, clock());
        result.sent += 1;
        continue;
      }
      if (outcome.rateLimited) {
        // Resend asks us to slow down: put this and the rest of the batch back,
        // without counting an attempt against them.
        const rest = claimed.slice(index).map((m) => m.id);
        const later = new Date(clock().getTime() + (outcome.retryAfterMs ?? 1000));
        await db.outboxMessage.updateMany({
          where: { id: { in: rest }, status: "PENDING" },
          data: { nextAttemptAt: later },
        });
        result.retried += rest.length;
        log.warn("outbox rate limited by the provider", { outboxIds: rest });
        break;
      }
      const status = await markFailedAttempt(message, outcome.error, clock());
      if (status === "FAILED") result.failed += 1;
      else result.retried += 1;
    } catch (error) {
      // The database did not take the outcome. The lease runs out and the
      // message is tried again; the idempotency key keeps Resend from
      // delivering a sent one twice.
      log.error("outbox could not record a delivery", { outboxId: message.id, error });
    }
  }

  if (claimed.length > 0) log.info("outbox batch", { claimed: claimed.length, ...result });
  return result;
}

async function send(apiKey: string, from: string, message: Claimed): Promise<SendOutcome> {
  try {
    const { data, error, headers } = await resend(apiKey).emails.send(
      {
        from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
      },
      {
        idempotencyKey: `werkpad-outbox/${message.id}`,
        signal: AbortSignal.timeout(sendTimeoutMs),
      },
    );
    if (data?.id) return { ok: true, providerId: data.id };
    const statusCode = error?.statusCode ?? null;
    const rateLimited = statusCode === 429 || error?.name === "rate_limit_exceeded";
    const retryAfter = Number(headers?.["retry-after"]);
    return {
      ok: false,
      rateLimited,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      error: describeError(statusCode, error?.name, error?.message ?? "no id in the response"),
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, rateLimited: false, error: describeError(null, name, text) };
  }
}

/** A short, safe reason: the provider's words without any address in them, never the body. */
function describeError(statusCode: number | null, name: string | undefined, message: string) {
  const reason = `${statusCode ?? "no response"} ${name ?? "error"}: ${message}`
    .replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, "[address]")
    .replace(/\s+/g, " ")
    .trim();
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
}

async function markSent(message: Claimed, providerId: string, sentAt: Date) {
  await db.outboxMessage.update({
    where: { id: message.id },
    data: {
      status: "SENT",
      providerId,
      sentAt,
      attempts: message.attempts + 1,
      lastError: null,
      // Sign-in and reset links must not outlive their use in our database.
      ...(message.secret ? { html: "", text: "" } : {}),
    },
  });
  log.info("e-mail sent", { outboxId: message.id, providerId });
}

async function markFailedAttempt(
  message: Claimed,
  error: string,
  now: Date,
): Promise<OutboxStatus> {
  const attempts = message.attempts + 1;
  const status: OutboxStatus = attempts >= maxAttempts ? "FAILED" : "PENDING";
  await db.outboxMessage.update({
    where: { id: message.id },
    data: {
      attempts,
      lastError: error,
      status,
      ...(status === "PENDING"
        ? { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }
        : {}),
    },
  });
  const fields = { outboxId: message.id, attempts };
  if (status === "FAILED") log.error("e-mail failed for good", fields);
  else log.warn("e-mail send failed; will retry", fields);
  return status;
}

/**
 * Sends due messages every `intervalMs` while RESEND_API_KEY is set. Runs
 * never overlap: the next one is scheduled when the last has finished (at
 * once when a batch was full). Returns a function that stops the worker and
 * waits for a running batch.
 */
export function startOutboxWorker(intervalMs = 5000): () => Promise<void> {
  if (!env().RESEND_API_KEY) {
    log.info("outbox worker off: RESEND_API_KEY is not set, e-mails stay in the outbox");
    return async () => {};
  }
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
      let more = false;
      try {
        const { sent, failed, retried } = await deliverDueMessages({ limit: defaultBatchSize });
        more = sent + failed + retried >= defaultBatchSize;
      } catch (error) {
        log.error("outbox batch failed", { error });
      }
      running = undefined;
      schedule(more ? 0 : intervalMs);
    })();
  };

  log.info("outbox worker started", { intervalMs });
  schedule(0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    log.info("outbox worker stopped");
  };
}

export type OutboxEntry = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  secret: boolean;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** The latest messages, newest first: for the development page /dev/outbox. */
export async function listOutbox(limit = 50): Promise<OutboxEntry[]> {
  return db.outboxMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      secret: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
}
