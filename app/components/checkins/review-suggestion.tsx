import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { useFocusTarget } from "#app/components/ui/focus-target.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import type { ReviewReason } from "#app/modules/checkins/trend.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * For the employee only: a calm note when the hours stay below the plan or
 * the energy drops, saying why, and a button that proposes a review date on
 * the plan. Nothing happens unless they press it; a review already planned
 * within two weeks is named instead.
 */
export function ReviewSuggestion({
  reasons,
  reviewPlanned,
}: {
  reasons: ReviewReason[];
  reviewPlanned: string | null;
}) {
  const { t, i18n } = useTranslation("checkins");
  const asking = useSubmittingIntent("ask-review");
  const focus = useFocusTarget("suggestion");
  return (
    <section
      {...focus}
      aria-labelledby="suggestion-heading"
      className="rounded-xl border border-brand-200 bg-brand-50 p-5 text-brand-900 sm:p-6"
    >
      <h2 id="suggestion-heading" className="mb-2 text-lg font-semibold">
        {t("review.heading")}
      </h2>
      <ul className="mb-3 flex flex-col gap-1">
        {reasons.map((reason) => (
          <li key={reason.kind}>
            {reason.kind === "hours-below-plan"
              ? t("review.hoursBelowPlan")
              : t("review.energyDrop", { from: reason.from, to: reason.to })}
          </li>
        ))}
      </ul>
      {reviewPlanned ? (
        <p>{t("review.planned", { date: formatDay(i18n.language, reviewPlanned) })}</p>
      ) : (
        <>
          <p>{t("review.why")}</p>
          <p className="mb-4">{t("review.youDecide")}</p>
          <Form method="post">
            <Button
              type="submit"
              name="intent"
              value="ask-review"
              pending={asking}
              pendingLabel={t("review.asking")}
            >
              {t("review.ask")}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
