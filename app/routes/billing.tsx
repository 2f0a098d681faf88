import { useEffect } from "react";
import { data, Form, redirect, useNavigation, useRevalidator } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { billingPage, openPortal, startCheckout } from "#app/modules/billing/billing.server.ts";
import { badRequest, notFound } from "#app/modules/http/errors.server.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/billing";

/**
 * For owners only (everyone else gets 404, as on every owner-only page):
 * where the organisation stands, its invoices, and the ways to Stripe's
 * Checkout and Customer Portal. Everything shown is our own copy; Stripe is
 * asked only when the owner presses a button that leads there.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb, membership } = requireMember(args);
  if (!can(actor, "billing.manage")) notFound();
  const page = await billingPage(tdb);
  const checkoutDone = new URL(args.request.url).searchParams.get("checkout") === "done";
  return {
    organizationName: membership.organizationName,
    standing:
      page.standing.kind === "trial"
        ? { ...page.standing, trialEndsAt: page.standing.trialEndsAt.toISOString() }
        : page.standing,
    trialEndsAt: page.trialEndsAt.toISOString(),
    currency: page.currency,
    subscription: page.subscription
      ? {
          status: page.subscription.status,
          interval: page.subscription.interval,
          currency: page.subscription.currency,
          unitAmount: page.subscription.unitAmount,
          quantity: page.subscription.quantity,
          currentPeriodEnd: page.subscription.currentPeriodEnd.toISOString(),
          cancelAtPeriodEnd: page.subscription.cancelAtPeriodEnd,
        }
      : null,
    live: page.live,
    activeCases: page.activeCases,
    drift: page.drift,
    canManage: page.canManage,
    /** Back from Checkout, before Stripe's webhook has reached us. */
    confirming: checkoutDone && !page.live,
    invoices: page.invoices.map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      amount: invoice.amountDue,
      issuedAt: invoice.issuedAt.toISOString(),
      periodStart: invoice.periodStart.toISOString(),
      periodEnd: invoice.periodEnd.toISOString(),
      url: invoice.hostedInvoiceUrl,
    })),
  };
}

export function headers() {
  return { "Cache-Control": "no-store" };
}

const errorKeys = {
  "stripe-unavailable": "billing:errors.stripeUnavailable",
  "already-subscribed": "billing:errors.alreadySubscribed",
  "no-customer": "billing:errors.noCustomer",
} as const;

export async function action(args: Route.ActionArgs) {
  const { actor, tdb } = requireMember(args);
  if (!can(actor, "billing.manage")) notFound();
  const form = await args.request.formData();
  const intent = form.get("intent");
  const interval = form.get("interval");
  let result: Awaited<ReturnType<typeof openPortal>>;
  if (intent === "subscribe") {
    if (interval !== "month" && interval !== "year") badRequest();
    result = await startCheckout(tdb, actor, interval, clientOf(args));
  } else if (intent === "manage") {
    result = await openPortal(tdb, actor);
  } else badRequest();
  if (result.ok) return redirect(result.value.url);
  if (result.reason === "forbidden") notFound();
  const status = result.reason === "stripe-unavailable" ? 503 : 409;
  return data({ error: errorKeys[result.reason], interval }, { status });
}

function money(language: string, currency: string, minor: number) {
  return new Intl.NumberFormat(language, {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(minor / 100);
}

export default function Billing({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("billing");
  const navigation = useNavigation();
  const pendingIntent =
    navigation.state !== "idle" ? navigation.formData?.get("intent") : undefined;
  const { standing, subscription, invoices, confirming } = loaderData;
  const day = (value: string) => formatDay(i18n.language, value);
  const revalidator = useRevalidator();
  // Back from Checkout: Stripe's webhook arrives within seconds; look again until it has.
  useEffect(() => {
    if (!confirming) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [confirming, revalidator]);

  const state =
    standing.kind === "trial"
      ? t("status.trial", { date: day(standing.trialEndsAt) })
      : standing.kind === "active"
        ? subscription?.cancelAtPeriodEnd
          ? t("status.cancelledAtPeriodEnd", { date: day(subscription.currentPeriodEnd) })
          : t("status.active")
        : standing.kind === "past-due"
          ? t("status.pastDue")
          : t(`status.blocked.${standing.why}`);
  const live = loaderData.live && subscription;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <title>{`${t("title")} · Werkpad`}</title>
      {confirming ? <meta httpEquiv="refresh" content="3" /> : null}
      <PageHeader
        title={t("title")}
        intro={t("intro", { organization: loaderData.organizationName })}
      />
      {confirming ? <Notice>{t("pending")}</Notice> : null}
      <FormError errors={actionData ? [actionData.error] : undefined} />

      <Card title={t("status.heading")}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">{t("status.plan")}</dt>
          <dd>
            {live
              ? `${t(subscription.interval === "year" ? "status.planYear" : "status.planMonth")} (${money(i18n.language, subscription.currency, subscription.unitAmount)})`
              : t("status.planNone")}
          </dd>
          <dt className="font-semibold">{t("status.state")}</dt>
          <dd data-testid="billing-status">{state}</dd>
          <dt className="font-semibold">{t("status.cases")}</dt>
          <dd>
            {live
              ? t("status.casesValue", {
                  active: loaderData.activeCases,
                  paid: subscription.quantity,
                })
              : t("status.casesTrial", { active: loaderData.activeCases })}
          </dd>
          <dt className="font-semibold">{t("status.next")}</dt>
          <dd>
            {live && !subscription.cancelAtPeriodEnd && subscription.status !== "unpaid"
              ? t("status.nextValue", {
                  amount: money(
                    i18n.language,
                    subscription.currency,
                    subscription.unitAmount * subscription.quantity,
                  ),
                  date: day(subscription.currentPeriodEnd),
                })
              : t("status.nextNone")}
          </dd>
        </dl>
        {loaderData.drift && subscription ? (
          <p role="status" className="mt-4 rounded-lg bg-info-50 px-3 py-2 text-sm">
            {t("drift", { active: loaderData.activeCases, paid: subscription.quantity })}
          </p>
        ) : null}
      </Card>

      {loaderData.live ? null : (
        <Card title={t("subscribe.heading")}>
          <p className="mb-4 text-muted">{t("subscribe.intro")}</p>
          <Form method="post" className="flex flex-col gap-4">
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 font-semibold">{t("subscribe.interval")}</legend>
              {(["month", "year"] as const).map((interval) => (
                <label key={interval} className="flex min-h-11 items-center gap-3">
                  <input
                    type="radio"
                    name="interval"
                    value={interval}
                    defaultChecked={(actionData?.interval ?? "month") === interval}
                    className="size-5"
                  />
                  {t(`subscribe.${interval}`)}
                </label>
              ))}
            </fieldset>
            <div>
              <Button
                type="submit"
                name="intent"
                value="subscribe"
                pending={pendingIntent === "subscribe"}
                pendingLabel={t("subscribe.pending")}
              >
                {t("subscribe.submit")}
              </Button>
            </div>
          </Form>
        </Card>
      )}

      {loaderData.canManage ? (
        <Card title={t("manage.heading")}>
          <p className="mb-4 text-muted">{t("manage.intro")}</p>
          <Form method="post">
            <Button
              type="submit"
              name="intent"
              value="manage"
              variant="secondary"
              pending={pendingIntent === "manage"}
              pendingLabel={t("manage.pending")}
            >
              {t("manage.submit")}
            </Button>
          </Form>
        </Card>
      ) : null}

      <Card title={t("invoices.heading")}>
        {invoices.length === 0 ? (
          <p className="text-muted">{t("invoices.empty")}</p>
        ) : (
          // On a phone the table scrolls sideways: keyboard users focus the region to scroll it.
          <section
            aria-label={t("invoices.heading")}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard
            tabIndex={0}
            className="overflow-x-auto"
          >
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-4">
                    {t("invoices.number")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("invoices.date")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("invoices.period")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("invoices.amount")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("invoices.status")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id} className="border-b border-line/60">
                    <td className="py-2 pr-4">
                      {invoice.url ? (
                        <a href={invoice.url} className="font-medium text-brand-700 underline">
                          <span className="sr-only">
                            {t("invoices.open", { number: invoice.number ?? "" })}
                          </span>
                          <span aria-hidden="true">{invoice.number ?? "—"}</span>
                        </a>
                      ) : (
                        (invoice.number ?? "—")
                      )}
                    </td>
                    <td className="py-2 pr-4">{day(invoice.issuedAt)}</td>
                    <td className="py-2 pr-4">
                      {day(invoice.periodStart)} – {day(invoice.periodEnd)}
                    </td>
                    <td className="py-2 pr-4">
                      {money(i18n.language, invoice.currency, invoice.amount)}
                    </td>
                    <td className="py-2 pr-4">
                      {invoice.status in statusKeys
                        ? t(`invoices.states.${invoice.status as keyof typeof statusKeys}`)
                        : invoice.status}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </Card>
    </div>
  );
}

const statusKeys = { paid: 1, open: 1, draft: 1, void: 1, uncollectible: 1 };
