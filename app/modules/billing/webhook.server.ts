import type Stripe from "stripe";
import { db } from "#app/modules/db.server.ts";
import { enqueue, safeReason } from "#app/modules/jobs/queue.server.ts";
import type { JobContext } from "#app/modules/jobs/worker.server.ts";
import { log } from "#app/modules/log.server.ts";
import { stripe, webhookSecret } from "./stripe.server.ts";
import { stringId, syncCustomer } from "./sync.server.ts";

/**
 * Stripe's webhooks (after cal.com's ledger and Documenso's re-sync):
 *
 * 1. receiveWebhook verifies the raw body against the `stripe-signature`
 *    header with the SDK: a forged or too-old event gets 400 and changes nothing.
 * 2. A handled event is written to the ledger (StripeEvent, keyed by the
 *    event's id) and its job queued in the same transaction. The id is the
 *    key, so a second delivery, however close, finds the row and queues nothing.
 * 3. The job (processStripeEvent) takes the ledger row, re-reads the
 *    customer from Stripe (sync.server.ts), and marks the row done. A row
 *    stuck in progress past its lock, or failed, is taken again.
 */
export const handledEventTypes = new Set<string>([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
]);

/** Stripe's own default: an event signed longer ago than this is refused as a replay. */
export const toleranceSeconds = 300;

export type WebhookAnswer = { status: 200 | 400; message: string };

export async function receiveWebhook(
  rawBody: string,
  signature: string | null,
  now = new Date(),
): Promise<WebhookAnswer> {
  if (!signature) return { status: 400, message: "missing stripe-signature header" };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(
      rawBody,
      signature,
      webhookSecret(),
      toleranceSeconds,
      undefined,
      // In milliseconds, as the SDK counts the event's age.
      now.getTime(),
    );
  } catch (error) {
    log.warn("stripe webhook refused", { reason: safeReason(error) });
    return { status: 400, message: "the signature does not verify" };
  }
  if (!handledEventTypes.has(event.type)) return { status: 200, message: "not handled" };
  const customerId = stringId(
    (event.data.object as { customer?: string | { id: string } | null }).customer,
  );
  if (!customerId) return { status: 200, message: "no customer" };

  const queued = await db.$transaction(async (tx) => {
    const { count } = await tx.stripeEvent.createMany({
      data: [{ id: event.id, type: event.type, customerId }],
      skipDuplicates: true,
    });
    if (count === 1) await enqueue(tx, "stripe.event", { eventId: event.id });
    return count === 1;
  });
  log.info("stripe webhook", { eventId: event.id, type: event.type, duplicate: !queued });
  return { status: 200, message: queued ? "queued" : "already received" };
}

/** How long a worker holds a ledger row; one stuck longer is taken again. */
export const ledgerLockMs = 5 * 60_000;

/** The job: converge our copy of the event's customer, once per event. */
export async function processStripeEvent({ eventId }: { eventId: string }, job: JobContext) {
  const now = job.now();
  const { count } = await db.stripeEvent.updateMany({
    where: {
      id: eventId,
      OR: [
        { status: { in: ["RECEIVED", "FAILED"] } },
        { status: "PROCESSING", lockedUntil: { lt: now } },
      ],
    },
    data: {
      status: "PROCESSING",
      lockedUntil: new Date(now.getTime() + ledgerLockMs),
      attempts: { increment: 1 },
    },
  });
  // Done already, or another worker holds it now.
  if (count === 0) return;
  const row = await db.stripeEvent.findUniqueOrThrow({ where: { id: eventId } });
  try {
    if (row.customerId) await syncCustomer(row.customerId);
  } catch (error) {
    await db.stripeEvent.update({
      where: { id: eventId },
      data: { status: "FAILED", lockedUntil: null, lastError: safeReason(error) },
    });
    throw error;
  }
  await db.stripeEvent.update({
    where: { id: eventId },
    data: { status: "DONE", lockedUntil: null, lastError: null, processedAt: job.now() },
  });
}
