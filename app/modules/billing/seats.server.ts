import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type TenantDb, type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";
import { stripe } from "./stripe.server.ts";

/**
 * Seats: an organisation pays per active case (a case that is not closed).
 * The subscription's quantity is the most cases open at once this period:
 * raised at once when a case opens past it (billed at once, after Documenso),
 * never lowered within a period; the reconcile job lowers it when a new
 * period has started. Our copy's quantity comes from Stripe's webhooks, so a
 * count above it is drift the billing page shows until Stripe confirms.
 */
const live = new Set(["active", "trialing", "past_due"]);

export async function activeCaseCount(tdb: TenantDb | TenantTx): Promise<number> {
  return tdb.case.count({ where: { status: { not: "CLOSED" } } });
}

/** Called in the transaction that opens, closes or reopens a case. */
export async function queueSeatCheck(tx: TenantTx): Promise<void> {
  await enqueue(
    tx,
    "billing.seats",
    { organizationId: tx.organizationId },
    { organizationId: tx.organizationId },
  );
}

/** The job: raise the quantity to the active cases when they outgrow it. */
export async function raiseSeats({ organizationId }: { organizationId: string }) {
  const tdb = tenantDb(organizationId);
  const subscription = await tdb.subscription.findFirst();
  if (!subscription || !live.has(subscription.status)) return;
  const active = await activeCaseCount(tdb);
  if (active <= subscription.quantity) return;
  await setQuantity(subscription, active, "always_invoice");
}

/**
 * The recurring reconcile, per organisation with a live subscription:
 * raises a quantity the cases have outgrown (a missed seat job), and once a
 * new period has started brings it down to the cases open now, without
 * proration, so the next invoice bills what is used.
 */
export async function reconcileSeats(organizationId: string): Promise<"raised" | "lowered" | null> {
  const tdb = tenantDb(organizationId);
  const subscription = await tdb.subscription.findFirst();
  if (!subscription || !live.has(subscription.status)) return null;
  const active = await activeCaseCount(tdb);
  if (active > subscription.quantity) {
    await setQuantity(subscription, active, "always_invoice");
    return "raised";
  }
  // The first round only notes the period the subscription started in.
  const lastReset = subscription.seatsResetFor;
  if (lastReset !== null && subscription.currentPeriodStart <= lastReset) return null;
  const wanted = Math.max(1, active);
  const lower = lastReset !== null && wanted < subscription.quantity;
  if (lower) await setQuantity(subscription, wanted, "none");
  await tdb.subscription.update({
    where: { id: subscription.id },
    data: { seatsResetFor: subscription.currentPeriodStart },
  });
  return lower ? "lowered" : null;
}

async function setQuantity(
  subscription: { id: string; itemId: string; currentPeriodStart: Date },
  quantity: number,
  proration: "always_invoice" | "none",
) {
  await stripe().subscriptions.update(
    subscription.id,
    { items: [{ id: subscription.itemId, quantity }], proration_behavior: proration },
    // The same change in the same period is asked once, however often the job runs.
    {
      idempotencyKey: `seats:${subscription.id}:${subscription.currentPeriodStart.toISOString()}:${quantity}`,
    },
  );
  log.info("stripe quantity set", { subscriptionId: subscription.id, quantity, proration });
}
