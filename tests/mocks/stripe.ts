import { HttpResponse, http } from "msw";
import { handleStripeApiRequest } from "#app/modules/billing/simulator.server.ts";
import { env } from "#app/modules/env.server.ts";
import { action as webhookAction } from "#app/routes/webhooks.stripe.ts";
import { callRoute } from "#tests/helpers/route-args.ts";

/**
 * Stripe at the network edge, for tests that set STRIPE_SECRET_KEY: the SDK
 * calls https://api.stripe.com as in production, and MSW answers with the
 * development simulator (app/modules/billing/simulator.server.ts), which
 * keeps Stripe's records in the test's database. The simulator's signed
 * webhooks go to APP_URL/webhooks/stripe, which MSW hands to the route
 * through the app's middleware, and every answer is recorded in `deliveries`.
 *
 * Simulate an outage with
 *   mockServer.use(http.post(`${stripeApiBase}/checkout/sessions`, () => HttpResponse.json({ error: … }, { status: 500 })))
 */
export const stripeApiBase = "https://api.stripe.com/v1";

export const deliveries: Array<{ type: string; status: number }> = [];

export function stripeHandlers() {
  return [
    http.all(`${stripeApiBase}/*`, ({ request }) => handleStripeApiRequest(request)),
    http.post(`${env().APP_URL}/webhooks/stripe`, async ({ request }) => {
      const type = ((await request.clone().json()) as { type: string }).type;
      const answer = await callRoute(webhookAction as never, request);
      deliveries.push({ type, status: answer.status });
      return new HttpResponse(null, { status: answer.status });
    }),
  ];
}
