import Stripe from "stripe";
import { env } from "#app/modules/env.server.ts";
import {
  handleStripeApiRequest,
  simulatorApiKey,
  simulatorWebhookSecret,
} from "./simulator.server.ts";

/**
 * The one Stripe client. With STRIPE_SECRET_KEY it talks to Stripe; without
 * it the same SDK calls are answered by the development simulator, in this
 * process, through the SDK's own fetch client: the code paths are the same,
 * only the transport differs. (env.server.ts refuses an https APP_URL
 * without a key, so the simulator never stands in for a real deployment.)
 */
export type BillingMode = "stripe" | "simulator";

export function billingMode(): BillingMode {
  return env().STRIPE_SECRET_KEY ? "stripe" : "simulator";
}

let client: Stripe | undefined;

export function stripe(): Stripe {
  if (client) return client;
  const key = env().STRIPE_SECRET_KEY;
  client = key
    ? new Stripe(key, { maxNetworkRetries: 2, timeout: 20_000 })
    : new Stripe(simulatorApiKey, {
        maxNetworkRetries: 0,
        httpClient: Stripe.createFetchHttpClient((input, init) =>
          handleStripeApiRequest(new Request(input as string | URL, init as RequestInit)),
        ),
      });
  return client;
}

/** The secret webhooks are signed with: the endpoint's, or the simulator's. */
export function webhookSecret(): string {
  return env().STRIPE_WEBHOOK_SECRET ?? simulatorWebhookSecret;
}

/** For tests that point the client elsewhere (MSW at Stripe's address). */
export function resetStripeClient() {
  client = undefined;
}

/** The four prices, found by lookup key: per active case, monthly or yearly, in euros or pounds. */
export type BillingInterval = "month" | "year";
export function priceLookupKey(interval: BillingInterval, currency: "eur" | "gbp") {
  return `werkpad_case_${interval}_${currency}`;
}
