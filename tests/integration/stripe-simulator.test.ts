import { HttpResponse, http } from "msw";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
  UNSAFE_withComponentProps as withComponentProps,
} from "react-router";
import Stripe from "stripe";
import { beforeEach, describe, expect, test } from "vitest";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";
import { mockServer } from "#tests/mocks/server.ts";

// The simulator stands in for Stripe only without a key. env() reads the
// environment once: set it before any application module loads.
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
const { db } = await import("#app/modules/db.server.ts");
const { env } = await import("#app/modules/env.server.ts");
const { addLogSink } = await import("#app/modules/log.server.ts");
const simulator = await import("#app/modules/billing/simulator.server.ts");
const { handleStripeApiRequest, simulatorWebhookSecret, parseStripeParams } = simulator;
const checkoutPage = await import("#app/routes/dev.stripe.checkout.$sessionId.tsx");
const portalPage = await import("#app/routes/dev.stripe.portal.$sessionId.tsx");
const invoicePage = await import("#app/routes/dev.stripe.invoices.$invoiceId.tsx");

/**
 * The development Stripe simulator, driven by the official SDK at Stripe's
 * own address (MSW hands the requests to the simulator), with its webhooks
 * caught at Werkpad's endpoint and their signatures checked.
 */
const stripe = new Stripe("sk_test_x", { maxNetworkRetries: 0 });
const webhookUrl = `${env().APP_URL}/webhooks/stripe`;

type Delivery = { event: Stripe.Event; body: string; signature: string };
let deliveries: Delivery[] = [];
const deliveredTypes = () => deliveries.map((delivery) => delivery.event.type);

function webhookAnswers(answer: () => Response) {
  mockServer.use(http.post(webhookUrl, answer));
}

beforeEach(async () => {
  deliveries = [];
  await db.simulatedStripeObject.deleteMany();
  mockServer.use(
    http.all("https://api.stripe.com/v1/*", ({ request }) => handleStripeApiRequest(request)),
    http.post(webhookUrl, async ({ request }) => {
      const body = await request.text();
      const signature = request.headers.get("stripe-signature") ?? "";
      expect(request.headers.get("content-type")).toBe("application/json");
      // Throws unless signed with the simulator's secret.
      const event = Stripe.webhooks.constructEvent(body, signature, simulatorWebhookSecret);
      deliveries.push({ event, body, signature });
      return new HttpResponse(null, { status: 200 });
    }),
  );
});

async function priceFor(lookupKey: string) {
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = prices.data[0];
  if (!price) throw new Error(`no price ${lookupKey}`);
  return price;
}

async function openCheckout(quantity = 2, lookupKey = "werkpad_case_month_eur") {
  const customer = await stripe.customers.create({
    name: "Praktijk Jansen",
    email: "billing@jansen.example",
    preferred_locales: ["nl"],
    metadata: { organizationId: "org-1" },
  });
  const price = await priceFor(lookupKey);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    client_reference_id: "org-1",
    line_items: [{ price: price.id, quantity }],
    success_url: "http://localhost:3000/billing?checkout={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/billing",
    tax_id_collection: { enabled: true },
    customer_update: { name: "auto", address: "auto" },
    billing_address_collection: "required",
    automatic_tax: { enabled: false },
    subscription_data: { metadata: { organizationId: "org-1" } },
    locale: "nl",
  });
  return { customer, price, session };
}

async function subscribe(quantity = 2, lookupKey = "werkpad_case_month_eur") {
  const opened = await openCheckout(quantity, lookupKey);
  const result = await simulator.completeCheckout(opened.session.id, { outcome: "pay" });
  if (!result.ok) throw new Error(result.reason);
  const [subscription] = (await stripe.subscriptions.list({ customer: opened.customer.id })).data;
  if (!subscription) throw new Error("no subscription");
  deliveries = [];
  return { ...opened, subscription };
}

async function portalFor(customer: string) {
  return stripe.billingPortal.sessions.create({
    customer,
    return_url: "http://localhost:3000/billing",
    locale: "nl",
  });
}

describe("the API", () => {
  test("refuses a request without an API key, in Stripe's shape", async () => {
    const response = await handleStripeApiRequest(
      new Request("http://anywhere.test/v1/customers", { method: "POST" }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { type: "invalid_request_error", message: "Invalid API Key provided" },
    });
  });

  test("reads Stripe's bracket notation into objects and arrays, and nothing into prototypes", () => {
    const params = parseStripeParams(
      new URLSearchParams(
        "line_items[0][price]=price_x&line_items[0][quantity]=2&line_items[1][price]=price_y" +
          "&metadata[organizationId]=o1&expand[0]=data.items&expand[1]=latest_invoice" +
          "&__proto__[polluted]=yes&metadata[constructor]=x&mode=subscription",
      ),
    );
    expect(params).toEqual({
      line_items: [{ price: "price_x", quantity: "2" }, { price: "price_y" }],
      metadata: { organizationId: "o1" },
      expand: ["data.items", "latest_invoice"],
      mode: "subscription",
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("an unknown address is Stripe's 404", async () => {
    await expect(stripe.refunds.list()).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
    });
  });

  test("creates customers", async () => {
    const customer = await stripe.customers.create({
      name: "Ada",
      email: "ada@example.com",
      preferred_locales: ["en"],
      metadata: { organizationId: "org-1" },
    });
    expect(customer).toMatchObject({
      object: "customer",
      name: "Ada",
      email: "ada@example.com",
      metadata: { organizationId: "org-1" },
    });
    expect(customer.id).toMatch(/^cus_[0-9A-Za-z]{24}$/);
    expect(customer.created).toBeCloseTo(Date.now() / 1000, -1);
    expect(await db.simulatedStripeObject.findUnique({ where: { id: customer.id } })).toMatchObject(
      { type: "customer", customer: customer.id },
    );
  });

  test("seeds the four prices once, found by lookup key", async () => {
    const [first] = await Promise.all([
      priceFor("werkpad_case_month_eur"),
      priceFor("werkpad_case_month_eur"),
    ]);
    expect(first).toMatchObject({
      object: "price",
      active: true,
      currency: "eur",
      unit_amount: 900,
      lookup_key: "werkpad_case_month_eur",
      recurring: { interval: "month", interval_count: 1 },
      type: "recurring",
    });
    expect(first.id).toMatch(/^price_/);
    expect(first.product).toMatch(/^prod_/);
    expect(await priceFor("werkpad_case_month_eur")).toEqual(first);
    expect(await priceFor("werkpad_case_year_eur")).toMatchObject({ unit_amount: 9000 });
    expect(await priceFor("werkpad_case_month_gbp")).toMatchObject({
      unit_amount: 800,
      currency: "gbp",
    });
    expect(await priceFor("werkpad_case_year_gbp")).toMatchObject({
      unit_amount: 8000,
      recurring: { interval: "year" },
    });
    expect(await db.simulatedStripeObject.count({ where: { type: "price" } })).toBe(4);

    const list = await stripe.prices.list({ lookup_keys: ["werkpad_case_month_eur"], limit: 1 });
    expect(list).toMatchObject({ object: "list", has_more: false, url: "/v1/prices" });
    expect((await stripe.prices.list({ lookup_keys: ["nothing"] })).data).toEqual([]);
  });

  test("the same Idempotency-Key answers the first response again, doing nothing", async () => {
    const first = await stripe.customers.create({ name: "Ada" }, { idempotencyKey: "create-ada" });
    const again = await stripe.customers.create({ name: "Ada" }, { idempotencyKey: "create-ada" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    // The SDK's own key differs per call: two calls without one are two customers.
    await stripe.customers.create({ name: "Bob" });
    await stripe.customers.create({ name: "Bob" });
    expect(await db.simulatedStripeObject.count({ where: { type: "customer" } })).toBe(3);
  });

  test("a checkout session for a customer and a price", async () => {
    const { customer, session } = await openCheckout(3);
    expect(session).toMatchObject({
      object: "checkout.session",
      url: `${env().APP_URL}/dev/stripe/checkout/${session.id}`,
      status: "open",
      mode: "subscription",
      customer: customer.id,
      client_reference_id: "org-1",
      subscription: null,
      success_url: "http://localhost:3000/billing?checkout={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost:3000/billing",
    });
    expect(session.id).toMatch(/^cs_/);
  });

  test("a checkout session needs a price and a customer that exist", async () => {
    const customer = await stripe.customers.create({ name: "Ada" });
    const price = await priceFor("werkpad_case_month_eur");
    const base = {
      mode: "subscription" as const,
      success_url: "http://localhost:3000/billing",
    };
    await expect(
      stripe.checkout.sessions.create({
        ...base,
        customer: customer.id,
        line_items: [{ price: "price_missing", quantity: 1 }],
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "line_items[0][price]",
    });
    await expect(
      stripe.checkout.sessions.create({
        ...base,
        customer: "cus_missing",
        line_items: [{ price: price.id, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: "resource_missing", param: "customer" });
  });

  test("a billing portal session", async () => {
    const customer = await stripe.customers.create({ name: "Ada" });
    const portal = await portalFor(customer.id);
    expect(portal).toMatchObject({
      object: "billing_portal.session",
      customer: customer.id,
      return_url: "http://localhost:3000/billing",
      url: `${env().APP_URL}/dev/stripe/portal/${portal.id}`,
    });
    expect(portal.id).toMatch(/^bps_/);
    await expect(portalFor("cus_missing")).rejects.toMatchObject({ code: "resource_missing" });
  });

  test("an unknown subscription is a 404", async () => {
    await expect(stripe.subscriptions.retrieve("sub_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
    });
  });
});

describe("checkout", () => {
  test("paying makes the subscription and a paid invoice, and delivers three webhooks in order", async () => {
    const { customer, price, session } = await openCheckout(2);

    const result = await simulator.completeCheckout(session.id, {
      outcome: "pay",
      vatId: "nl 123456789 b01",
    });

    expect(result).toEqual({
      ok: true,
      value: { successUrl: `http://localhost:3000/billing?checkout=${session.id}` },
    });
    expect(deliveredTypes()).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
    ]);

    const subscriptions = await stripe.subscriptions.list({
      customer: customer.id,
      status: "all",
      limit: 10,
      expand: ["data.items"],
    });
    expect(subscriptions.data).toHaveLength(1);
    const subscription = subscriptions.data[0] as Stripe.Subscription;
    expect(subscription).toMatchObject({
      object: "subscription",
      customer: customer.id,
      status: "active",
      cancel_at_period_end: false,
      canceled_at: null,
      currency: "eur",
      metadata: { organizationId: "org-1" },
    });
    const [item] = subscription.items.data;
    expect(item).toMatchObject({
      object: "subscription_item",
      price: { id: price.id, unit_amount: 900 },
      quantity: 2,
      subscription: subscription.id,
    });
    expect(item?.id).toMatch(/^si_/);
    const start = new Date((item?.current_period_start ?? 0) * 1000);
    const end = new Date((item?.current_period_end ?? 0) * 1000);
    expect(Math.abs(start.getTime() - Date.now())).toBeLessThan(60_000);
    expect((end.getUTCMonth() - start.getUTCMonth() + 12) % 12).toBe(1);

    const [invoice] = (await stripe.invoices.list({ customer: customer.id, limit: 24 })).data;
    expect(invoice).toMatchObject({
      object: "invoice",
      customer: customer.id,
      parent: { subscription_details: { subscription: subscription.id } },
      number: "WERK-0001",
      status: "paid",
      currency: "eur",
      amount_due: 1800,
      amount_paid: 1800,
      amount_remaining: 0,
      period_start: item?.current_period_start,
      period_end: item?.current_period_end,
    });
    expect(invoice?.hosted_invoice_url).toBe(`${env().APP_URL}/dev/stripe/invoices/${invoice?.id}`);
    expect(subscription.latest_invoice).toBe(invoice?.id);

    // Each webhook carries the object as it was, in the event's shape.
    const [completed, created, paid] = deliveries.map((delivery) => delivery.event);
    expect(completed).toMatchObject({
      object: "event",
      api_version: "2026-10-28.endive",
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: session.id, status: "complete", subscription: subscription.id } },
    });
    expect(completed?.id).toMatch(/^evt_/);
    expect(created?.data.object).toMatchObject({ id: subscription.id, status: "active" });
    expect(paid?.data.object).toMatchObject({ id: invoice?.id, status: "paid" });

    // The VAT number is kept on the customer, as Stripe keeps a tax id.
    const stored = await db.simulatedStripeObject.findUniqueOrThrow({ where: { id: customer.id } });
    expect(stored.data).toMatchObject({
      tax_ids: { data: [{ type: "eu_vat", value: "NL123456789B01" }] },
    });
    expect(await db.simulatedStripeObject.count({ where: { type: "event" } })).toBe(3);
  });

  test("a yearly price runs for a year", async () => {
    const { subscription } = await subscribe(1, "werkpad_case_year_gbp");
    const [item] = subscription.items.data;
    const start = new Date((item?.current_period_start ?? 0) * 1000);
    const end = new Date((item?.current_period_end ?? 0) * 1000);
    expect(end.getUTCFullYear() - start.getUTCFullYear()).toBe(1);
    expect(subscription.currency).toBe("gbp");
  });

  test("a declined card changes nothing and delivers nothing; a complete session cannot be paid again", async () => {
    const { customer, session } = await openCheckout(2);

    expect(await simulator.completeCheckout(session.id, { outcome: "decline" })).toEqual({
      ok: false,
      reason: "declined",
    });
    expect(deliveries).toEqual([]);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect(await simulator.readCheckout(session.id)).toMatchObject({ status: "open" });

    expect(await simulator.completeCheckout(session.id, { outcome: "pay" })).toMatchObject({
      ok: true,
    });
    deliveries = [];
    expect(await simulator.completeCheckout(session.id, { outcome: "pay" })).toEqual({
      ok: false,
      reason: "not-open",
    });
    expect(deliveries).toEqual([]);
    expect(
      (await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data,
    ).toHaveLength(1);
    expect(await simulator.completeCheckout("cs_missing", { outcome: "pay" })).toEqual({
      ok: false,
      reason: "not-found",
    });
  });
});

describe("changing the quantity", () => {
  test("always_invoice with more cases charges the added ones at once", async () => {
    const { subscription } = await subscribe(2);
    const item = subscription.items.data[0] as Stripe.SubscriptionItem;

    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, quantity: 5 }],
      proration_behavior: "always_invoice",
    });

    expect(updated.items.data[0]?.quantity).toBe(5);
    expect(deliveredTypes()).toEqual(["customer.subscription.updated", "invoice.paid"]);
    const [latest] = (await stripe.invoices.list({ customer: subscription.customer as string }))
      .data;
    expect(latest).toMatchObject({
      number: "WERK-0002",
      status: "paid",
      amount_due: 2700,
      amount_paid: 2700,
    });
    expect(updated.latest_invoice).toBe(latest?.id);
    expect((await stripe.subscriptions.retrieve(subscription.id)).items.data[0]?.quantity).toBe(5);
  });

  test("fewer cases, or no proration, only updates the subscription", async () => {
    const { subscription } = await subscribe(4);
    const item = subscription.items.data[0] as Stripe.SubscriptionItem;

    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, quantity: 3 }],
      proration_behavior: "always_invoice",
    });
    await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, quantity: 6 }],
      proration_behavior: "none",
    });

    expect(deliveredTypes()).toEqual([
      "customer.subscription.updated",
      "customer.subscription.updated",
    ]);
    expect(deliveries[0]?.event.data.object).toMatchObject({
      items: { data: [{ quantity: 3 }] },
    });
    expect(
      (await stripe.invoices.list({ customer: subscription.customer as string })).data,
    ).toHaveLength(1);
  });

  test("an unknown item or subscription is refused", async () => {
    const { subscription } = await subscribe(1);
    await expect(
      stripe.subscriptions.update(subscription.id, { items: [{ id: "si_missing", quantity: 2 }] }),
    ).rejects.toMatchObject({ statusCode: 400, code: "resource_missing", param: "items[0][id]" });
    await expect(
      stripe.subscriptions.update("sub_missing", { items: [{ id: "si_x", quantity: 2 }] }),
    ).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(deliveries).toEqual([]);
  });
});

describe("the portal and renewals", () => {
  test("a failed renewal, Stripe giving up, and paying after all", async () => {
    const { customer, subscription } = await subscribe(2);
    const item = subscription.items.data[0] as Stripe.SubscriptionItem;
    const portal = await portalFor(customer.id);

    const failed = await simulator.failRenewal(portal.id);
    expect(failed.ok).toBe(true);
    expect(deliveredTypes()).toEqual(["invoice.payment_failed", "customer.subscription.updated"]);
    const [renewal] = (await stripe.invoices.list({ customer: customer.id })).data;
    expect(renewal).toMatchObject({
      number: "WERK-0002",
      status: "open",
      attempt_count: 1,
      amount_due: 1800,
      amount_remaining: 1800,
      period_start: item.current_period_end,
    });
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({
      status: "past_due",
    });
    // Only an active subscription renews.
    expect(await simulator.failRenewal(portal.id)).toEqual({ ok: false, reason: "not-active" });

    deliveries = [];
    expect(await simulator.stopRetrying(portal.id)).toMatchObject({ ok: true });
    expect(deliveredTypes()).toEqual(["customer.subscription.updated"]);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({
      status: "unpaid",
    });
    expect(await simulator.stopRetrying(portal.id)).toEqual({ ok: false, reason: "not-past-due" });

    deliveries = [];
    expect(await simulator.payOpenInvoices(portal.id)).toMatchObject({ ok: true });
    expect(deliveredTypes()).toEqual(["invoice.paid", "customer.subscription.updated"]);
    const paid = await stripe.subscriptions.retrieve(subscription.id);
    expect(paid.status).toBe("active");
    // The renewal was paid: the next period has begun.
    expect(paid.items.data[0]).toMatchObject({
      current_period_start: renewal?.period_start,
      current_period_end: renewal?.period_end,
    });
    expect((await stripe.invoices.list({ customer: customer.id })).data[0]).toMatchObject({
      id: renewal?.id,
      status: "paid",
      amount_paid: 1800,
      amount_remaining: 0,
    });
    expect(await simulator.payOpenInvoices(portal.id)).toEqual({
      ok: false,
      reason: "nothing-open",
    });
  });

  test("cancelling ends the subscription at once", async () => {
    const { customer, subscription } = await subscribe(2);
    const portal = await portalFor(customer.id);

    expect(await simulator.cancelSubscription(portal.id)).toMatchObject({ ok: true });

    expect(deliveredTypes()).toEqual(["customer.subscription.deleted"]);
    const canceled = await stripe.subscriptions.retrieve(subscription.id);
    expect(canceled.status).toBe("canceled");
    expect(canceled.canceled_at).toBeCloseTo(Date.now() / 1000, -1);
    // Stripe lists ended subscriptions only when asked for all.
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect(
      (await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data,
    ).toHaveLength(1);
    expect(await simulator.cancelSubscription(portal.id)).toEqual({
      ok: false,
      reason: "no-subscription",
    });
    await expect(
      stripe.subscriptions.update(subscription.id, {
        items: [{ id: canceled.items.data[0]?.id ?? "", quantity: 3 }],
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  test("lists subscriptions and invoices newest first", async () => {
    const { customer } = await subscribe(1);
    await simulator.cancelSubscription((await portalFor(customer.id)).id);
    const price = await priceFor("werkpad_case_month_eur");
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 3 }],
      success_url: "http://localhost:3000/billing",
    });
    await simulator.completeCheckout(session.id, { outcome: "pay" });

    const subscriptions = await stripe.subscriptions.list({ customer: customer.id, status: "all" });
    expect(subscriptions.data.map((subscription) => subscription.status)).toEqual([
      "active",
      "canceled",
    ]);
    const invoices = await stripe.invoices.list({ customer: customer.id, limit: 1 });
    expect(invoices.data.map((invoice) => invoice.number)).toEqual(["WERK-0002"]);
    expect(invoices.has_more).toBe(true);
  });

  test("a trial's end is announced without changing anything", async () => {
    const { subscription } = await subscribe(1);
    const result = await simulator.simulateTrialWillEnd(subscription.id);
    expect(result.ok).toBe(true);
    expect(deliveredTypes()).toEqual(["customer.subscription.trial_will_end"]);
    expect(deliveries[0]?.event.data.object).toMatchObject({ id: subscription.id });
    expect(await simulator.simulateTrialWillEnd("sub_missing")).toEqual({
      ok: false,
      reason: "not-found",
    });
  });
});

describe("webhook delivery", () => {
  test("a refused or unreachable endpoint is logged without the payload, and the event is kept to send again", async () => {
    const { session } = await openCheckout(2);
    const records: Array<Record<string, unknown>> = [];
    const detach = addLogSink((record) => records.push(record));
    try {
      webhookAnswers(() => new HttpResponse("down", { status: 500 }));
      expect(await simulator.completeCheckout(session.id, { outcome: "pay" })).toMatchObject({
        ok: true,
      });
      const subscription = (await stripe.subscriptions.list()).data[0];
      webhookAnswers(() => HttpResponse.error());
      expect(await simulator.simulateTrialWillEnd(subscription?.id ?? "")).toMatchObject({
        ok: true,
      });
    } finally {
      detach();
    }
    const warnings = records.filter((record) => record.level === "warn");
    expect(warnings.map((warning) => warning.type)).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.paid",
      "customer.subscription.trial_will_end",
    ]);
    expect(warnings[0]).toMatchObject({ status: 500 });
    expect(warnings[3]).toMatchObject({ error: { name: "TypeError" } });
    expect(JSON.stringify(records)).not.toContain("billing@jansen.example");
    expect(JSON.stringify(records)).not.toContain("Praktijk Jansen");
    expect(deliveries).toEqual([]);
    expect(await db.simulatedStripeObject.count({ where: { type: "event" } })).toBe(4);
  });

  test("a redelivered event has the same id and body and a fresh signature", async () => {
    const { subscription } = await subscribe(1);
    const sent = await simulator.simulateTrialWillEnd(subscription.id);
    if (!sent.ok) throw new Error(sent.reason);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new signature timestamp

    expect(await simulator.redeliverEvent(sent.value.event.id)).toEqual({
      ok: true,
      value: { delivered: true },
    });

    const [first, second] = deliveries;
    expect(second?.event.id).toBe(first?.event.id);
    expect(second?.body).toBe(first?.body);
    expect(second?.signature).not.toBe(first?.signature);
    expect(await simulator.redeliverEvent("evt_missing")).toEqual({
      ok: false,
      reason: "not-found",
    });
  });
});

/** A page as the server renders it (its loader, and its action for a POST), as HTML. */
async function renderPage(
  page: { loader: unknown; action?: unknown; default: unknown },
  pattern: string,
  request: Request,
): Promise<string> {
  const handler = createStaticHandler([
    {
      id: "page",
      path: pattern,
      loader: page.loader as never,
      action: page.action as never,
      Component: withComponentProps(page.default as never),
    },
  ]);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe("the pages", () => {
  test("render one h1, labelled fields, real forms, and the simulator's note", async () => {
    const { customer, session } = await openCheckout(2);
    const checkoutPath = `/dev/stripe/checkout/${session.id}`;
    const declined = await renderPage(
      checkoutPage,
      "/dev/stripe/checkout/:sessionId",
      post(checkoutPath, { intent: "decline", vatId: "NL123" }),
    );
    expect(count(declined, /<h1/g)).toBe(1);
    expect(declined).toContain("Development simulator: no money moves.");
    expect(declined).toMatch(/<label for="vatId"[^>]*>VAT number/);
    // The typed VAT number is kept (lookaheads: attributes in any order).
    expect(declined).toMatch(
      /<input(?=[^>]*id="vatId")(?=[^>]*name="vatId")(?=[^>]*value="NL123")/,
    );
    expect(declined).toMatch(/<form [^>]*method="post"/);
    expect(declined).toMatch(/role="alert"[^>]*>Your card was declined. Nothing was charged./);
    expect(declined).toMatch(
      /<button(?=[^>]*type="submit")(?=[^>]*name="intent")(?=[^>]*value="pay")[^>]*>Pay<\/button>/,
    );
    expect(declined).toContain("Pay with a card that is declined");
    expect(declined).toContain("€18.00");
    expect(declined).toMatch(/<a href="http:\/\/localhost:3000\/billing"[^>]*>Back<\/a>/);

    await simulator.completeCheckout(session.id, { outcome: "pay" });
    const complete = await renderPage(
      checkoutPage,
      "/dev/stripe/checkout/:sessionId",
      get(checkoutPath),
    );
    expect(complete).toContain("This checkout is complete");
    expect(complete).not.toContain("<form");

    const portal = await portalFor(customer.id);
    const portalHtml = () =>
      renderPage(
        portalPage,
        "/dev/stripe/portal/:sessionId",
        get(`/dev/stripe/portal/${portal.id}`),
      );
    const active = await portalHtml();
    expect(count(active, /<h1/g)).toBe(1);
    expect(active).toContain("Development simulator: no money moves.");
    expect(active).toContain("Simulate what happens at renewal");
    expect(active).toContain("The renewal payment fails");
    expect(active).toContain("Cancel subscription");
    expect(active).not.toContain("Stripe stops retrying");
    expect(active).not.toContain("Pay open invoices");
    expect(active).toMatch(/>Return to Werkpad<\/a>/);
    await simulator.failRenewal(portal.id);
    const pastDue = await portalHtml();
    expect(pastDue).toContain("Stripe stops retrying");
    expect(pastDue).toContain("Pay open invoices");
    expect(pastDue).not.toContain("The renewal payment fails");

    const [invoice] = (await stripe.invoices.list({ customer: customer.id })).data;
    const invoiceHtml = await renderPage(
      invoicePage,
      "/dev/stripe/invoices/:invoiceId",
      get(`/dev/stripe/invoices/${invoice?.id}`),
    );
    expect(count(invoiceHtml, /<h1/g)).toBe(1);
    expect(invoiceHtml).toContain("Invoice WERK-0002");
    expect(invoiceHtml).toContain("Development simulator: no money moves.");
  });

  test("checkout: shows what is bought, a declined card keeps the VAT number, paying goes to success_url", async () => {
    const { session } = await openCheckout(2);
    const path = `/dev/stripe/checkout/${session.id}`;
    const params = { sessionId: session.id };

    const page = await callRoute(checkoutPage.loader, get(path), params);
    expect(page.status).toBe(200);
    expect(page.data).toEqual({
      checkout: {
        id: session.id,
        status: "open",
        product: "Werkpad, per active case, monthly, EUR",
        quantity: 2,
        unitAmount: "€9.00",
        total: "€18.00",
        successUrl: `http://localhost:3000/billing?checkout=${session.id}`,
        cancelUrl: "http://localhost:3000/billing",
      },
    });
    expect(checkoutPage.headers()).toEqual({
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    });

    const declined = await callRoute(
      checkoutPage.action,
      post(path, { intent: "decline", vatId: "NL123" }),
      params,
    );
    expect(declined).toMatchObject({ status: 200, data: { declined: true, vatId: "NL123" } });
    expect(deliveries).toEqual([]);

    expect(
      (await callRoute(checkoutPage.action, post(path, { intent: "refund" }), params)).status,
    ).toBe(400);

    const paid = await callRoute(
      checkoutPage.action,
      post(path, { intent: "pay", vatId: "NL123" }),
      params,
    );
    expect(paid).toMatchObject({
      status: 302,
      location: `http://localhost:3000/billing?checkout=${session.id}`,
    });
    expect(deliveries).toHaveLength(3);
    expect((await callRoute(checkoutPage.loader, get(path), params)).data).toMatchObject({
      checkout: { status: "complete" },
    });
  });

  test("portal: each button does its part and comes back to the portal", async () => {
    const { customer } = await subscribe(2);
    const portal = await portalFor(customer.id);
    const path = `/dev/stripe/portal/${portal.id}`;
    const params = { sessionId: portal.id };
    const act = (intent: string) => callRoute(portalPage.action, post(path, { intent }), params);

    expect(await act("fail-renewal")).toMatchObject({ status: 302, location: path });
    const page = await callRoute(portalPage.loader, get(path), params);
    expect(page.data).toMatchObject({
      portal: {
        returnUrl: "http://localhost:3000/billing",
        subscription: { status: "past_due", statusInWords: "Past due", quantity: 2 },
        anyOpen: true,
        invoices: [
          { number: "WERK-0002", status: "open", amount: "€18.00" },
          { number: "WERK-0001", status: "paid" },
        ],
      },
    });
    expect(await act("stop-retrying")).toMatchObject({ status: 302, location: path });
    expect(await act("pay")).toMatchObject({ status: 302, location: path });
    expect(await act("cancel")).toMatchObject({ status: 302, location: path });
    // A button that no longer fits is explained, not a failure.
    expect(await act("cancel")).toMatchObject({
      status: 200,
      data: { error: "There is no subscription to change." },
    });
    expect((await act("refund")).status).toBe(400);
    expect((await act("toString")).status).toBe(400);
    expect(deliveredTypes()).toEqual([
      "invoice.payment_failed",
      "customer.subscription.updated",
      "customer.subscription.updated",
      "invoice.paid",
      "customer.subscription.updated",
      "customer.subscription.deleted",
    ]);
  });

  test("invoice: number, status, amount and period", async () => {
    const { customer } = await subscribe(3);
    const [invoice] = (await stripe.invoices.list({ customer: customer.id })).data;
    const params = { invoiceId: invoice?.id ?? "" };
    const page = await callRoute(
      invoicePage.loader,
      get(`/dev/stripe/invoices/${invoice?.id}`),
      params,
    );
    expect(page.data).toMatchObject({
      invoice: { number: "WERK-0001", status: "paid", statusInWords: "Paid", amount: "€27.00" },
    });
    expect((page.data as { invoice: { period: string } }).invoice.period).toMatch(
      /^\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}$/,
    );
  });

  test("an unknown id is a 404, and so is every page while Stripe itself is used", async () => {
    expect((await callRoute(checkoutPage.loader, get("/x"), { sessionId: "cs_x" })).status).toBe(
      404,
    );
    expect(
      (await callRoute(checkoutPage.action, post("/x", { intent: "pay" }), { sessionId: "cs_x" }))
        .status,
    ).toBe(404);
    expect((await callRoute(portalPage.loader, get("/x"), { sessionId: "bps_x" })).status).toBe(
      404,
    );
    expect(
      (await callRoute(portalPage.action, post("/x", { intent: "cancel" }), { sessionId: "bps_x" }))
        .status,
    ).toBe(404);
    expect((await callRoute(invoicePage.loader, get("/x"), { invoiceId: "in_x" })).status).toBe(
      404,
    );

    const { session, customer, subscription } = await subscribe(1);
    const open = await openCheckout(1);
    const portal = await portalFor(customer.id);
    const [invoice] = (await stripe.invoices.list({ customer: customer.id })).data;
    // env() is read once per process: switch this one to Stripe mode for a moment.
    const settings = env();
    settings.STRIPE_SECRET_KEY = "sk_test_real_stripe";
    try {
      for (const sessionId of [session.id, open.session.id]) {
        expect((await callRoute(checkoutPage.loader, get("/x"), { sessionId })).status).toBe(404);
        expect(
          (await callRoute(checkoutPage.action, post("/x", { intent: "pay" }), { sessionId }))
            .status,
        ).toBe(404);
      }
      const portalParams = { sessionId: portal.id };
      expect((await callRoute(portalPage.loader, get("/x"), portalParams)).status).toBe(404);
      expect(
        (await callRoute(portalPage.action, post("/x", { intent: "cancel" }), portalParams)).status,
      ).toBe(404);
      const invoiceParams = { invoiceId: invoice?.id ?? "" };
      expect((await callRoute(invoicePage.loader, get("/x"), invoiceParams)).status).toBe(404);
    } finally {
      delete settings.STRIPE_SECRET_KEY;
    }
    // Nothing was done.
    expect(deliveries).toEqual([]);
    expect(await simulator.readCheckout(open.session.id)).toMatchObject({ status: "open" });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });
});
