import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { localize } from "#app/modules/content/localize.ts";
import { loadHub } from "#app/modules/hub/hub.server.ts";
import { hubCountries, hubPageIds, hubTopics } from "#app/modules/hub/hub.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/hub";

/**
 * The information hub: rules, rights, roles, where to get help and carers'
 * leave, per country. Public: an employee may read it before telling anyone.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const hub = await loadHub();
  const language = languageOfRequest(request);
  return {
    countries: hubCountries.map((country) => ({
      country,
      pages: hubPageIds
        .map((id) => hub[id])
        .filter((page) => page.country === country)
        .sort((a, b) => hubTopics.indexOf(a.topic) - hubTopics.indexOf(b.topic))
        .map((page) => ({
          id: page.id,
          title: localize(page.title, language),
          summary: localize(page.summary, language),
        })),
    })),
  };
}

export default function Hub({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <PageHeader title={t("hub.title")} intro={<p>{t("hub.intro")}</p>} />
      {loaderData.countries.map(({ country, pages }) => (
        <section key={country} aria-labelledby={`hub-${country}`} className="flex flex-col gap-3">
          <h2 id={`hub-${country}`} className="text-2xl font-bold">
            {t(`countries.${country}`, { ns: "common" })}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {pages.map((page) => (
              <li key={page.id} className="item-card">
                <h3 className="font-semibold">
                  <Link to={page.id} className="text-brand-800 underline">
                    {page.title}
                  </Link>
                </h3>
                <p className="text-muted">{page.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        {t("hub.guidesIntro")}{" "}
        <Link to="/guides" className="font-semibold text-brand-700 underline">
          {t("list.title")}
        </Link>
      </p>
    </div>
  );
}
