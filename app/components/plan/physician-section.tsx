import { Form, Link } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { UserText, withUserText } from "#app/components/user-text.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { formatDay, formatMomentDate } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Advice = {
  capacities: string | null;
  capacitiesWithheld: boolean;
  expectedDuration: string | null;
  advisedAdjustments: string[];
  advisedSchedule: string | null;
  nextConsultation: Date | string | null;
  createdAt: Date | string;
};
type Review = { outcome: "REVIEWED" | "CONCERNS"; remarks: string; createdAt: Date | string };

/**
 * What the occupational physician adds to a case, as everyone on it sees it:
 * the newest functional advice and the review of the newest agreed version.
 * Medical notes are never part of it.
 */
export function PhysicianSection({
  physicianName,
  advice,
  latestVersion,
  draftNumber,
  review,
  inPlan,
  canPropose,
  isPhysician,
  catalogue,
}: {
  physicianName: string | null;
  advice: Advice | null;
  latestVersion: number | null;
  draftNumber: number | null;
  review: Review | null;
  inPlan: string[];
  canPropose: boolean;
  isPhysician: boolean;
  catalogue: CatalogueView;
}) {
  const { t, i18n } = useTranslation("plans");
  const date = (value: Date | string) => formatMomentDate(i18n.language, value);
  return (
    <section aria-labelledby="physician-heading" id="physician" className="flex flex-col gap-3">
      <h2 id="physician-heading" className="text-2xl font-bold text-ink">
        {t("physicianSection.heading")}
      </h2>
      {!physicianName ? <p className="text-muted">{t("physicianSection.none")}</p> : null}
      {isPhysician ? (
        <p>
          <Link to="physician" className="font-semibold text-brand-700 underline">
            {t("physicianSection.workspace")}
          </Link>
        </p>
      ) : null}
      {physicianName ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="rounded-xl border border-line bg-surface p-4">
            <h3 className="text-lg font-semibold">{t("physicianSection.adviceHeading")}</h3>
            {advice ? (
              <>
                <p className="mt-2 text-sm text-muted">
                  {t("physicianSection.adviceBy", {
                    physician: physicianName,
                    date: date(advice.createdAt),
                  })}
                </p>
                <dl className="mt-2 flex flex-col gap-2">
                  <div>
                    <dt className="font-medium">{t("physicianSection.capacities")}</dt>
                    <dd className="whitespace-pre-line">
                      {advice.capacitiesWithheld ? (
                        <span className="text-muted">
                          {t("physicianSection.capacitiesWithheld")}
                        </span>
                      ) : (
                        <UserText>{advice.capacities}</UserText>
                      )}
                    </dd>
                  </div>
                  {advice.expectedDuration ? (
                    <div>
                      <dt className="font-medium">{t("physicianSection.expectedDuration")}</dt>
                      <dd>
                        <UserText>{advice.expectedDuration}</UserText>
                      </dd>
                    </div>
                  ) : null}
                  {advice.advisedSchedule ? (
                    <div>
                      <dt className="font-medium">{t("physicianSection.advisedSchedule")}</dt>
                      <dd className="whitespace-pre-line">
                        <UserText>{advice.advisedSchedule}</UserText>
                      </dd>
                    </div>
                  ) : null}
                  {advice.nextConsultation ? (
                    <div>
                      <dt className="font-medium">{t("physicianSection.nextConsultation")}</dt>
                      <dd>{formatDay(i18n.language, advice.nextConsultation)}</dd>
                    </div>
                  ) : null}
                  {advice.advisedAdjustments.length > 0 ? (
                    <div>
                      <dt className="font-medium">{t("physicianSection.advisedAdjustments")}</dt>
                      <dd>
                        <ul className="mt-1 flex flex-col gap-2">
                          {advice.advisedAdjustments.map((id) => {
                            const title =
                              catalogue.adjustments.find((adjustment) => adjustment.id === id)
                                ?.title ?? id;
                            return (
                              <li
                                key={id}
                                className="flex flex-wrap items-center justify-between gap-2"
                              >
                                <span>{title}</span>
                                {inPlan.includes(id) ? (
                                  <span className="text-sm text-muted">
                                    {t("physicianSection.alreadyInPlan")}
                                  </span>
                                ) : canPropose ? (
                                  <Form method="post">
                                    <input type="hidden" name="catalogueId" value={id} />
                                    <Button
                                      type="submit"
                                      name="intent"
                                      value="propose-advised"
                                      variant="secondary"
                                      aria-label={`${t("physicianSection.addToPlan")}: ${title}`}
                                    >
                                      {t("physicianSection.addToPlan")}
                                    </Button>
                                  </Form>
                                ) : null}
                              </li>
                            );
                          })}
                        </ul>
                      </dd>
                    </div>
                  ) : null}
                </dl>
              </>
            ) : (
              <p className="mt-2 text-muted">
                {t("physicianSection.noAdvice", { physician: physicianName })}
              </p>
            )}
          </div>
          <div className="rounded-xl border border-line bg-surface p-4" data-testid="plan-review">
            <h3 className="text-lg font-semibold">{t("physicianSection.reviewHeading")}</h3>
            {latestVersion === null ? (
              <p className="mt-2 text-muted">{t("physicianSection.noVersion")}</p>
            ) : review ? (
              <div className="mt-2 flex flex-col gap-1">
                <p
                  className={
                    review.outcome === "CONCERNS"
                      ? "font-semibold text-danger-700"
                      : "font-semibold text-success-700"
                  }
                >
                  {review.outcome === "CONCERNS"
                    ? t("physicianSection.concerns", {
                        number: latestVersion,
                        date: date(review.createdAt),
                      })
                    : t("physicianSection.reviewed", {
                        number: latestVersion,
                        date: date(review.createdAt),
                      })}
                </p>
                <p className="whitespace-pre-line">
                  {withUserText((v) => t("physicianSection.remarks", v), {
                    remarks: review.remarks,
                  })}
                </p>
              </div>
            ) : (
              <p className="mt-2 text-muted">
                {t("physicianSection.notReviewed", { number: latestVersion })}
              </p>
            )}
            {latestVersion !== null && draftNumber !== null ? (
              <p className="mt-2 text-sm text-muted">{t("physicianSection.changedSince")}</p>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
