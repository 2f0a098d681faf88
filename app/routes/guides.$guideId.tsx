import { Link } from "react-router";
import { GuideBody, HubLinks, Sources } from "#app/components/guides/guide-body.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { localize } from "#app/modules/content/localize.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { guideIds } from "#app/modules/guides/guides.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { loadHub } from "#app/modules/hub/hub.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/guides.$guideId";

/** One guide, whole: to read before a conversation, or to print (the page prints cleanly). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const id = guideIds.find((candidate) => candidate === params.guideId);
  if (!id) notFound();
  const [guides, hub] = await Promise.all([loadGuides(), loadHub()]);
  const language = languageOfRequest(request);
  const guide = guides[id];
  return {
    guide: localize(guide, language),
    hubPages: guide.hub.flatMap((pageId) => {
      const page = hub[pageId as keyof typeof hub];
      return page ? [{ id: page.id, title: localize(page.title, language) }] : [];
    }),
  };
}

export default function GuidePage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  const { guide, hubPages } = loaderData;
  return (
    <article className="flex max-w-3xl flex-col gap-6">
      <p className="print:hidden">
        <Link to="/guides" className="font-medium text-brand-700 underline">
          ← {t("list.title")}
        </Link>
      </p>
      <PageHeader title={guide.title} intro={<p>{guide.summary}</p>} />
      <p className="print:hidden">
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          {t("guide.print")}
        </button>
      </p>
      <GuideBody guide={guide} />
      <HubLinks pages={hubPages} />
      <Sources sources={guide.sources} />
    </article>
  );
}
