import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { VersionChange } from "#app/modules/plans/versions.ts";
import { fieldText, itemTitle, useDate } from "./item-summary.tsx";
import { TextDiff } from "./text-diff.tsx";

/**
 * One item's change from one agreed version to the next: added, taken out,
 * or changed, with each changed field shown word by word.
 */
export function ItemChange({
  change,
  catalogue,
}: {
  change: VersionChange;
  catalogue: CatalogueView;
}) {
  const { t } = useTranslation("plans");
  const formatDate = useDate();
  const title = itemTitle(t, change.item.kind, change.item.content, catalogue, formatDate);
  if (change.change !== "changed") {
    return (
      <p>
        <span className="font-medium">{t(`history.${change.change}`)}</span>
        {t("punctuation.colon", { ns: "common" })} {title}
      </p>
    );
  }
  const text = (content: Record<string, unknown>, field: string) =>
    fieldText(t, field, content[field], catalogue, formatDate);
  return (
    <div>
      <p>
        <span className="font-medium">{t("history.changedItem")}</span>
        {t("punctuation.colon", { ns: "common" })} {title}
      </p>
      <dl className="mt-1 flex flex-col gap-1 border-l-2 border-line pl-3">
        {change.fields.map((field) => (
          <div key={field}>
            <dt className="text-sm font-semibold text-muted">
              {t(`fieldNames.${field as "date"}`, { defaultValue: field })}
            </dt>
            <dd>
              <TextDiff
                before={text(change.before.content, field)}
                after={text(change.item.content, field)}
              />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
