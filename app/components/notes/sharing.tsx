import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { consentScopes } from "#app/modules/cases/consent-scopes.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Scope = (typeof consentScopes)[number];

/** The employee's choices to share, each with one button to change it, and what was chosen when. */
export function Sharing({
  consents,
  history,
  passports = [],
}: {
  consents: Record<Scope, boolean>;
  history: Array<{
    id: string;
    scope: Scope;
    grantedAt: Date | string;
    withdrawnAt: Date | string | null;
  }>;
  /** Adjustment passports the employee made: part of what they shared, and when. */
  passports?: Array<{
    id: string;
    createdAt: Date | string;
    adjustments: number;
    capacities: number;
  }>;
}) {
  const { t, i18n } = useTranslation("physician");
  const when = (value: Date | string) => formatMoment(i18n.language, value);
  // Every choice, newest first: each consent given and withdrawn, and each passport made.
  const entries = [
    ...history.flatMap((consent) => {
      const scope = t(`employee.scopes.${consent.scope}`);
      const granted = {
        key: `${consent.id}-granted`,
        at: new Date(consent.grantedAt).getTime(),
        text: t("employee.historyGranted", { date: when(consent.grantedAt), scope }),
      };
      if (!consent.withdrawnAt) return [granted];
      return [
        {
          key: `${consent.id}-withdrawn`,
          at: new Date(consent.withdrawnAt).getTime(),
          text: t("employee.historyWithdrawn", { date: when(consent.withdrawnAt), scope }),
        },
        granted,
      ];
    }),
    ...passports.map((passport) => ({
      key: passport.id,
      at: new Date(passport.createdAt).getTime(),
      text: t("employee.historyPassport", {
        date: when(passport.createdAt),
        adjustments: passport.adjustments,
        capacities: passport.capacities,
      }),
    })),
  ].sort((a, b) => b.at - a.at);
  return (
    <section
      id="sharing"
      aria-labelledby="sharing-heading"
      className="rounded-xl border border-line bg-surface p-5"
    >
      <h2 id="sharing-heading" className="text-lg font-semibold">
        {t("employee.sharingHeading")}
      </h2>
      <p className="mb-4 text-muted">{t("employee.sharingIntro")}</p>
      <ul className="flex flex-col gap-3">
        {consentScopes.map((scope) => {
          const granted = consents[scope];
          return (
            <li
              key={scope}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line p-3"
            >
              <div>
                <p className="font-medium">
                  {scope === "NOTES_TO_PHYSICIAN"
                    ? t("employee.notesToPhysician")
                    : t("employee.capacitiesToEmployer")}
                </p>
                <p
                  className={
                    granted ? "text-sm font-semibold text-success-700" : "text-sm text-muted"
                  }
                >
                  {granted ? t("employee.on") : t("employee.off")}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="consent" />
                <input type="hidden" name="scope" value={scope} />
                <input type="hidden" name="granted" value={granted ? "no" : "yes"} />
                <Button type="submit" variant={granted ? "secondary" : "primary"}>
                  {granted ? t("employee.stopSharing") : t("employee.share")}
                </Button>
              </Form>
            </li>
          );
        })}
      </ul>
      {entries.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">{t("employee.historyHeading")}</h3>
          <ul className="mt-1 flex flex-col gap-1 text-sm">
            {entries.map((entry) => (
              <li key={entry.key}>{entry.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
