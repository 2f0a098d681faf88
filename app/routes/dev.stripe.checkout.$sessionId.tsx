import { data, Form, redirect, useNavigation } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { completeCheckout, readCheckout } from "#app/modules/billing/simulator.server.ts";
import { billingMode } from "#app/modules/billing/stripe.server.ts";
import type { Route } from "./+types/dev.stripe.checkout.$sessionId";

/**
 * The development simulator's stand-in for Stripe Checkout: the page Werkpad
 * sends a person to when they subscribe. English only, like Stripe's own
 * pages stand apart from Werkpad's. The address exists only while the
 * simulator stands in for Stripe (no STRIPE_SECRET_KEY).
 */
export async function loader({ params }: Route.LoaderArgs) {
  if (billingMode() !== "simulator") throw data(null, { status: 404 });
  const checkout = await readCheckout(params.sessionId);
  if (!checkout) throw data(null, { status: 404 });
  return { checkout };
}

export async function action({ request, params }: Route.ActionArgs) {
  if (billingMode() !== "simulator") throw data(null, { status: 404 });
  if (!(await readCheckout(params.sessionId))) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "pay" && intent !== "decline") throw data(null, { status: 400 });
  const vatId = String(form.get("vatId") ?? "").trim();
  const result = await completeCheckout(params.sessionId, {
    outcome: intent,
    ...(vatId ? { vatId } : {}),
  });
  if (result.ok) return redirect(result.value.successUrl);
  if (result.reason === "not-found") throw data(null, { status: 404 });
  // Declined: the page again, with the VAT number as typed. Not open: the page says it is complete.
  return { declined: result.reason === "declined", vatId };
}

export function headers() {
  return { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
}

export default function DevStripeCheckout({ loaderData, actionData }: Route.ComponentProps) {
  const { checkout } = loaderData;
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>Checkout · Stripe simulator</title>
      <meta name="robots" content="noindex" />
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-ink">Subscribe to Werkpad</h1>
        <p className="mt-2 text-lg text-muted">This page stands in for Stripe Checkout.</p>
        <p className="mt-2 font-semibold text-ink">Development simulator: no money moves.</p>
      </header>

      {checkout.status !== "open" ? (
        <Card title="This checkout is complete">
          <p className="mb-4">The subscription has been paid for.</p>
          <a
            href={checkout.successUrl}
            className="font-semibold text-brand-700 underline hover:text-brand-800"
          >
            Continue to Werkpad
          </a>
        </Card>
      ) : (
        <>
          {actionData?.declined ? (
            <div
              role="alert"
              className="rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 font-medium text-danger-700"
            >
              Your card was declined. Nothing was charged.
            </div>
          ) : null}
          <Card title="What you buy">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="font-semibold">Product</dt>
              <dd>{checkout.product}</dd>
              <dt className="font-semibold">Quantity</dt>
              <dd>{checkout.quantity}</dd>
              <dt className="font-semibold">Unit amount</dt>
              <dd>{checkout.unitAmount}</dd>
              <dt className="font-semibold">Total</dt>
              <dd className="font-semibold">{checkout.total}</dd>
            </dl>
          </Card>
          <Card title="Payment">
            <Form method="post" className="flex flex-col gap-5">
              <div className="flex flex-col gap-1.5">
                <label htmlFor="vatId" className="font-semibold text-ink">
                  VAT number (optional)
                </label>
                <input
                  id="vatId"
                  name="vatId"
                  type="text"
                  autoComplete="off"
                  defaultValue={actionData?.vatId ?? ""}
                  className="min-h-11 w-full rounded-lg border border-line bg-surface px-3 py-2 text-base text-ink shadow-xs"
                />
              </div>
              <div className="flex flex-wrap gap-3">
                <Button type="submit" name="intent" value="pay" pending={intent === "pay"}>
                  Pay
                </Button>
                <Button
                  type="submit"
                  name="intent"
                  value="decline"
                  variant="secondary"
                  pending={intent === "decline"}
                >
                  Pay with a card that is declined
                </Button>
              </div>
            </Form>
          </Card>
          {checkout.cancelUrl ? (
            <p>
              <a
                href={checkout.cancelUrl}
                className="font-medium text-brand-700 underline hover:text-brand-800"
              >
                Back
              </a>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
