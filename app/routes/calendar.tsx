import { createCookie, data, Form, useNavigation } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { Notice } from "#app/components/ui/form-error.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import {
  activeFeedSince,
  isFeedUrl,
  renewFeed,
  stopFeed,
} from "#app/modules/calendar/feeds.server.ts";
import { secureCookies } from "#app/modules/http/cookies.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/calendar";

/**
 * Each member's private calendar address in this organisation: made,
 * renewed or stopped here. The address is shown once, in the answer to the
 * request that made it (only its hash is kept).
 */
/**
 * The address just made, across the redirect after the action (so a reload
 * does not make another): for a minute, unreadable to scripts, and cleared
 * once shown.
 */
const newAddress = createCookie("werkpad_calendar_address", {
  httpOnly: true,
  sameSite: "lax",
  // "/", not "/calendar": the page's data requests go to /calendar.data, which "/calendar" does not cover.
  path: "/",
  maxAge: 60,
  secure: secureCookies(),
});

export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb } = requireMember(args);
  const since = await activeFeedSince(tdb, actor);
  const made: unknown = await newAddress.parse(args.request.headers.get("cookie"));
  const address = since && typeof made === "string" && isFeedUrl(made) ? made : null;
  return data(
    { since: since?.toISOString() ?? null, address },
    made ? { headers: { "Set-Cookie": await newAddress.serialize("", { maxAge: 0 }) } } : undefined,
  );
}

export async function action(args: Route.ActionArgs) {
  const { actor, tdb } = requireMember(args);
  const intent = (await args.request.formData()).get("intent");
  if (intent === "renew") {
    const address = await renewFeed(tdb, actor);
    return redirectWithToast(
      "/calendar",
      { kind: "success", message: "auth:calendar.made" },
      { headers: { "Set-Cookie": await newAddress.serialize(address) } },
    );
  }
  if (intent === "stop") {
    await stopFeed(tdb, actor);
    return redirectWithToast("/calendar", { kind: "success", message: "auth:calendar.stopped" });
  }
  badRequest();
}

export function headers() {
  // The page may show the secret address: never keep it in a cache.
  return { "Cache-Control": "no-store" };
}

export default function Calendar({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auth");
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : undefined;
  const { since, address } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <title>{`${t("calendar.title")} · Werkpad`}</title>
      <PageHeader title={t("calendar.title")} intro={t("calendar.intro")} />
      {address ? (
        <Notice>
          <p className="font-semibold">{t("calendar.made")}</p>
          <label htmlFor="calendar-address" className="mt-3 block font-semibold">
            {t("calendar.newAddress")}
          </label>
          <input
            id="calendar-address"
            readOnly
            value={address}
            aria-describedby="calendar-address-hint"
            className="mt-1 w-full rounded-md border border-line bg-surface px-3 py-2 font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p id="calendar-address-hint" className="mt-2 text-sm">
            {t("calendar.copyHint")}
          </p>
        </Notice>
      ) : null}
      <Card>
        <p data-testid="calendar-state">
          {since
            ? t("calendar.active", { date: formatMoment(i18n.language, since) })
            : t("calendar.none")}
        </p>
        <Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            name="intent"
            value="renew"
            pending={pending === "renew"}
            pendingLabel={t("calendar.pending")}
          >
            {since ? t("calendar.renew") : t("calendar.make")}
          </Button>
          {since ? (
            <Button
              type="submit"
              name="intent"
              value="stop"
              variant="secondary"
              pending={pending === "stop"}
              pendingLabel={t("calendar.pending")}
            >
              {t("calendar.stop")}
            </Button>
          ) : null}
        </Form>
        {since ? <p className="mt-2 text-sm text-muted">{t("calendar.renewHint")}</p> : null}
      </Card>
    </div>
  );
}
