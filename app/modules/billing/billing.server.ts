import Stripe from "stripe";
import { recordAuditNow } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, refused } from "#app/modules/result.ts";
import { type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";
import { activeCaseCount } from "./seats.server.ts";
import { bannerOf, type Standing, standingOf } from "./standing.ts";
import { type BillingInterval, priceLookupKey, stripe } from "./stripe.server.ts";

/**
 * What owners do on the billing page: subscribe through Stripe Checkout,
 * manage through the Customer Portal, and read where the organisation
 * stands. Pages read our copy only (sync.server.ts writes it); the two
 * redirects to Stripe are the only Stripe calls a request makes, because the
 * person is waiting for Stripe's page.
 */
const billingPath = "/billing";

export function currencyOf(country: string): "eur" | "gbp" {
  return country === "UK" ? "gbp" : "eur";
}

/** Where the organisation stands, for banners and gating. */
export async function standingFor(tdb: TenantDb, now = new Date()): Promise<Standing> {
  const [organization, subscription] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: tdb.organizationId },
      select: { trialEndsAt: true },
    }),
    tdb.subscription.findFirst({ select: { status: true } }),
  ]);
  return standingOf(
    { trialEndsAt: organization.trialEndsAt, subscriptionStatus: subscription?.status ?? null },
    now,
  );
}

/** The banner an owner sees on every page, if any (others never see one). */
export async function billingBannerFor(actor: Actor, now = new Date()) {
  if (!can(actor, "billing.manage")) return null;
  const tdb = tenantDb(actor.organizationId);
  const standing = await standingFor(tdb, now);
  const kind = bannerOf(standing);
  if (!kind) return null;
  const { trialEndsAt } = await db.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { trialEndsAt: true },
  });
  return { kind, trialEndsAt: trialEndsAt.toISOString() };
}

/** Everything the billing page shows, from our own copy. */
export async function billingPage(tdb: TenantDb, now = new Date()) {
  const [organization, subscription, invoices, activeCases] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: tdb.organizationId },
      select: { trialEndsAt: true, country: true, stripeCustomerId: true },
    }),
    tdb.subscription.findFirst(),
    tdb.invoice.findMany({ orderBy: { issuedAt: "desc" }, take: 24 }),
    activeCaseCount(tdb),
  ]);
  const standing = standingOf(
    { trialEndsAt: organization.trialEndsAt, subscriptionStatus: subscription?.status ?? null },
    now,
  );
  const live =
    subscription !== null && !["canceled", "incomplete_expired"].includes(subscription.status);
  return {
    standing,
    trialEndsAt: organization.trialEndsAt,
    currency: currencyOf(organization.country),
    subscription,
    live,
    activeCases,
    /** More cases open than Stripe bills for: a seat update is on its way, or missed (the reconcile job fixes it). */
    drift: live && subscription !== null && activeCases > subscription.quantity,
    invoices,
    canManage: organization.stripeCustomerId !== null,
  };
}

type StripeRefusal = "forbidden" | "already-subscribed" | "stripe-unavailable" | "no-customer";

/** Stripe failed or could not be reached: nothing was charged, and the owner may try again. */
function unavailable(error: unknown) {
  const kind = error instanceof Stripe.errors.StripeError ? error.type : "unknown";
  log.error("stripe call failed", { kind, error });
  return refused("stripe-unavailable" as const);
}

export async function startCheckout(
  tdb: TenantDb,
  actor: Actor,
  interval: BillingInterval,
  client: Client,
) {
  if (!can(actor, "billing.manage")) return refused<StripeRefusal>("forbidden");
  const page = await billingPage(tdb);
  if (page.live) return refused<StripeRefusal>("already-subscribed");
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: { id: true, name: true, country: true, language: true, stripeCustomerId: true },
  });
  try {
    const customerId = organization.stripeCustomerId ?? (await createCustomer(organization, actor));
    const lookupKey = priceLookupKey(interval, currencyOf(organization.country));
    const prices = await stripe().prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
    const price = prices.data[0];
    if (!price) {
      log.error("stripe price missing", { lookupKey });
      return refused<StripeRefusal>("stripe-unavailable");
    }
    const session = await stripe().checkout.sessions.create({
      mode: "subscription",
      customer: customerId,
      client_reference_id: organization.id,
      line_items: [{ price: price.id, quantity: Math.max(1, page.activeCases) }],
      // B2B in the Netherlands and Belgium: a VAT number makes the invoice reverse-charged.
      tax_id_collection: { enabled: true },
      customer_update: { name: "auto", address: "auto" },
      billing_address_collection: "required",
      automatic_tax: { enabled: env().STRIPE_AUTOMATIC_TAX },
      subscription_data: { metadata: { organizationId: organization.id } },
      locale: organization.language,
      success_url: `${env().APP_URL}${billingPath}?checkout=done`,
      cancel_url: `${env().APP_URL}${billingPath}`,
    });
    if (!session.url) return refused<StripeRefusal>("stripe-unavailable");
    await recordAuditNow({
      organizationId: organization.id,
      actorId: actor.userId,
      action: "billing.checkout_started",
      targetType: "Organization",
      targetId: organization.id,
      data: { interval },
      ...client,
    });
    return done({ url: session.url });
  } catch (error) {
    return unavailable(error);
  }
}

/** The organisation's Stripe customer, made once: a second owner at the same moment gets the same one. */
async function createCustomer(
  organization: { id: string; name: string; language: string },
  actor: Actor,
): Promise<string> {
  const owner = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true },
  });
  const customer = await stripe().customers.create(
    {
      name: organization.name,
      email: owner.email,
      preferred_locales: [organization.language],
      metadata: { organizationId: organization.id },
    },
    { idempotencyKey: `customer:${organization.id}` },
  );
  await db.organization.updateMany({
    where: { id: organization.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  const saved = await db.organization.findUniqueOrThrow({
    where: { id: organization.id },
    select: { stripeCustomerId: true },
  });
  return saved.stripeCustomerId ?? customer.id;
}

/**
 * Ends the organisation's subscription at Stripe at once, before its data is
 * deleted (organizations/deletion.server.ts): nothing is billed for an
 * organisation that no longer exists. Asks Stripe first, so that running it
 * again (the job is retried) or after a cancellation we have not heard of yet
 * changes nothing. Throws when Stripe cannot be reached: the job tries again.
 * Stripe keeps the customer and its invoices, as the tax rules require.
 */
export async function cancelSubscriptionForDeletion(tdb: TenantDb): Promise<boolean> {
  const ours = await tdb.subscription.findFirst({ select: { id: true } });
  if (!ours) return false;
  const theirs = await stripe().subscriptions.retrieve(ours.id);
  if (["canceled", "incomplete_expired"].includes(theirs.status)) return false;
  await stripe().subscriptions.cancel(ours.id);
  log.info("subscription cancelled for the organisation's deletion", {
    organizationId: tdb.organizationId,
  });
  return true;
}

export async function openPortal(tdb: TenantDb, actor: Actor) {
  if (!can(actor, "billing.manage")) return refused<StripeRefusal>("forbidden");
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: { language: true, stripeCustomerId: true },
  });
  if (!organization.stripeCustomerId) return refused<StripeRefusal>("no-customer");
  try {
    const session = await stripe().billingPortal.sessions.create({
      customer: organization.stripeCustomerId,
      return_url: `${env().APP_URL}${billingPath}`,
      locale: organization.language,
    });
    return done({ url: session.url });
  } catch (error) {
    return unavailable(error);
  }
}
