import { Resend } from "resend";
import type { OutboxStatus } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { JobFailure, PermanentJobFailure, RetryLater } from "#app/modules/jobs/queue.server.ts";
import type { JobContext } from "#app/modules/jobs/worker.server.ts";
import { log } from "#app/modules/log.server.ts";
import { calendarAttachment, type EmailPayload } from "./email-payload.ts";
import { type EmailKind, renderEmail } from "./emails.server.ts";

/**
 * E-mail as background jobs. A change queues an `email` job (its template,
 * address, language and props) in its own transaction; nothing is rendered
 * there. The job renders the e-mail, records it in OutboxMessage (what was
 * sent, and what /dev/outbox shows), then sends it through Resend with the
 * message's id as idempotency key, so a retry never delivers it twice.
 *
 * Without RESEND_API_KEY the e-mail is rendered and recorded but not sent: it
 * can be read at /dev/outbox (outside production, or with DEV_OUTBOX).
 *
 * Logs carry ids and counts only: never addresses, subjects or bodies.
 */

/** One send may take this long; well inside a job's lock. */
const sendTimeoutMs = 15_000;
/** When Resend asks us to wait without saying how long. */
const defaultRetryAfterMs = 30_000;

/** Templates whose links let someone in: their body is erased once sent or given up. */
const secretTemplates = new Set<EmailKind>([
  "verify-email",
  "magic-link",
  "reset-password",
  "invitation",
  "signing-code",
]);

let resendClient: { key: string; client: Resend } | undefined;
function resend(key: string): Resend {
  if (resendClient?.key !== key) resendClient = { key, client: new Resend(key) };
  return resendClient.client;
}

/** The `email` job: render and record once, then send (again, on a retry). */
export async function deliverEmail(payload: EmailPayload, job: JobContext): Promise<void> {
  const message =
    (await db.outboxMessage.findUnique({ where: { jobId: job.id } })) ??
    (await recordEmail(payload, job));
  // Sent already: a run whose end was not recorded.
  if (message.status !== "PENDING") return;
  const { RESEND_API_KEY: apiKey, EMAIL_FROM: from } = env();
  if (!apiKey) return;
  const providerId = await send(apiKey, from, message);
  await markSent(message, providerId, job.now());
}

/** Sends through Resend and returns its id for the message, or throws the job's failure. */
async function send(
  apiKey: string,
  from: string,
  message: {
    id: string;
    to: string;
    subject: string;
    html: string;
    text: string;
    calendar: unknown;
  },
): Promise<string> {
  const calendar = calendarAttachment.safeParse(message.calendar);
  let response: Awaited<ReturnType<Resend["emails"]["send"]>>;
  try {
    response = await resend(apiKey).emails.send(
      {
        from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        // An invitation calendar apps offer to accept (RFC 6047: the method in the content type).
        ...(calendar.success
          ? {
              attachments: [
                {
                  filename: calendar.data.filename,
                  content: Buffer.from(calendar.data.ics, "utf8"),
                  contentType: "text/calendar; method=REQUEST; charset=utf-8",
                },
              ],
            }
          : {}),
      },
      {
        idempotencyKey: `werkpad-outbox/${message.id}`,
        signal: AbortSignal.timeout(sendTimeoutMs),
      },
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const text = error instanceof Error ? error.message : String(error);
    throw new JobFailure(describe(null, name, text));
  }
  const { data, error, headers } = response;
  if (data?.id) return data.id;
  const statusCode = error?.statusCode ?? null;
  const reason = describe(statusCode, error?.name, error?.message ?? "no id in the response");
  if (statusCode === 429 || error?.name === "rate_limit_exceeded") {
    const retryAfter = Number(headers?.["retry-after"]);
    const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    throw new RetryLater(reason, delay ?? defaultRetryAfterMs);
  }
  if (refusesTheMessage(statusCode)) throw new PermanentJobFailure(reason);
  throw new JobFailure(reason);
}

/**
 * A 4xx means Resend refuses this message (a bad address, a rejected field):
 * sending it again gives the same answer. Except 401 and 403, which are about
 * our API key or domain (fix the configuration and the messages go out), and
 * 408, 409 and 429, which are about timing.
 */
function refusesTheMessage(statusCode: number | null): boolean {
  if (statusCode === null || statusCode < 400 || statusCode > 499) return false;
  return ![401, 403, 408, 409, 429].includes(statusCode);
}

/** A short reason in the provider's words; the job masks any address in it. */
function describe(statusCode: number | null, name: string | undefined, message: string) {
  return `${statusCode ?? "no response"} ${name ?? "error"}: ${message}`;
}

async function recordEmail(payload: EmailPayload, job: JobContext) {
  // The payload's schema ties the props to the template; TypeScript cannot follow that through a union.
  const { subject, html, text } = await renderEmail(
    payload.template,
    payload.props as never,
    payload.language,
  );
  const message = await db.outboxMessage.create({
    data: {
      jobId: job.id,
      organizationId: job.organizationId,
      kind: payload.template,
      to: payload.to,
      subject,
      html,
      text,
      secret: secretTemplates.has(payload.template),
      calendar: payload.calendar,
    },
  });
  log.debug("e-mail rendered", { outboxId: message.id, jobId: job.id, kind: payload.template });
  return message;
}

async function markSent(
  message: { id: string; secret: boolean },
  providerId: string,
  sentAt: Date,
) {
  await db.outboxMessage.update({
    where: { id: message.id },
    data: {
      status: "SENT",
      providerId,
      sentAt,
      // Sign-in and reset links must not outlive their use in our database.
      ...(message.secret ? { html: "", text: "" } : {}),
    },
  });
  log.info("e-mail sent", { outboxId: message.id, providerId });
}

/** The `email` job is dead: its message is marked failed, and a secret body erased. */
export async function giveUpEmail(job: { id: string }, tx: Tx): Promise<void> {
  const message = await tx.outboxMessage.findUnique({ where: { jobId: job.id } });
  if (message?.status !== "PENDING") return;
  await tx.outboxMessage.update({
    where: { id: message.id },
    data: { status: "FAILED", ...(message.secret ? { html: "", text: "" } : {}) },
  });
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
  /** The calendar invitation sent with it, if any. */
  calendar: unknown;
};

/** The latest messages, newest first: for the development page /dev/outbox. */
export async function listOutbox(limit = 50): Promise<OutboxEntry[]> {
  const messages = await db.outboxMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { job: { select: { attempts: true, lastError: true } } },
  });
  return messages.map(({ job, ...message }) => ({
    ...message,
    attempts: job.attempts,
    lastError: job.lastError,
  }));
}
