import { Form, Link } from "react-router";
import { Button, buttonClasses } from "#app/components/ui/button.tsx";
import { OpenLink, useIsOpen } from "#app/components/ui/open-link.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Search = { query: string; effect: string; results: string[] | null };

type Props = {
  catalogue: CatalogueView;
  search: Search;
  suggested: string[];
  /** Whether the reader can propose (one of the two sides). */
  canPropose: boolean;
};

/**
 * The adjustments catalogue next to the plan: suggestions for the effects the
 * plan names, and a search by words and effect that opens on request (and
 * stays open while it has words or an effect). Choosing one opens the
 * proposal form with it filled in. Plain links and a GET form, so it works
 * without JavaScript.
 */
export function CatalogueFinder({ catalogue, search, suggested, canPropose }: Props) {
  const { t } = useTranslation("plans");
  const searching = useIsOpen("search") || search.results !== null;
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-brand-50 p-4">
      {suggested.length > 0 ? (
        <div>
          <h3 className="font-semibold text-brand-900">{t("catalogue.suggestedHeading")}</h3>
          <p className="mb-2 text-sm text-muted">{t("catalogue.suggestedIntro")}</p>
          <ul className="grid gap-2 sm:grid-cols-2">
            {suggested.map((id) => (
              <CatalogueEntry key={id} id={id} catalogue={catalogue} canPropose={canPropose} />
            ))}
          </ul>
        </div>
      ) : null}
      <div>
        <h3 className="font-semibold text-brand-900">{t("catalogue.heading")}</h3>
        <p className="mb-2 text-sm text-muted">{t("catalogue.intro", { count: catalogue.size })}</p>
        {searching ? (
          <SearchForm catalogue={catalogue} search={search} canPropose={canPropose} />
        ) : (
          <OpenLink name="search" className={buttonClasses("secondary")}>
            {t("catalogue.openSearch")}
          </OpenLink>
        )}
      </div>
    </div>
  );
}

function CatalogueEntry({
  id,
  catalogue,
  canPropose,
}: {
  id: string;
  catalogue: CatalogueView;
  canPropose: boolean;
}) {
  const { t } = useTranslation("plans");
  const adjustment = catalogue.adjustments.find((candidate) => candidate.id === id);
  if (!adjustment) return null;
  return (
    <li className="rounded-lg border border-line bg-surface p-3">
      <p className="font-semibold">{adjustment.title}</p>
      <p className="text-sm text-muted">{adjustment.description}</p>
      {canPropose ? (
        <Link
          to={`?adjustment=${id}#adjustment`}
          preventScrollReset
          discover="none"
          className="mt-1 inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
          aria-label={`${t("catalogue.proposeThis")}: ${adjustment.title}`}
        >
          {t("catalogue.proposeThis")}
        </Link>
      ) : null}
    </li>
  );
}

/** Searching the catalogue by words and effect, with what it found. */
function SearchForm({
  catalogue,
  search,
  canPropose,
}: {
  catalogue: CatalogueView;
  search: Search;
  canPropose: boolean;
}) {
  const { t } = useTranslation("plans");
  return (
    <>
      <Form
        method="get"
        id="search"
        preventScrollReset
        discover="none"
        className="flex flex-wrap items-end gap-3"
        action="#adjustment"
      >
        {/* Stays open after a search, also one without words or an effect. */}
        <input type="hidden" name="open" value="search" />
        <label className="flex max-w-full flex-col gap-1">
          <span className="font-medium">{t("catalogue.search")}</span>
          <input
            type="search"
            name="q"
            defaultValue={search.query}
            className="min-h-11 max-w-full rounded-lg border border-line bg-surface px-3"
          />
        </label>
        <label className="flex min-w-0 max-w-full flex-col gap-1">
          <span className="font-medium">{t("catalogue.effect")}</span>
          <select
            name="effect"
            defaultValue={search.effect}
            className="min-h-11 max-w-full rounded-lg border border-line bg-surface px-3"
          >
            <option value="">{t("catalogue.anyEffect")}</option>
            {catalogue.effects.map((effect) => (
              <option key={effect.id} value={effect.id}>
                {effect.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("catalogue.find")}
        </Button>
      </Form>
      {search.results ? (
        <>
          <p role="status" className="mt-3 font-medium">
            {t("catalogue.results", { count: search.results.length })}
          </p>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {search.results.map((id) => (
              <CatalogueEntry key={id} id={id} catalogue={catalogue} canPropose={canPropose} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
