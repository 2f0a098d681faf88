import { Link } from "react-router";
import { Sources } from "#app/components/guides/guide-body.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { localize } from "#app/modules/content/localize.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { loadHub } from "#app/modules/hub/hub.server.ts";
import { hubPageIds } from "#app/modules/hub/hub.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/hub.$pageId";

/** One information page, with its terms explained, its sources and when it was last checked. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const id = hubPageIds.find((candidate) => candidate === params.pageId);
  if (!id) notFound();
  const hub = await loadHub();
  return { page: localize(hub[id], languageOfRequest(request)) };
}

export default function HubPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("guides");
  const { page } = loaderData;
  return (
    <article className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to="/hub" className="font-medium text-brand-700 underline">
          ← {t("hub.title")}
        </Link>
      </p>
      <PageHeader
        title={page.title}
        intro={
          <p>
            {t(`countries.${page.country}`, { ns: "common" })} · {page.summary}
          </p>
        }
      />
      {page.sections.map((section) => (
        <section key={section.heading} className="flex flex-col gap-2">
          <h2 className="text-xl font-semibold">{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {section.bullets.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5">
              {section.bullets.map((bullet) => (
                <li key={bullet}>{bullet}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      {page.terms.length > 0 ? (
        <section aria-labelledby="terms" className="item-card">
          <h2 id="terms" className="text-xl font-semibold">
            {t("hub.terms")}
          </h2>
          <dl className="mt-2 flex flex-col gap-2">
            {page.terms.map((term) => (
              <div key={term.id} id={term.id}>
                <dt className="font-semibold">{term.name}</dt>
                <dd>{term.short}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <Sources sources={page.sources} />
      <p className="text-sm text-muted">
        {t("hub.checked", { date: formatDay(i18n.language, page.checked) })}
      </p>
    </article>
  );
}
