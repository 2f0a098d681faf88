import { data } from "react-router";
import { Card } from "#app/components/ui/card.tsx";
import { readInvoice } from "#app/modules/billing/simulator.server.ts";
import { billingMode } from "#app/modules/billing/stripe.server.ts";
import type { Route } from "./+types/dev.stripe.invoices.$invoiceId";

/**
 * The development simulator's stand-in for Stripe's hosted invoice page (an
 * invoice's hosted_invoice_url). English only, like Stripe's own pages. The
 * address exists only while the simulator stands in for Stripe.
 */
export async function loader({ params }: Route.LoaderArgs) {
  if (billingMode() !== "simulator") throw data(null, { status: 404 });
  const invoice = await readInvoice(params.invoiceId);
  if (!invoice) throw data(null, { status: 404 });
  return { invoice };
}

export function headers() {
  return { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
}

export default function DevStripeInvoice({ loaderData }: Route.ComponentProps) {
  const { invoice } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>{`Invoice ${invoice.number} · Stripe simulator`}</title>
      <meta name="robots" content="noindex" />
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-ink">Invoice {invoice.number}</h1>
        <p className="mt-2 text-lg text-muted">This page stands in for Stripe's invoice page.</p>
        <p className="mt-2 font-semibold text-ink">Development simulator: no money moves.</p>
      </header>
      <Card title="Details">
        <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">Number</dt>
          <dd>{invoice.number}</dd>
          <dt className="font-semibold">Status</dt>
          <dd>{invoice.statusInWords}</dd>
          <dt className="font-semibold">Amount</dt>
          <dd>{invoice.amount}</dd>
          <dt className="font-semibold">Paid</dt>
          <dd>{invoice.amountPaid}</dd>
          <dt className="font-semibold">Remaining</dt>
          <dd>{invoice.amountRemaining}</dd>
          <dt className="font-semibold">Period</dt>
          <dd>{invoice.period}</dd>
        </dl>
        <h3 className="mb-1 font-semibold">Lines</h3>
        <ul className="flex flex-col gap-1">
          {invoice.lines.map((line) => (
            <li key={line.id}>
              {line.description}: {line.amount}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
