import { Form, Link, redirect } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { ButtonLink, buttonClasses } from "#app/components/ui/button.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { listCases } from "#app/modules/cases/cases.server.ts";
import { assignedCasesEverywhere } from "#app/modules/cross-organization.server.ts";
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
      cases: [],
    };
  }
  const cases = await listCases(tdb, actor);
  // An employee usually has one plan: "Your plan" goes straight to it.
  const [only] = cases;
  if (actor.role === "EMPLOYEE" && cases.length === 1 && only) throw redirect(`/cases/${only.id}`);
  return {
    physician: null,
    currentOrganizationId: actor.organizationId,
    organizationName: membership.organizationName,
    role: actor.role,
    mayOpen: can(actor, "cases.open"),
    cases: cases.map((record) => ({
      id: record.id,
      kind: record.kind,
      status: record.status,
      employeeName: record.employee?.name ?? null,
      invitedEmail: record.invitedEmail,
      managerName: record.manager.name,
      agreedVersion: record.agreedVersion?.number ?? null,
      // HR, an owner or a manager may also be the employee of a case of their own.
      isOwn: record.caseRole === "EMPLOYEE",
    })),
  };
}

export default function Cases({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("cases");
  const { cases, mayOpen, role, organizationName, physician } = loaderData;
  if (physician)
    return (
      <PhysicianCases cases={physician} currentOrganizationId={loaderData.currentOrganizationId} />
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
      {cases.length === 0 ? <p className="text-lg text-muted">{t("list.empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {cases.map((record) => (
          <li key={record.id} className="rounded-xl border border-line bg-surface p-4">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <Link
                  to={`/cases/${record.id}`}
                  className="text-lg font-semibold text-brand-800 underline"
                >
                  {record.employeeName ?? t("list.invited", { email: record.invitedEmail ?? "" })}
                </Link>
                {record.isOwn && role !== "EMPLOYEE" ? (
                  <span className="ml-2 rounded-md border border-brand-200 bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-800">
                    {t("list.yours")}
                  </span>
                ) : null}
                <p className="text-muted">
                  {t(`kinds.${record.kind}`)} · {t("list.manager")}
                  {t("punctuation.colon", { ns: "common" })} {record.managerName}
                </p>
              </div>
              <div className="text-right">
                <p className="font-medium">{t(`statuses.${record.status}`)}</p>
                <p className="text-sm text-muted">
                  {record.agreedVersion
                    ? t("list.agreedVersion", { number: record.agreedVersion })
                    : t("list.noAgreedVersion")}
                </p>
              </div>
            </div>
          </li>
        ))}
      </ul>
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
                      {tc(`kinds.${record.kind}`)} · {tc(`statuses.${record.status}`)} ·{" "}
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
