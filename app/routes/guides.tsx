import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { localize } from "#app/modules/content/localize.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { guideIds } from "#app/modules/guides/guides.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/guides";

/** Every conversation guide, for anyone: a manager can read one before any case exists. */
export async function loader({ request }: Route.LoaderArgs) {
  const guides = await loadGuides();
  const language = languageOfRequest(request);
  return {
    guides: guideIds.map((id) => ({
      id,
      title: localize(guides[id].title, language),
      summary: localize(guides[id].summary, language),
    })),
  };
}

export default function Guides({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("list.title")} intro={<p>{t("list.intro")}</p>} />
      <ul className="flex flex-col gap-3">
        {loaderData.guides.map((guide) => (
          <li key={guide.id} className="item-card">
            <h2 className="text-lg font-semibold">
              <Link to={guide.id} className="text-brand-800 underline">
                {guide.title}
              </Link>
            </h2>
            <p className="text-muted">{guide.summary}</p>
          </li>
        ))}
      </ul>
      <p>
        {t("list.hubIntro")}{" "}
        <Link to="/hub" className="font-semibold text-brand-700 underline">
          {t("hub.title")}
        </Link>
      </p>
    </div>
  );
}
