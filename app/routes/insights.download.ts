import { requireMember } from "#app/modules/auth/request.server.ts";
import { badRequest, forbidden } from "#app/modules/http/errors.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { insightsCsv, insightsFilename } from "#app/modules/insights/csv.ts";
import { readInsights } from "#app/modules/insights/insights.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/insights.download";

/**
 * GET /insights/download?year=&department=: the CSV of exactly the view the
 * insights page shows for the same address, in the reader's language.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, membership, tdb } = requireMember(args);
  if (!can(actor, "insights.view")) forbidden();
  const insights = await readInsights(tdb, new URL(args.request.url).searchParams);
  if (!insights) badRequest();
  const { query, view } = insights;
  const i18n = serverI18n(languageOfRequest(args.request));
  const body = insightsCsv(
    view,
    { organization: membership.organizationName ?? "", ...query },
    i18n.getFixedT(null, "insights"),
    i18n.getFixedT(null, "common"),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${insightsFilename(query.year, query.department)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
