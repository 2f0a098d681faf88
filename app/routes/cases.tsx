import { Form, Link, redirect } from "react-router";
import { BillingBanner } from "#app/components/billing-notices.tsx";
import { CaseList } from "#app/components/cases/case-list.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { ButtonLink, buttonClasses } from "#app/components/ui/button.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { billingBannerFor } from "#app/modules/billing/billing.server.ts";
import { listCasePage } from "#app/modules/cases/case-list.server.ts";
import { parseCaseListQuery } from "#app/modules/cases/case-list.ts";
import { assignedCasesEverywhere } from "#app/modules/cross-organization.server.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases";

export async function loader(args: Route.LoaderArgs) {
  const { actor, membership, tdb } = requireMember(args);
  if (actor.role === "PHYSICIAN") {
    // A physician's cases span every organisation they work for.
    const assigned = await assignedCasesEverywhere(actor.userId);
    return {
      physician: assigned.map((record) => ({
        id: record.id,
        kind: record.kind,
        status: record.status,
        organizationId: record.organization.id,
        organizationName: record.organization.name,
        employeeName: record.employee?.name ?? null,
        latestVersion: record.versions[0]?.number ?? null,
        latestReview: record.reviews[0] ?? null,
      })),
      currentOrganizationId: actor.organizationId,
      organizationName: membership.organizationName,
      role: actor.role,
      mayOpen: false,
      billingBanner: null,
      cases: [],
      page: null,
    };
  }
  // The address is the list's whole state: filters and the page (app/modules/cases/case-list.ts).
  const query = parseCaseListQuery(new URL(args.request.url).searchParams);
  if (!query) badRequest();
  const page = await listCasePage(tdb, actor, query);
  const paged = query.after !== null || query.before !== null;
  const attention = query.attention ?? "all";
  const unfiltered = query.status === "all" && query.q === "" && attention === "all" && !paged;
  // An employee usually has one plan: "Your plan" goes straight to it.
  const [only] = page.cases;
  if (actor.role === "EMPLOYEE" && unfiltered && page.cases.length === 1 && !page.next && only)
    throw redirect(`/cases/${only.id}`);
  return {
    physician: null,
    currentOrganizationId: actor.organizationId,
    organizationName: membership.organizationName,
    role: actor.role,
    mayOpen: can(actor, "cases.open"),
    billingBanner: await billingBannerFor(actor),
    cases: page.cases.map(({ caseRole, ...record }) => ({
      ...record,
      // HR, an owner or a manager may also be the employee of a case of their own.
      isOwn: caseRole === "EMPLOYEE",
    })),
    page: {
      filters: { status: query.status, q: query.q, attention },
      total: page.total,
      moreThanTotal: page.moreThanTotal,
      counted: page.counted,
      next: page.next,
      previous: page.previous,
      paged,
    },
  };
}

export default function Cases({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("cases");
  const { cases, page, mayOpen, role, organizationName, physician } = loaderData;
  if (physician || !page)
    return (
      <PhysicianCases
        cases={physician ?? []}
        currentOrganizationId={loaderData.currentOrganizationId}
      />
    );
  const everyone = role === "OWNER" || role === "HR";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader
          title={role === "EMPLOYEE" ? t("list.titleEmployee") : t("list.title")}
          intro={everyone ? t("list.introHr", { organization: organizationName }) : t("list.intro")}
        />
        {mayOpen ? <ButtonLink to="/cases/new">{t("list.open")}</ButtonLink> : null}
      </div>
      {loaderData.billingBanner ? <BillingBanner banner={loaderData.billingBanner} /> : null}
      <CaseList
        {...page}
        cases={cases}
        filterable={role !== "EMPLOYEE"}
        employee={role === "EMPLOYEE"}
      />
    </div>
  );
}

type PhysicianCase = NonNullable<Route.ComponentProps["loaderData"]["physician"]>[number];

/** The physician's cases in every organisation; opening one in another organisation switches to it first. */
function PhysicianCases({
  cases,
  currentOrganizationId,
}: {
  cases: PhysicianCase[];
  currentOrganizationId: string;
}) {
  const { t } = useTranslation("physician");
  const { t: tc } = useTranslation("cases");
  const organizations = [
    ...new Map(cases.map((record) => [record.organizationId, record.organizationName])).entries(),
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("list.title")} intro={t("list.intro")} />
      {cases.length === 0 ? <p className="text-lg text-muted">{t("list.empty")}</p> : null}
      {organizations.map(([organizationId, organizationName]) => (
        <section
          key={organizationId}
          aria-labelledby={`org-${organizationId}`}
          className="flex flex-col gap-3"
        >
          <h2 id={`org-${organizationId}`} className="text-xl font-semibold">
            {organizationName}
          </h2>
          <ul className="flex flex-col gap-3">
            {cases
              .filter((record) => record.organizationId === organizationId)
              .map((record) => (
                <li
                  key={record.id}
                  className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-surface p-4"
                >
                  <div>
                    <p className="text-lg font-semibold">{record.employeeName ?? "—"}</p>
                    <p className="text-muted">
                      {tc(`caseKinds.${record.kind}`, { ns: "common" })} ·{" "}
                      {tc(`caseStatuses.${record.status}`, { ns: "common" })} ·{" "}
                      {record.latestVersion === null
                        ? t("list.noVersion")
                        : record.latestReview?.versionNumber === record.latestVersion
                          ? t("list.reviewedOutcome", {
                              number: record.latestVersion,
                              outcome: t(`list.outcomes.${record.latestReview.outcome}`),
                            })
                          : t("list.notReviewed", { number: record.latestVersion })}
                    </p>
                  </div>
                  {record.organizationId === currentOrganizationId ? (
                    <Link to={`/cases/${record.id}`} className={buttonClasses("secondary")}>
                      {t("list.open")} <span className="sr-only">{record.employeeName}</span>
                    </Link>
                  ) : (
                    <Form method="post" action="/organizations">
                      <input type="hidden" name="organizationId" value={record.organizationId} />
                      <input type="hidden" name="redirectTo" value={`/cases/${record.id}`} />
                      <button type="submit" className={buttonClasses("secondary")}>
                        {t("list.open")} <span className="sr-only">{record.employeeName}</span>
                      </button>
                    </Form>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
