import { data, Form, Link, redirect, useNavigation } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import {
  cancelSubscription,
  failRenewal,
  payOpenInvoices,
  readPortal,
  stopRetrying,
} from "#app/modules/billing/simulator.server.ts";
import { billingMode } from "#app/modules/billing/stripe.server.ts";
import type { Route } from "./+types/dev.stripe.portal.$sessionId";

/**
 * The development simulator's stand-in for Stripe's customer portal, plus
 * what would otherwise take a month to see: a renewal payment failing, and
 * Stripe giving up on it. English only, like Stripe's own pages. The address
 * exists only while the simulator stands in for Stripe (no STRIPE_SECRET_KEY).
 */
export async function loader({ params }: Route.LoaderArgs) {
  if (billingMode() !== "simulator") throw data(null, { status: 404 });
  const portal = await readPortal(params.sessionId);
  if (!portal) throw data(null, { status: 404 });
  return { portal };
}

const actions = {
  cancel: cancelSubscription,
  pay: payOpenInvoices,
  "fail-renewal": failRenewal,
  "stop-retrying": stopRetrying,
};

// Said when a button no longer fits (the page was out of date, or pressed twice).
const refusals: Record<string, string> = {
  "no-subscription": "There is no subscription to change.",
  "not-active": "Only an active subscription can renew.",
  "not-past-due": "Stripe only stops retrying a past-due subscription.",
  "nothing-open": "There are no open invoices to pay.",
};

export async function action({ request, params }: Route.ActionArgs) {
  if (billingMode() !== "simulator") throw data(null, { status: 404 });
  if (!(await readPortal(params.sessionId))) throw data(null, { status: 404 });
  const intent = (await request.formData()).get("intent");
  if (typeof intent !== "string" || !Object.hasOwn(actions, intent)) {
    throw data(null, { status: 400 });
  }
  const result = await actions[intent as keyof typeof actions](params.sessionId);
  if (result.ok) return redirect(`/dev/stripe/portal/${params.sessionId}`);
  if (result.reason === "not-found") throw data(null, { status: 404 });
  return { error: refusals[result.reason] ?? "That cannot be done now." };
}

export function headers() {
  return { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
}

export default function DevStripePortal({ loaderData, actionData }: Route.ComponentProps) {
  const { portal } = loaderData;
  const { subscription } = portal;
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const action = (value: string, label: string, variant?: "secondary" | "danger") => (
    <Form method="post">
      <Button
        type="submit"
        name="intent"
        value={value}
        variant={variant}
        pending={intent === value}
      >
        {label}
      </Button>
    </Form>
  );
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <title>Billing portal · Stripe simulator</title>
      <meta name="robots" content="noindex" />
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-ink">Your Werkpad subscription</h1>
        <p className="mt-2 text-lg text-muted">
          This page stands in for Stripe's customer portal
          {portal.customerName ? ` of ${portal.customerName}` : ""}.
        </p>
        <p className="mt-2 font-semibold text-ink">Development simulator: no money moves.</p>
      </header>

      {actionData?.error ? (
        <div
          role="alert"
          className="rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 font-medium text-danger-700"
        >
          {actionData.error}
        </div>
      ) : null}

      <Card title="Subscription">
        {subscription ? (
          <>
            <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="font-semibold">Plan</dt>
              <dd>{subscription.product}</dd>
              <dt className="font-semibold">Status</dt>
              <dd>{subscription.statusInWords}</dd>
              <dt className="font-semibold">Quantity</dt>
              <dd>{subscription.quantity}</dd>
              <dt className="font-semibold">Current period ends</dt>
              <dd>{subscription.periodEnd}</dd>
            </dl>
            {action("cancel", "Cancel subscription", "danger")}
          </>
        ) : (
          <p className="text-muted">There is no current subscription.</p>
        )}
      </Card>

      <Card title="Invoices">
        {portal.invoices.length === 0 ? (
          <p className="text-muted">No invoices yet.</p>
        ) : (
          <table className="mb-4 w-full text-left">
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-4">
                  Number
                </th>
                <th scope="col" className="py-1 pr-4">
                  Status
                </th>
                <th scope="col" className="py-1 pr-4">
                  Amount
                </th>
                <th scope="col" className="py-1">
                  Period
                </th>
              </tr>
            </thead>
            <tbody>
              {portal.invoices.map((invoice) => (
                <tr key={invoice.id} className="border-t border-line">
                  <td className="py-1 pr-4">
                    <Link
                      to={`/dev/stripe/invoices/${invoice.id}`}
                      className="font-medium text-brand-700 underline hover:text-brand-800"
                    >
                      {invoice.number}
                    </Link>
                  </td>
                  <td className="py-1 pr-4">{invoice.statusInWords}</td>
                  <td className="py-1 pr-4">{invoice.amount}</td>
                  <td className="py-1">{invoice.period}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {portal.anyOpen ? action("pay", "Pay open invoices") : null}
      </Card>

      {subscription?.status === "active" || subscription?.status === "past_due" ? (
        <Card title="Simulate what happens at renewal">
          <div className="flex flex-wrap gap-3">
            {subscription.status === "active"
              ? action("fail-renewal", "The renewal payment fails", "secondary")
              : null}
            {subscription.status === "past_due"
              ? action("stop-retrying", "Stripe stops retrying", "secondary")
              : null}
          </div>
        </Card>
      ) : null}

      {portal.returnUrl ? (
        <p>
          <a
            href={portal.returnUrl}
            className="font-medium text-brand-700 underline hover:text-brand-800"
          >
            Return to Werkpad
          </a>
        </p>
      ) : null}
    </div>
  );
}
