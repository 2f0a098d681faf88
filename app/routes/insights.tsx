import { Form, Link } from "react-router";
import { InsightsView } from "#app/components/insights/insights-view.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button, buttonClasses } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { Notice } from "#app/components/ui/form-error.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { badRequest, forbidden } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { readInsights } from "#app/modules/insights/insights.server.ts";
import { insightsHref } from "#app/modules/insights/query.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/insights";

/**
 * /insights?year=&department=: figures about groups of cases for HR and
 * owners, never about a person (app/modules/insights). The filters are a
 * plain GET form, so a view can be bookmarked and works without JavaScript.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, membership, tdb } = requireMember(args);
  if (!can(actor, "insights.view")) forbidden();
  const insights = await readInsights(tdb, new URL(args.request.url).searchParams);
  if (!insights) badRequest();
  return { organizationName: membership.organizationName, ...insights };
}

export default function Insights({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("insights");
  const { choices, query, view, organizationName } = loaderData;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro", { organization: organizationName ?? "" })} />
      <Form
        method="get"
        className="flex flex-wrap items-end gap-4 rounded-xl border border-line bg-surface p-4"
        aria-label={t("filters.legend")}
      >
        <label className="flex flex-col gap-1.5 font-semibold">
          {t("filters.year")}
          <select
            name="year"
            defaultValue={query.year}
            key={`year-${query.year}`}
            className="min-h-11 rounded-lg border border-line bg-surface px-3 font-normal"
          >
            {choices.years.toReversed().map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        {choices.departments.length > 0 ? (
          <label className="flex min-w-0 flex-col gap-1.5 font-semibold">
            {t("filters.department")}
            <select
              name="department"
              defaultValue={query.department ?? ""}
              key={`department-${query.department}`}
              className="min-h-11 max-w-full rounded-lg border border-line bg-surface px-3 font-normal"
            >
              <option value="">{t("filters.allDepartments")}</option>
              {choices.departments.map((department) => (
                <option key={department} value={department}>
                  {department}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button type="submit" variant="secondary">
          {t("filters.show")}
        </Button>
        <Link
          to={insightsHref(query, choices, "/insights/download")}
          reloadDocument
          download
          className={buttonClasses("ghost")}
        >
          {t("filters.download")}
        </Link>
      </Form>
      <p className="font-medium" data-testid="insights-showing">
        {query.department === null
          ? t("showing", { year: query.year })
          : t("showingDepartment", { year: query.year, department: query.department })}
      </p>
      {query.department !== null && !view.cases.shown ? (
        <Notice>{t("departmentHidden")}</Notice>
      ) : null}
      <InsightsView view={view} year={query.year} />
      <Card title={t("about.title")}>
        <p>{t("about.groupRule")}</p>
        <p className="mt-2">{t("about.periods")}</p>
      </Card>
    </div>
  );
}
