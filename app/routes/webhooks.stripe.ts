import { receiveWebhook } from "#app/modules/billing/webhook.server.ts";
import type { Route } from "./+types/webhooks.stripe";

/**
 * POST /webhooks/stripe: the raw body and the `stripe-signature` header go
 * to the SDK's verification (webhook.server.ts). 400 for anything that does
 * not verify, 200 for an event received (once or again); the work happens in
 * the job queue, so Stripe never waits for it.
 */
export async function action({ request }: Route.ActionArgs) {
  if (request.method !== "POST")
    return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const answer = await receiveWebhook(
    await request.text(),
    request.headers.get("stripe-signature"),
  );
  return Response.json(
    { received: answer.status === 200, message: answer.message },
    { status: answer.status },
  );
}

/** A GET (a person following the address) finds nothing here. */
export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
