import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { ItemChange } from "#app/components/plan/item-change.tsx";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { loadHistory } from "#app/modules/plans/plans.server.ts";
import type { Route } from "./+types/cases.$caseId.versions";

export async function loader(args: Route.LoaderArgs) {
  const { tdb, record } = await requireCase(args, { recordView: true });
  const [history, catalogue] = await Promise.all([loadHistory(tdb, record.id), loadCatalogue()]);
  return {
    caseId: record.id,
    name: record.employee?.name ?? record.invitedEmail ?? "",
    history,
    catalogue: catalogueIn(catalogue, languageOfRequest(args.request)),
  };
}

export default function Versions({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("plans");
  const { history, catalogue, caseId } = loaderData;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("history.backToPlan")}
        </Link>
      </p>
      <PageHeader title={t("history.title")} intro={t("history.intro")} />
      {history.length === 0 ? <p className="text-lg text-muted">{t("history.none")}</p> : null}
      <ol className="flex flex-col gap-4">
        {history.map((version) => (
          <li key={version.number} className="rounded-xl border border-line bg-surface p-5">
            <h2 className="text-xl font-semibold">
              <Link to={String(version.number)} className="text-brand-800 underline">
                {t("version.readAgreed", { number: version.number })}
              </Link>
            </h2>
            <p className="text-muted">
              {t("history.agreedOn", { date: formatMoment(i18n.language, version.agreedAt) })} ·{" "}
              {t("version.fingerprint")}
              {t("punctuation.colon", { ns: "common" })}{" "}
              <code className="font-mono">{version.contentHash.slice(0, 16)}</code>
            </p>
            {version.changes === null ? (
              <p className="mt-2">{t("history.first")}</p>
            ) : (
              <>
                <h3 className="mt-3 font-semibold">
                  {t("history.changes", { number: version.number - 1 })}
                </h3>
                <ul className="mt-1 flex flex-col gap-2">
                  {version.changes.map((change) => (
                    <li key={`${change.change}-${change.item.id}`}>
                      <ItemChange change={change} catalogue={catalogue} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
