import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { ItemChange } from "#app/components/plan/item-change.tsx";
import { ItemDetails, itemTitle, useDate } from "#app/components/plan/item-summary.tsx";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { itemKinds } from "#app/modules/plans/kinds.ts";
import { loadHistory } from "#app/modules/plans/plans.server.ts";
import type { Route } from "./+types/cases.$caseId.versions.$number";

/**
 * An agreed version, exactly as both sides agreed it (it never changes),
 * with what is new or changed since the version before marked, word by word.
 */
export async function loader(args: Route.LoaderArgs) {
  const { tdb, record } = await requireCase(args, { recordView: true });
  const [history, catalogue] = await Promise.all([loadHistory(tdb, record.id), loadCatalogue()]);
  const version = history.find((entry) => String(entry.number) === args.params.number);
  if (!version) notFound();
  return {
    caseId: record.id,
    name: record.employee?.name ?? record.invitedEmail ?? "",
    version: {
      number: version.number,
      contentHash: version.contentHash,
      agreedAt: version.agreedAt,
      items: version.snapshot,
      changes: version.changes,
    },
    catalogue: catalogueIn(catalogue, languageOfRequest(args.request)),
  };
}

export default function AgreedVersion({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("plans");
  const formatDate = useDate();
  const { version, catalogue, caseId, name } = loaderData;
  const when = formatMoment(i18n.language, version.agreedAt);
  const changeOf = (id: string) => version.changes?.find((change) => change.item.id === id);
  const removed = version.changes?.filter((change) => change.change === "removed") ?? [];
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("history.backToPlan")}
        </Link>
      </p>
      <PageHeader
        title={t("history.versionTitle", { number: version.number, name })}
        intro={
          <>
            {t("history.agreedOn", { date: when })} · {t("version.fingerprint")}
            {t("punctuation.colon", { ns: "common" })}{" "}
            <code className="break-all font-mono text-base">{version.contentHash}</code>
          </>
        }
      />
      {itemKinds.map((kind) => {
        const items = version.items.filter((item) => item.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`v-${kind}`}>
            <h2 id={`v-${kind}`} className="mb-2 text-xl font-semibold">
              {t(`sections.${kind}`)}
            </h2>
            <ul className="flex flex-col gap-2">
              {items.map((item) => {
                const change = changeOf(item.id);
                return (
                  <li key={item.id} className="rounded-xl border border-line bg-surface p-4">
                    <h3 className="font-semibold">
                      {itemTitle(t, item.kind, item.content, catalogue, formatDate)}
                    </h3>
                    {change ? (
                      <p className="mt-1 inline-block rounded-md bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-800">
                        {change.change === "added"
                          ? t("history.newInVersion")
                          : t("history.changedInVersion")}
                      </p>
                    ) : null}
                    <ItemDetails kind={item.kind} content={item.content} catalogue={catalogue} />
                    {change?.change === "changed" ? (
                      <details className="mt-2">
                        <summary className="cursor-pointer text-sm font-semibold text-brand-700">
                          {t("history.whatChanged", { number: version.number - 1 })}
                        </summary>
                        <div className="mt-1">
                          <ItemChange change={change} catalogue={catalogue} />
                        </div>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {removed.length > 0 ? (
        <section aria-labelledby="v-removed">
          <h2 id="v-removed" className="mb-2 text-xl font-semibold">
            {t("history.takenOut")}
          </h2>
          <ul className="flex flex-col gap-2">
            {removed.map((change) => (
              <li key={change.item.id} className="rounded-xl border border-dashed border-line p-4">
                {itemTitle(t, change.item.kind, change.item.content, catalogue, formatDate)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
