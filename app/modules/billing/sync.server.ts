import type Stripe from "stripe";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { lockFor, type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";
import { stripe } from "./stripe.server.ts";

/**
 * The one writer of our copy of an organisation's subscription and invoices
 * (after Documenso's syncStripeCustomerSubscription): it trusts nothing a
 * webhook said but the customer's id, re-reads the customer's subscriptions
 * and invoices from Stripe, and writes what it finds. Idempotent and
 * convergent: safe to run any number of times, in any order, so events that
 * arrive twice or out of order still end in Stripe's current state.
 *
 * Returns what changed, for the e-mails a change of status calls for.
 */
const ended = new Set(["canceled", "incomplete_expired"]);

export type SyncResult =
  | { organizationId: null }
  | { organizationId: string; from: string | null; to: string | null };

export async function syncCustomer(customerId: string): Promise<SyncResult> {
  const organization = await db.organization.findUnique({
    where: { stripeCustomerId: customerId },
    select: { id: true },
  });
  if (!organization) {
    // Not one of ours (another product on the same Stripe account), or not yet saved.
    log.warn("stripe customer without an organisation", { customerId });
    return { organizationId: null };
  }
  const [subscriptions, invoices] = await Promise.all([
    stripe().subscriptions.list({ customer: customerId, status: "all", limit: 10 }),
    stripe().invoices.list({ customer: customerId, limit: 24 }),
  ]);
  const chosen = currentSubscription(subscriptions.data);
  const organizationId = organization.id;
  return tenantDb(organizationId).$transaction(async (tx) => {
    // Two events of one customer processed at once write one after the other.
    await lockFor(tx, `billing:${organizationId}`);
    const before = await tx.subscription.findFirst({ select: { status: true } });
    if (chosen) await writeSubscription(tx, chosen);
    else await tx.subscription.deleteMany({});
    for (const invoice of invoices.data) await writeInvoice(tx, invoice);
    const from = before?.status ?? null;
    const to = chosen?.status ?? null;
    if (from !== to) await tellOwners(tx, organizationId, from, to);
    return { organizationId, from, to };
  });
}

/**
 * The subscription that counts: the newest live one, or else the newest
 * ended one (so the page can say it was cancelled). More than one live
 * subscription should not happen (Checkout is offered only without one); the
 * newest wins, and the log says so.
 */
export function currentSubscription(
  subscriptions: Stripe.Subscription[],
): Stripe.Subscription | null {
  const newestFirst = [...subscriptions].sort((a, b) => b.created - a.created);
  const live = newestFirst.filter((subscription) => !ended.has(subscription.status));
  if (live.length > 1)
    log.warn("stripe customer has more than one live subscription", {
      customerId: stringId(live[0]?.customer),
      count: live.length,
    });
  return live[0] ?? newestFirst[0] ?? null;
}

async function writeSubscription(tx: TenantTx, subscription: Stripe.Subscription) {
  const item = subscription.items.data[0];
  if (!item) throw new Error("a subscription without items");
  const fields = {
    status: subscription.status,
    itemId: item.id,
    priceLookupKey: item.price.lookup_key,
    interval: item.price.recurring?.interval ?? "month",
    currency: item.price.currency,
    unitAmount: item.price.unit_amount ?? 0,
    quantity: item.quantity ?? 1,
    currentPeriodStart: fromUnix(item.current_period_start),
    currentPeriodEnd: fromUnix(item.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
  // One subscription per organisation: a new one (after a cancellation) replaces the old row.
  await tx.subscription.deleteMany({ where: { id: { not: subscription.id } } });
  await tx.subscription.upsert({
    where: { id: subscription.id },
    create: { id: subscription.id, ...fields, organizationId: tx.organizationId },
    update: fields,
  });
}

async function writeInvoice(tx: TenantTx, invoice: Stripe.Invoice) {
  if (!invoice.id) return;
  const fields = {
    number: invoice.number,
    status: invoice.status ?? "draft",
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    periodStart: fromUnix(invoice.period_start),
    periodEnd: fromUnix(invoice.period_end),
    issuedAt: fromUnix(invoice.created),
  };
  await tx.invoice.upsert({
    where: { id: invoice.id },
    create: { id: invoice.id, ...fields, organizationId: tx.organizationId },
    update: fields,
  });
}

/**
 * E-mails the owners when the subscription starts failing or ends: told
 * from the change of our copy, not from an event's type, so an event that
 * comes twice or late says nothing twice.
 */
async function tellOwners(
  tx: TenantTx,
  organizationId: string,
  from: string | null,
  to: string | null,
) {
  const event =
    to === "past_due" || (to === "unpaid" && from !== "past_due")
      ? "payment-failed"
      : to === "canceled" && from !== null
        ? "cancelled"
        : null;
  if (!event) return;
  await emailOwners(tx, organizationId, event);
}

export type BillingEmailEvent = "trial-ends" | "payment-failed" | "cancelled";

/** Queues the billing e-mail to every owner, in the organisation's language. */
export async function emailOwners(tx: TenantTx, organizationId: string, event: BillingEmailEvent) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true, language: true, trialEndsAt: true },
  });
  const owners = await tx.membership.findMany({
    where: { role: "OWNER" },
    select: { user: { select: { email: true, name: true } } },
  });
  for (const { user } of owners) {
    await enqueue(
      tx,
      "email",
      {
        template: "billing",
        to: user.email,
        language: organization.language,
        props: {
          name: user.name,
          organizationName: organization.name,
          event,
          trialEndsOn: organization.trialEndsAt.toISOString().slice(0, 10),
          link: `${env().APP_URL}/billing`,
        },
      },
      { organizationId },
    );
  }
}

function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

export function stringId(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : value.id;
}
