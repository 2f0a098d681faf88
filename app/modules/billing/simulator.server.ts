/**
 * The development Stripe simulator: an in-process stand-in for the part of
 * Stripe's REST API that Werkpad calls, so that billing works on a laptop,
 * in demos and in browser tests without a Stripe account. The official SDK
 * talks to it through its fetch client (stripe.server.ts); tests serve it
 * through MSW at Stripe's own address.
 *
 * Every Stripe object is one SimulatedStripeObject row holding the JSON Stripe
 * would return. What a person would do on Stripe's hosted pages (pay, have a
 * card declined, cancel, a renewal failing) are the exported functions below,
 * used by the /dev/stripe/* pages; each delivers the signed webhooks Stripe
 * would, to Werkpad's own endpoint, one after the other.
 *
 * It is never used when STRIPE_SECRET_KEY is set, and env.server.ts refuses
 * an https APP_URL without one: the simulator never stands in for a real
 * deployment.
 */
import { createHash, randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { log } from "#app/modules/log.server.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";

export const simulatorApiKey = "sk_test_werkpad_simulator";
export const simulatorWebhookSecret = "whsec_werkpad_development_simulator";
const apiVersion = "2026-10-28.endive";

// ---------------------------------------------------------------------------
// The objects, as Stripe returns them (the fields Werkpad reads, and a few
// more so that the SDK's callers see familiar shapes).

type Interval = "month" | "year";
type Metadata = Record<string, string>;
type List<T> = { object: "list"; data: T[]; has_more: boolean; url: string };

export type SimulatedPrice = {
  id: string;
  object: "price";
  active: boolean;
  currency: string;
  unit_amount: number;
  lookup_key: string;
  recurring: { interval: Interval; interval_count: 1 };
  product: string;
  type: "recurring";
  billing_scheme: "per_unit";
  created: number;
  livemode: false;
  metadata: Metadata;
};

type SimulatedProduct = {
  id: string;
  object: "product";
  name: string;
  active: true;
  created: number;
  livemode: false;
  metadata: Metadata;
};

type TaxId = {
  id: string;
  object: "tax_id";
  type: "eu_vat" | "gb_vat";
  value: string;
  customer: string;
  created: number;
  livemode: false;
};

export type SimulatedCustomer = {
  id: string;
  object: "customer";
  name: string | null;
  email: string | null;
  metadata: Metadata;
  preferred_locales: string[];
  created: number;
  livemode: false;
  /** Stripe returns this only when expanded; the simulator always keeps it. */
  tax_ids: List<TaxId>;
};

type CheckoutLineItem = {
  id: string;
  object: "item";
  price: SimulatedPrice;
  quantity: number;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  description: string;
};

export type SimulatedCheckoutSession = {
  id: string;
  object: "checkout.session";
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  mode: "subscription";
  customer: string;
  client_reference_id: string | null;
  success_url: string;
  cancel_url: string | null;
  subscription: string | null;
  invoice: string | null;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  locale: string | null;
  metadata: Metadata;
  billing_address_collection: string | null;
  tax_id_collection: { enabled: boolean };
  automatic_tax: { enabled: boolean };
  customer_update: Record<string, string> | null;
  customer_details: {
    email: string | null;
    name: string | null;
    tax_exempt: "none";
    tax_ids: Array<{ type: TaxId["type"]; value: string }>;
  } | null;
  created: number;
  expires_at: number;
  livemode: false;
  /** Stripe returns these only when expanded; the simulator keeps them on the session. */
  line_items: List<CheckoutLineItem>;
  /** What the subscription is made with: Stripe keeps it internally too. */
  subscription_data: { metadata: Metadata };
};

type SimulatedPortalSession = {
  id: string;
  object: "billing_portal.session";
  customer: string;
  return_url: string | null;
  url: string;
  locale: string | null;
  created: number;
  livemode: false;
};

type SubscriptionStatus =
  | "active"
  | "past_due"
  | "unpaid"
  | "canceled"
  | "incomplete"
  | "incomplete_expired"
  | "trialing"
  | "paused";

type SimulatedSubscriptionItem = {
  id: string;
  object: "subscription_item";
  price: SimulatedPrice;
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
  created: number;
  metadata: Metadata;
};

export type SimulatedSubscription = {
  id: string;
  object: "subscription";
  customer: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  cancellation_details: { reason: string | null };
  collection_method: "charge_automatically";
  created: number;
  start_date: number;
  currency: string;
  metadata: Metadata;
  latest_invoice: string | null;
  trial_start: number | null;
  trial_end: number | null;
  livemode: false;
  items: List<SimulatedSubscriptionItem>;
};

type InvoiceStatus = "draft" | "open" | "paid" | "void" | "uncollectible";

type InvoiceLine = {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string;
  quantity: number;
  period: { start: number; end: number };
};

export type SimulatedInvoice = {
  id: string;
  object: "invoice";
  customer: string;
  /** Gone from the API since 2025; kept because it is handy and harmless. */
  subscription: string;
  parent: {
    type: "subscription_details";
    subscription_details: { subscription: string; metadata: Metadata };
  };
  number: string;
  status: InvoiceStatus;
  billing_reason: "subscription_create" | "subscription_cycle" | "subscription_update";
  collection_method: "charge_automatically";
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  subtotal: number;
  total: number;
  customer_tax_ids: Array<{ type: TaxId["type"]; value: string }>;
  hosted_invoice_url: string;
  invoice_pdf: null;
  period_start: number;
  period_end: number;
  created: number;
  attempt_count: number;
  attempted: boolean;
  status_transitions: { finalized_at: number; paid_at: number | null };
  livemode: false;
  metadata: Metadata;
  lines: List<InvoiceLine>;
};

export type SimulatedEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: 1;
  request: { id: null; idempotency_key: null };
  type: string;
  data: { object: object };
};

type StoredAnswer = { id: string; object: "idempotency_key"; status: number; body: unknown };

type Stored = { id: string; object: string; customer?: unknown };

// ---------------------------------------------------------------------------
// Ids, time, storage.

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

/** Stripe-like: a prefix and 24 random characters. */
function newId(prefix: string): string {
  return `${prefix}_${base62(randomBytes(24))}`;
}

/** The same id for the same name every time, so seeding twice (or at once) makes one row. */
function stableId(prefix: string, name: string): string {
  return `${prefix}_${base62(createHash("sha256").update(`werkpad-simulator/${name}`).digest()).slice(0, 24)}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** One month or year later, on the same day of the month or the month's last (31 Jan → 28 Feb), as Stripe bills. */
function addInterval(seconds: number, interval: Interval): number {
  const from = new Date(seconds * 1000);
  const months = interval === "year" ? 12 : 1;
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const to = Date.UTC(
    year,
    month,
    Math.min(from.getUTCDate(), lastDay),
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
  );
  return Math.floor(to / 1000);
}

function customerOf(object: Stored): string | null {
  if (object.object === "customer") return object.id;
  return typeof object.customer === "string" ? object.customer : null;
}

function rowOf(object: Stored) {
  return {
    id: object.id,
    type: object.object,
    customer: customerOf(object),
    data: object as unknown as Prisma.InputJsonObject,
  };
}

async function save<T extends Stored>(object: T): Promise<T> {
  const row = rowOf(object);
  await db.simulatedStripeObject.upsert({
    where: { id: row.id },
    create: row,
    update: { data: row.data, customer: row.customer },
  });
  return object;
}

async function find<T>(type: string, id: unknown): Promise<T | null> {
  if (typeof id !== "string" || id === "") return null;
  const row = await db.simulatedStripeObject.findUnique({ where: { id } });
  return row?.type === type ? (row.data as unknown as T) : null;
}

/** Newest first (by when the row was written: Stripe's `created` has only seconds). */
async function findAll<T>(type: string, customer?: string): Promise<T[]> {
  const rows = await db.simulatedStripeObject.findMany({
    where: { type, ...(customer === undefined ? {} : { customer }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => row.data as unknown as T);
}

/** Invoices newest first by their running number, which never ties. */
async function invoicesOf(customer?: string): Promise<SimulatedInvoice[]> {
  const invoices = await findAll<SimulatedInvoice>("invoice", customer);
  return invoices.sort((a, b) => b.number.localeCompare(a.number));
}

function list<T>(data: T[], url: string, limit = data.length): List<T> {
  return { object: "list", data: data.slice(0, limit), has_more: data.length > limit, url };
}

// ---------------------------------------------------------------------------
// The catalogue: the only place amounts exist. Seeded on first use.

const catalogue = [
  { interval: "month", currency: "eur", unitAmount: 900 },
  { interval: "year", currency: "eur", unitAmount: 9000 },
  { interval: "month", currency: "gbp", unitAmount: 800 },
  { interval: "year", currency: "gbp", unitAmount: 8000 },
] as const;

// A fixed moment, so that seeding the same rows again writes the same JSON.
const seededAt = 1_767_225_600; // 2026-01-01T00:00:00Z

async function seededPrices(): Promise<SimulatedPrice[]> {
  const product: SimulatedProduct = {
    id: stableId("prod", "werkpad_case"),
    object: "product",
    name: "Werkpad, per active case",
    active: true,
    created: seededAt,
    livemode: false,
    metadata: {},
  };
  const prices = catalogue.map(({ interval, currency, unitAmount }): SimulatedPrice => {
    const lookupKey = `werkpad_case_${interval}_${currency}`;
    return {
      id: stableId("price", lookupKey),
      object: "price",
      active: true,
      currency,
      unit_amount: unitAmount,
      lookup_key: lookupKey,
      recurring: { interval, interval_count: 1 },
      product: product.id,
      type: "recurring",
      billing_scheme: "per_unit",
      created: seededAt,
      livemode: false,
      metadata: {},
    };
  });
  await db.simulatedStripeObject.createMany({
    data: [product, ...prices].map(rowOf),
    skipDuplicates: true,
  });
  // What is stored is what the simulator's other objects refer to.
  const stored = await db.simulatedStripeObject.findMany({
    where: { id: { in: prices.map((price) => price.id) } },
  });
  const byId = new Map(stored.map((row) => [row.id, row.data as unknown as SimulatedPrice]));
  return prices.map((price) => byId.get(price.id) ?? price);
}

/** "werkpad_case_month_eur" in words: "Werkpad, per active case, monthly, EUR". */
function describePrice(price: Pick<SimulatedPrice, "lookup_key">): string {
  const match = /^werkpad_case_(month|year)_([a-z]{3})$/.exec(price.lookup_key);
  if (!match) return price.lookup_key;
  return `Werkpad, per active case, ${match[1] === "month" ? "monthly" : "yearly"}, ${match[2]?.toUpperCase()}`;
}

// ---------------------------------------------------------------------------
// Stripe's form encoding: `a[b][0][c]=x` → { a: { b: [{ c: "x" }] } }.

type Params = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Keys that would reach Object.prototype if assigned.
const unsafeKeys = new Set(["__proto__", "prototype", "constructor"]);

export function parseStripeParams(params: URLSearchParams): Params {
  const root: Params = {};
  for (const [key, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match?.[1]) continue;
    const path = [match[1], ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    if (path.some((part) => part !== undefined && unsafeKeys.has(part))) continue;
    let node = root;
    path.forEach((part = "", index) => {
      // `a[]=x` appends, as the qs library reads it.
      const name = part === "" ? String(Object.keys(node).length) : part;
      if (index === path.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (!isRecord(next)) node[name] = {};
      node = node[name] as Params;
    });
  }
  return withArrays(root) as Params;
}

/** Objects whose keys are all indices become arrays, in index order. */
function withArrays(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, withArrays(value[key])]));
  if (keys.length === 0 || !keys.every((key) => /^\d+$/.test(key))) return converted;
  return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key]);
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

function records(value: unknown): Params[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function metadataFrom(value: unknown): Metadata {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

const flag = (value: unknown) => value === "true";

// ---------------------------------------------------------------------------
// Answers, in Stripe's shapes.

type Answer = { status: number; body: unknown };

const ok = (body: unknown): Answer => ({ status: 200, body });

function invalid(status: number, message: string, extra: { code?: string; param?: string } = {}) {
  return { status, body: { error: { type: "invalid_request_error", message, ...extra } } };
}

function missing(what: string, id: unknown, param?: string, status = 400): Answer {
  return invalid(status, `No such ${what}: '${typeof id === "string" ? id : ""}'`, {
    code: "resource_missing",
    ...(param ? { param } : {}),
  });
}

function required(param: string): Answer {
  return invalid(400, `Missing required param: ${param}.`, { code: "parameter_missing", param });
}

/** A non-negative whole number, or undefined (absent) or NaN (not a number). */
function integer(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

function notInteger(param: string, value: unknown): Answer {
  return invalid(400, `Invalid integer: ${String(value)}`, {
    code: "parameter_invalid_integer",
    param,
  });
}

function limitOf(params: Params): number {
  const limit = integer(params.limit);
  return limit === undefined || Number.isNaN(limit) ? 10 : Math.min(Math.max(limit, 1), 100);
}

// ---------------------------------------------------------------------------
// The API.

/**
 * Answers one request to Stripe's API (any host; the path starts with /v1/).
 * An unexpected failure in an endpoint is Stripe's 500 api_error, as the SDK expects.
 */
export async function handleStripeApiRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  if (!/^Bearer \S+$/.test(request.headers.get("authorization") ?? "")) {
    return respond({
      status: 401,
      body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } },
    });
  }
  const params = parseStripeParams(
    method === "POST" ? new URLSearchParams(await request.text()) : url.searchParams,
  );

  // The same key again answers what the first request answered, doing nothing.
  const key = method === "POST" ? request.headers.get("idempotency-key") : null;
  const keyId = key ? `idk_${createHash("sha256").update(key).digest("hex")}` : null;
  if (keyId) {
    const earlier = await find<StoredAnswer>("idempotency_key", keyId);
    if (earlier) return respond(earlier, { "Idempotent-Replayed": "true" });
  }

  let answer: Answer;
  try {
    answer = await route(method, url.pathname, params);
  } catch (error) {
    log.error("stripe simulator: request failed", { method, path: url.pathname, error });
    return respond({
      status: 500,
      body: { error: { type: "api_error", message: "The simulator failed to answer." } },
    });
  }
  // Like Stripe, only a request that did its work is remembered; a refused one may be fixed and sent again.
  if (keyId && answer.status < 300) {
    await save<StoredAnswer>({ id: keyId, object: "idempotency_key", ...answer });
  }
  return respond(answer);
}

function respond(answer: Answer, headers: Record<string, string> = {}): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: { "Request-Id": newId("req"), "Stripe-Version": apiVersion, ...headers },
  });
}

async function route(method: string, path: string, params: Params): Promise<Answer> {
  const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path)?.[1];
  const endpoint = `${method} ${subscription ? "/v1/subscriptions/:id" : path}`;
  switch (endpoint) {
    case "POST /v1/customers":
      return createCustomer(params);
    case "GET /v1/prices":
      return listPrices(params);
    case "POST /v1/checkout/sessions":
      return createCheckoutSession(params);
    case "POST /v1/billing_portal/sessions":
      return createPortalSession(params);
    case "GET /v1/subscriptions":
      return listSubscriptions(params);
    case "GET /v1/subscriptions/:id":
      return retrieveSubscription(subscription ?? "");
    case "POST /v1/subscriptions/:id":
      return updateSubscription(subscription ?? "", params);
    case "DELETE /v1/subscriptions/:id":
      return deleteSubscription(subscription ?? "");
    case "GET /v1/invoices":
      return listInvoices(params);
    default:
      return invalid(404, `Unrecognized request URL (${method}: ${path}).`);
  }
}

async function createCustomer(params: Params): Promise<Answer> {
  const id = newId("cus");
  const customer = await save<SimulatedCustomer>({
    id,
    object: "customer",
    name: text(params.name) ?? null,
    email: text(params.email) ?? null,
    metadata: metadataFrom(params.metadata),
    preferred_locales: texts(params.preferred_locales),
    created: nowSeconds(),
    livemode: false,
    tax_ids: list([], `/v1/customers/${id}/tax_ids`),
  });
  return ok(customer);
}

async function listPrices(params: Params): Promise<Answer> {
  const lookupKeys = texts(params.lookup_keys);
  const active = text(params.active);
  const prices = (await seededPrices()).filter(
    (price) =>
      (lookupKeys.length === 0 || lookupKeys.includes(price.lookup_key)) &&
      (active === undefined || String(price.active) === active),
  );
  return ok(list(prices, "/v1/prices", limitOf(params)));
}

async function createCheckoutSession(params: Params): Promise<Answer> {
  if (text(params.mode) !== "subscription") {
    return invalid(400, "The simulator makes subscription sessions only (mode=subscription).", {
      param: "mode",
    });
  }
  const successUrl = text(params.success_url);
  if (!successUrl) return required("success_url");
  const customer = await find<SimulatedCustomer>("customer", params.customer);
  if (!customer) return missing("customer", params.customer, "customer");
  const [item, ...more] = records(params.line_items);
  if (!item || more.length > 0) {
    return invalid(400, "The simulator takes exactly one line item.", { param: "line_items" });
  }
  await seededPrices();
  const price = await find<SimulatedPrice>("price", item.price);
  if (!price) return missing("price", item.price, "line_items[0][price]");
  const quantity = integer(item.quantity) ?? 1;
  if (Number.isNaN(quantity) || quantity < 1) {
    return notInteger("line_items[0][quantity]", item.quantity);
  }

  const id = newId("cs");
  const created = nowSeconds();
  const amount = price.unit_amount * quantity;
  const session = await save<SimulatedCheckoutSession>({
    id,
    object: "checkout.session",
    url: `${env().APP_URL}/dev/stripe/checkout/${id}`,
    status: "open",
    payment_status: "unpaid",
    mode: "subscription",
    customer: customer.id,
    client_reference_id: text(params.client_reference_id) ?? null,
    success_url: successUrl,
    cancel_url: text(params.cancel_url) ?? null,
    subscription: null,
    invoice: null,
    currency: price.currency,
    amount_subtotal: amount,
    amount_total: amount,
    locale: text(params.locale) ?? null,
    metadata: metadataFrom(params.metadata),
    billing_address_collection: text(params.billing_address_collection) ?? null,
    tax_id_collection: {
      enabled: flag(isRecord(params.tax_id_collection) && params.tax_id_collection.enabled),
    },
    automatic_tax: {
      enabled: flag(isRecord(params.automatic_tax) && params.automatic_tax.enabled),
    },
    customer_update: isRecord(params.customer_update) ? metadataFrom(params.customer_update) : null,
    customer_details: null,
    created,
    expires_at: created + 24 * 60 * 60,
    livemode: false,
    line_items: list(
      [
        {
          id: newId("li"),
          object: "item",
          price,
          quantity,
          currency: price.currency,
          amount_subtotal: amount,
          amount_total: amount,
          description: describePrice(price),
        },
      ],
      `/v1/checkout/sessions/${id}/line_items`,
    ),
    subscription_data: {
      metadata: metadataFrom(
        isRecord(params.subscription_data) ? params.subscription_data.metadata : undefined,
      ),
    },
  });
  return ok(session);
}

async function createPortalSession(params: Params): Promise<Answer> {
  const customer = await find<SimulatedCustomer>("customer", params.customer);
  if (!customer) return missing("customer", params.customer, "customer");
  const id = newId("bps");
  const session = await save<SimulatedPortalSession>({
    id,
    object: "billing_portal.session",
    customer: customer.id,
    return_url: text(params.return_url) ?? null,
    url: `${env().APP_URL}/dev/stripe/portal/${id}`,
    locale: text(params.locale) ?? null,
    created: nowSeconds(),
    livemode: false,
  });
  return ok(session);
}

async function listSubscriptions(params: Params): Promise<Answer> {
  const customer = text(params.customer);
  const status = text(params.status);
  const subscriptions = (await findAll<SimulatedSubscription>("subscription", customer)).filter(
    (subscription) =>
      status === "all" ||
      (status === undefined ? subscription.status !== "canceled" : subscription.status === status),
  );
  return ok(list(subscriptions, "/v1/subscriptions", limitOf(params)));
}

async function retrieveSubscription(id: string): Promise<Answer> {
  const subscription = await find<SimulatedSubscription>("subscription", id);
  return subscription ? ok(subscription) : missing("subscription", id, "id", 404);
}

/** Stripe's "cancel a subscription": at once; a cancelled one cannot be cancelled again. */
async function deleteSubscription(id: string): Promise<Answer> {
  const subscription = await find<SimulatedSubscription>("subscription", id);
  if (!subscription) return missing("subscription", id, "id", 404);
  if (subscription.status === "canceled") {
    return invalid(400, "This subscription has already been canceled.");
  }
  await endNow(subscription);
  return ok(subscription);
}

/** Ends a subscription at once, as cancelling through the API or the portal does, and says so by webhook. */
async function endNow(subscription: SimulatedSubscription) {
  const now = nowSeconds();
  Object.assign(subscription, {
    status: "canceled",
    canceled_at: now,
    ended_at: now,
    cancellation_details: { reason: "cancellation_requested" },
  } satisfies Partial<SimulatedSubscription>);
  await save(subscription);
  await deliver("customer.subscription.deleted", subscription);
}

const prorationBehaviours = ["always_invoice", "none", "create_prorations"];

async function updateSubscription(id: string, params: Params): Promise<Answer> {
  const subscription = await find<SimulatedSubscription>("subscription", id);
  if (!subscription) return missing("subscription", id, "id", 404);
  if (subscription.status === "canceled") {
    return invalid(
      400,
      "A canceled subscription can only update its cancellation_details and metadata.",
    );
  }
  const proration = text(params.proration_behavior) ?? "create_prorations";
  if (!prorationBehaviours.includes(proration)) {
    return invalid(
      400,
      `Invalid proration_behavior: must be one of ${prorationBehaviours.join(", ")}`,
      {
        param: "proration_behavior",
      },
    );
  }

  const changes = records(params.items);
  const lines: InvoiceLine[] = [];
  const now = nowSeconds();
  for (const [index, change] of changes.entries()) {
    const item = subscription.items.data.find((candidate) => candidate.id === change.id);
    if (!item) return missing("subscription item", change.id, `items[${index}][id]`);
    const quantity = integer(change.quantity);
    if (quantity === undefined) continue;
    if (Number.isNaN(quantity)) return notInteger(`items[${index}][quantity]`, change.quantity);
    const added = quantity - item.quantity;
    item.quantity = quantity;
    // Only the added cases are charged, for a whole unit each: the simulator needs no time fractions.
    if (proration === "always_invoice" && added > 0) {
      lines.push(
        invoiceLine(item.price, added, { start: now, end: item.current_period_end }, "Added"),
      );
    }
  }

  const invoice =
    lines.length > 0
      ? await makeInvoice(subscription, lines, {
          status: "paid",
          billingReason: "subscription_update",
          period: { start: now, end: subscription.items.data[0]?.current_period_end ?? now },
        })
      : null;
  if (invoice) subscription.latest_invoice = invoice.id;
  await save(subscription);

  await deliver("customer.subscription.updated", subscription);
  if (invoice) await deliver("invoice.paid", invoice);
  return ok(subscription);
}

async function listInvoices(params: Params): Promise<Answer> {
  const customer = text(params.customer);
  const subscription = text(params.subscription);
  const status = text(params.status);
  const invoices = (await invoicesOf(customer)).filter(
    (invoice) =>
      (subscription === undefined || invoice.subscription === subscription) &&
      (status === undefined || invoice.status === status),
  );
  return ok(list(invoices, "/v1/invoices", limitOf(params)));
}

function invoiceLine(
  price: SimulatedPrice,
  quantity: number,
  period: { start: number; end: number },
  prefix?: string,
): InvoiceLine {
  const description = `${quantity} × ${describePrice(price)}`;
  return {
    id: newId("il"),
    object: "line_item",
    amount: price.unit_amount * quantity,
    currency: price.currency,
    description: prefix ? `${prefix}: ${description}` : description,
    quantity,
    period,
  };
}

async function makeInvoice(
  subscription: SimulatedSubscription,
  lines: InvoiceLine[],
  options: {
    status: "paid" | "open";
    billingReason: SimulatedInvoice["billing_reason"];
    period: { start: number; end: number };
  },
): Promise<SimulatedInvoice> {
  const id = newId("in");
  const now = nowSeconds();
  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  const paid = options.status === "paid";
  const customer = await find<SimulatedCustomer>("customer", subscription.customer);
  // A running number, as Stripe gives an account's invoices (a prefix and a sequence).
  const count = await db.simulatedStripeObject.count({ where: { type: "invoice" } });
  return save<SimulatedInvoice>({
    id,
    object: "invoice",
    customer: subscription.customer,
    subscription: subscription.id,
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
    },
    number: `WERK-${String(count + 1).padStart(4, "0")}`,
    status: options.status,
    billing_reason: options.billingReason,
    collection_method: "charge_automatically",
    currency: subscription.currency,
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    subtotal: amount,
    total: amount,
    customer_tax_ids: (customer?.tax_ids.data ?? []).map(({ type, value }) => ({ type, value })),
    hosted_invoice_url: `${env().APP_URL}/dev/stripe/invoices/${id}`,
    invoice_pdf: null,
    period_start: options.period.start,
    period_end: options.period.end,
    created: now,
    attempt_count: 1,
    attempted: true,
    status_transitions: { finalized_at: now, paid_at: paid ? now : null },
    livemode: false,
    metadata: {},
    lines: list(lines, `/v1/invoices/${id}/lines`),
  });
}

// ---------------------------------------------------------------------------
// Webhooks.

/**
 * Records an event with a snapshot of the object as it is now and sends it to
 * Werkpad's endpoint, signed, before the next one: callers save their changes
 * first, so a handler that reads back from the API sees the new state.
 */
async function deliver(type: string, object: Stored): Promise<SimulatedEvent> {
  const event: SimulatedEvent = {
    id: newId("evt"),
    object: "event",
    api_version: apiVersion,
    created: nowSeconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  };
  // Sent as read back from the database, so a redelivery sends the very same body.
  const row = await db.simulatedStripeObject.create({
    data: { ...rowOf(event), customer: customerOf(object) },
  });
  const stored = row.data as unknown as SimulatedEvent;
  await send(stored);
  return stored;
}

/** True when Werkpad accepted it. A failure is logged, never thrown: Stripe would retry later. */
async function send(event: SimulatedEvent): Promise<boolean> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: simulatorWebhookSecret,
  });
  const fields = { eventId: event.id, type: event.type };
  try {
    const response = await fetch(`${env().APP_URL}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "stripe-signature": signature },
      body: payload,
    });
    await response.body?.cancel();
    if (!response.ok) {
      log.warn("stripe simulator: webhook refused", { ...fields, status: response.status });
    }
    return response.ok;
  } catch (error) {
    log.warn("stripe simulator: webhook not delivered", { ...fields, error });
    return false;
  }
}

/** Sends a stored event again (same id and body, a fresh signature), as Stripe's retries do. */
export async function redeliverEvent(
  eventId: string,
): Promise<Result<{ delivered: boolean }, Refusal<"not-found">>> {
  const event = await find<SimulatedEvent>("event", eventId);
  if (!event) return refused("not-found");
  return done({ delivered: await send(event) });
}

// ---------------------------------------------------------------------------
// What people do on Stripe's hosted pages (the /dev/stripe/* pages).

/** Stripe fills in `{CHECKOUT_SESSION_ID}` in the success address. */
function successUrlOf(session: SimulatedCheckoutSession): string {
  return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

function taxIdType(value: string): TaxId["type"] {
  return value.startsWith("GB") ? "gb_vat" : "eu_vat";
}

export async function completeCheckout(
  sessionId: string,
  { outcome, vatId }: { outcome: "pay" | "decline"; vatId?: string },
): Promise<Result<{ successUrl: string }, Refusal<"not-found" | "not-open" | "declined">>> {
  const session = await find<SimulatedCheckoutSession>("checkout.session", sessionId);
  if (!session) return refused("not-found");
  if (session.status !== "open") return refused("not-open");
  // A declined card changes nothing: the person may try again.
  if (outcome === "decline") return refused("declined");
  const customer = await find<SimulatedCustomer>("customer", session.customer);
  const item = session.line_items.data[0];
  if (!customer || !item) return refused("not-found");

  const vat = vatId?.replace(/\s+/g, "").toUpperCase();
  if (vat) {
    customer.tax_ids.data = [
      {
        id: newId("txi"),
        object: "tax_id",
        type: taxIdType(vat),
        value: vat,
        customer: customer.id,
        created: nowSeconds(),
        livemode: false,
      },
    ];
    await save(customer);
  }

  const now = nowSeconds();
  const periodEnd = addInterval(now, item.price.recurring.interval);
  const subscriptionId = newId("sub");
  const subscription: SimulatedSubscription = {
    id: subscriptionId,
    object: "subscription",
    customer: customer.id,
    status: "active",
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    cancellation_details: { reason: null },
    collection_method: "charge_automatically",
    created: now,
    start_date: now,
    currency: item.price.currency,
    metadata: session.subscription_data.metadata,
    latest_invoice: null,
    trial_start: null,
    trial_end: null,
    livemode: false,
    items: list(
      [
        {
          id: newId("si"),
          object: "subscription_item",
          price: item.price,
          quantity: item.quantity,
          current_period_start: now,
          current_period_end: periodEnd,
          subscription: subscriptionId,
          created: now,
          metadata: {},
        },
      ],
      `/v1/subscription_items?subscription=${subscriptionId}`,
    ),
  };
  const invoice = await makeInvoice(
    subscription,
    [invoiceLine(item.price, item.quantity, { start: now, end: periodEnd })],
    {
      status: "paid",
      billingReason: "subscription_create",
      period: { start: now, end: periodEnd },
    },
  );
  subscription.latest_invoice = invoice.id;
  await save(subscription);
  Object.assign(session, {
    status: "complete",
    payment_status: "paid",
    subscription: subscription.id,
    invoice: invoice.id,
    customer_details: {
      email: customer.email,
      name: customer.name,
      tax_exempt: "none",
      tax_ids: customer.tax_ids.data.map(({ type, value }) => ({ type, value })),
    },
  } satisfies Partial<SimulatedCheckoutSession>);
  await save(session);

  await deliver("checkout.session.completed", session);
  await deliver("customer.subscription.created", subscription);
  await deliver("invoice.paid", invoice);
  return done({ successUrl: successUrlOf(session) });
}

type PortalRefusal = Refusal<"not-found" | "no-subscription" | "not-active" | "not-past-due">;

/** A portal session's customer and their live subscription (the newest one not ended). */
async function portalContext(portalSessionId: string) {
  const portal = await find<SimulatedPortalSession>("billing_portal.session", portalSessionId);
  if (!portal) return null;
  const subscriptions = await findAll<SimulatedSubscription>("subscription", portal.customer);
  const live = subscriptions.find(
    (subscription) => !["canceled", "incomplete_expired"].includes(subscription.status),
  );
  return { portal, subscription: live ?? null };
}

/** The customer cancels: at once, not at the period's end. */
export async function cancelSubscription(
  portalSessionId: string,
): Promise<Result<{ subscription: SimulatedSubscription }, PortalRefusal>> {
  const context = await portalContext(portalSessionId);
  if (!context) return refused("not-found");
  const { subscription } = context;
  if (!subscription) return refused("no-subscription");
  await endNow(subscription);
  return done({ subscription });
}

/**
 * The renewal payment fails: an open invoice for the next period, and the
 * subscription past due. Its period moves on only when the invoice is paid.
 */
export async function failRenewal(
  portalSessionId: string,
): Promise<
  Result<{ subscription: SimulatedSubscription; invoice: SimulatedInvoice }, PortalRefusal>
> {
  const context = await portalContext(portalSessionId);
  if (!context) return refused("not-found");
  const { subscription } = context;
  if (!subscription) return refused("no-subscription");
  if (subscription.status !== "active") return refused("not-active");
  const item = subscription.items.data[0];
  if (!item) return refused("no-subscription");
  const period = {
    start: item.current_period_end,
    end: addInterval(item.current_period_end, item.price.recurring.interval),
  };
  const invoice = await makeInvoice(
    subscription,
    [invoiceLine(item.price, item.quantity, period)],
    {
      status: "open",
      billingReason: "subscription_cycle",
      period,
    },
  );
  subscription.status = "past_due";
  subscription.latest_invoice = invoice.id;
  await save(subscription);
  await deliver("invoice.payment_failed", invoice);
  await deliver("customer.subscription.updated", subscription);
  return done({ subscription, invoice });
}

/** Stripe's retries are used up: the subscription is unpaid (its invoices stay open, and may still be paid). */
export async function stopRetrying(
  portalSessionId: string,
): Promise<Result<{ subscription: SimulatedSubscription }, PortalRefusal>> {
  const context = await portalContext(portalSessionId);
  if (!context) return refused("not-found");
  const { subscription } = context;
  if (!subscription) return refused("no-subscription");
  if (subscription.status !== "past_due") return refused("not-past-due");
  subscription.status = "unpaid";
  await save(subscription);
  await deliver("customer.subscription.updated", subscription);
  return done({ subscription });
}

/** The customer pays what is open (in the portal, with a new card). */
export async function payOpenInvoices(
  portalSessionId: string,
): Promise<
  Result<
    { invoices: SimulatedInvoice[]; subscription: SimulatedSubscription | null },
    Refusal<"not-found" | "nothing-open">
  >
> {
  const context = await portalContext(portalSessionId);
  if (!context) return refused("not-found");
  const { subscription } = context;
  const open = (await invoicesOf(context.portal.customer))
    .filter((invoice) => invoice.status === "open")
    .reverse(); // oldest first, as they fell due
  if (open.length === 0) return refused("nothing-open");

  const now = nowSeconds();
  for (const invoice of open) {
    Object.assign(invoice, {
      status: "paid",
      amount_paid: invoice.amount_due,
      amount_remaining: 0,
      attempt_count: invoice.attempt_count + 1,
      status_transitions: { ...invoice.status_transitions, paid_at: now },
    } satisfies Partial<SimulatedInvoice>);
    await save(invoice);
    // A paid renewal starts the period it was for.
    const item = subscription?.items.data[0];
    if (
      item &&
      invoice.subscription === subscription?.id &&
      invoice.billing_reason === "subscription_cycle"
    ) {
      item.current_period_start = invoice.period_start;
      item.current_period_end = invoice.period_end;
    }
  }
  if (subscription) {
    if (subscription.status === "past_due" || subscription.status === "unpaid") {
      subscription.status = "active";
    }
    await save(subscription);
  }

  for (const invoice of open) await deliver("invoice.paid", invoice);
  if (subscription) await deliver("customer.subscription.updated", subscription);
  return done({ invoices: open, subscription });
}

/** For tests: Stripe's notice three days before a trial ends. Changes nothing. */
export async function simulateTrialWillEnd(
  subscriptionId: string,
): Promise<Result<{ event: SimulatedEvent }, Refusal<"not-found">>> {
  const subscription = await find<SimulatedSubscription>("subscription", subscriptionId);
  if (!subscription) return refused("not-found");
  return done({ event: await deliver("customer.subscription.trial_will_end", subscription) });
}

// ---------------------------------------------------------------------------
// Plain views for the pages: English, formatted here so the pages only show them.

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(amount / 100);

const day = (seconds: number) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(seconds * 1000),
  );

const statusWords: Record<string, string> = {
  active: "Active",
  past_due: "Past due",
  unpaid: "Unpaid",
  canceled: "Canceled",
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  trialing: "Trial",
  paused: "Paused",
  draft: "Draft",
  open: "Open",
  paid: "Paid",
  void: "Void",
  uncollectible: "Uncollectible",
};
const statusInWords = (status: string) => statusWords[status] ?? status;

export async function readCheckout(sessionId: string) {
  const session = await find<SimulatedCheckoutSession>("checkout.session", sessionId);
  const item = session?.line_items.data[0];
  if (!session || !item) return null;
  return {
    id: session.id,
    status: session.status,
    product: describePrice(item.price),
    quantity: item.quantity,
    unitAmount: money(item.price.unit_amount, item.price.currency),
    total: money(session.amount_total, session.currency),
    successUrl: successUrlOf(session),
    cancelUrl: session.cancel_url,
  };
}

function invoiceView(invoice: SimulatedInvoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    statusInWords: statusInWords(invoice.status),
    amount: money(invoice.amount_due, invoice.currency),
    period: `${day(invoice.period_start)} to ${day(invoice.period_end)}`,
  };
}

export async function readPortal(portalSessionId: string) {
  const context = await portalContext(portalSessionId);
  if (!context) return null;
  const { portal, subscription } = context;
  const customer = await find<SimulatedCustomer>("customer", portal.customer);
  const invoices = await invoicesOf(portal.customer);
  const item = subscription?.items.data[0];
  return {
    id: portal.id,
    returnUrl: portal.return_url,
    customerName: customer?.name ?? null,
    subscription:
      subscription && item
        ? {
            id: subscription.id,
            status: subscription.status,
            statusInWords: statusInWords(subscription.status),
            product: describePrice(item.price),
            quantity: item.quantity,
            periodEnd: day(item.current_period_end),
          }
        : null,
    invoices: invoices.map(invoiceView),
    anyOpen: invoices.some((invoice) => invoice.status === "open"),
  };
}

export async function readInvoice(invoiceId: string) {
  const invoice = await find<SimulatedInvoice>("invoice", invoiceId);
  if (!invoice) return null;
  return {
    ...invoiceView(invoice),
    amountPaid: money(invoice.amount_paid, invoice.currency),
    amountRemaining: money(invoice.amount_remaining, invoice.currency),
    lines: invoice.lines.data.map((line) => ({
      id: line.id,
      description: line.description,
      amount: money(line.amount, line.currency),
    })),
  };
}
