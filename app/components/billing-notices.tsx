import { Link } from "react-router";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

export type BillingBannerData = {
  kind: "trial-ending" | "payment-failing" | "blocked";
  trialEndsAt: string;
};

/**
 * For owners, at the top of their start page and the case list: the trial
 * ends within 7 days, a payment fails, or nothing is paid. (Not in the app's
 * frame: every page would carry its code, and the plan page has no room.)
 */
export function BillingBanner({ banner }: { banner: BillingBannerData }) {
  const { t, i18n } = useTranslation("billing");
  const urgent = banner.kind !== "trial-ending";
  return (
    <section
      aria-label={t("title")}
      className={
        urgent
          ? "rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 text-danger-700"
          : "rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-brand-900"
      }
    >
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 font-medium">
        <span>
          {t(`banner.${banner.kind}`, { date: formatDay(i18n.language, banner.trialEndsAt) })}
        </span>
        <Link to="/billing" className="underline">
          {t("banner.link")}
        </Link>
      </p>
    </section>
  );
}

/** Where a growing action is refused for not paying: what stops, what still works, and who can fix it. */
export function NotPayingNotice({
  action,
  isOwner,
}: {
  action: "cases" | "members";
  isOwner: boolean;
}) {
  const { t } = useTranslation("billing");
  return (
    <div
      role="alert"
      className="rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 text-danger-700"
    >
      <p className="font-semibold">{t(`notPaying.${action}`)}</p>
      <p className="mt-1">{t("notPaying.stillWorks")}</p>
      <p className="mt-1">
        {isOwner ? (
          <>
            {t("notPaying.owner")}{" "}
            <Link to="/billing" className="font-semibold underline">
              {t("notPaying.ownerLink")}
            </Link>
          </>
        ) : (
          t("notPaying.others")
        )}
      </p>
    </div>
  );
}
