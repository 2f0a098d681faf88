import { Link } from "react-router";
import { BillingBanner } from "#app/components/billing-notices.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { NextStep, TodoList } from "#app/components/todo-list.tsx";
import { ButtonLink } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { billingBannerFor } from "#app/modules/billing/billing.server.ts";
import { startPageFor } from "#app/modules/cases/start-page.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { can, seesEveryCase } from "#app/modules/policy/policy.ts";
import { type Todo, todosFor } from "#app/modules/todo/todo.server.ts";
import type { Route } from "./+types/app";

/** Each person's start page: what their role does, and a way to their plan or cases now. */
export async function loader(args: Route.LoaderArgs) {
  const { user, membership, actor, tdb } = requireMember(args);
  return {
    name: user.name,
    role: membership.role,
    organizationName: membership.organizationName,
    mayManageMembers: can(actor, "members.list"),
    mayOpenCases: can(actor, "cases.open"),
    mayReadRecords: can(actor, "privacy.view"),
    seesEveryCase: seesEveryCase(actor),
    ...(await startPageFor(tdb, actor)),
    billingBanner: await billingBannerFor(actor),
    todos: await todosFor(tdb, actor, languageOfRequest(args.request)),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("cases");
  const { t: tp } = useTranslation("physician");
  const { name, role, organizationName, mayManageMembers, mayOpenCases } = loaderData;
  const { ownPlans, cases, physicianCases, seesEveryCase } = loaderData;
  // Each case with its next step: the first thing that waits in it.
  const nextSteps = new Map<string, Todo>();
  for (const todo of loaderData.todos)
    if (!nextSteps.has(todo.caseId)) nextSteps.set(todo.caseId, todo);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("home.welcome", { name })}
        intro={t("home.yourRole", { role: t(`roles.${role}`), organization: organizationName })}
      />
      {loaderData.billingBanner ? <BillingBanner banner={loaderData.billingBanner} /> : null}
      <TodoList todos={loaderData.todos} employee={role === "EMPLOYEE"} />
      {ownPlans.map((plan) => (
        <Card key={plan.id} title={t("home.yourPlan")}>
          <p className="text-lg" data-testid="plan-next-step">
            {plan.waiting > 0
              ? t("home.planWaiting", { count: plan.waiting })
              : t("home.planNothingWaiting")}
          </p>
          <p className="mt-4 flex flex-wrap gap-3">
            <ButtonLink to={`/cases/${plan.id}`}>{t("home.openPlan")}</ButtonLink>
            <ButtonLink to={`/cases/${plan.id}/checkins`} variant="secondary">
              {t("home.checkIn")}
            </ButtonLink>
          </p>
        </Card>
      ))}
      {role === "EMPLOYEE" && ownPlans.length === 0 ? (
        <Card title={t("home.yourPlan")}>
          <p data-testid="plan-next-step">{t("home.noPlan")}</p>
        </Card>
      ) : null}

      {mayOpenCases || cases.total > 0 ? (
        <Card title={t("home.yourCases")}>
          {cases.total === 0 ? (
            <p className="text-muted">
              {seesEveryCase ? t("home.noCasesInOrganization") : t("home.noCases")}
            </p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="start-cases">
              {cases.shown.map((record) => (
                <li key={record.id} className="flex flex-wrap items-baseline gap-x-2">
                  <Link
                    to={`/cases/${record.id}`}
                    className="font-semibold text-brand-800 underline"
                  >
                    {record.employeeName ??
                      tc("list.invited", { email: record.invitedEmail ?? "" })}
                  </Link>
                  <span className="text-sm text-muted">
                    {tc(`caseStatuses.${record.status}`, { ns: "common" })}
                  </span>
                  <NextStep todo={nextSteps.get(record.id)} />
                </li>
              ))}
            </ul>
          )}
          <p className="mt-4 flex flex-wrap gap-3">
            {mayOpenCases ? <ButtonLink to="/cases/new">{tc("list.open")}</ButtonLink> : null}
            {cases.total > 0 ? (
              <ButtonLink to="/cases" variant="secondary">
                {t("home.allCases")}
              </ButtonLink>
            ) : null}
          </p>
        </Card>
      ) : null}

      {physicianCases ? (
        <Card title={t("home.yourCases")}>
          {physicianCases.total === 0 ? (
            <p className="text-muted">{tp("list.empty")}</p>
          ) : (
            <>
              <p>{t("home.physicianCases", { count: physicianCases.total })}</p>
              <ul className="mt-2 flex flex-col gap-1" data-testid="start-cases">
                {physicianCases.shown.map((record) => (
                  <li key={record.id}>
                    <span className="font-semibold">{record.employeeName ?? "—"}</span>{" "}
                    <span className="text-sm text-muted">{record.organizationName}</span>
                  </li>
                ))}
              </ul>
              <p className="mt-4">
                <ButtonLink to="/cases">{t("home.allCases")}</ButtonLink>
              </p>
            </>
          )}
        </Card>
      ) : null}

      <Card title={t("home.nextSteps")}>
        <p className="text-muted" data-testid="role-intro">
          {t(`home.${role}`)}
        </p>
        <p className="mt-4 flex flex-wrap gap-3">
          {mayManageMembers ? (
            <ButtonLink to="/members">{t("home.manageMembers")}</ButtonLink>
          ) : null}
          {loaderData.mayReadRecords ? (
            <ButtonLink to="/privacy" variant="secondary">
              {t("recordsOfProcessing")}
            </ButtonLink>
          ) : null}
          <ButtonLink to="/guides" variant="secondary">
            {t("nav.guides", { ns: "common" })}
          </ButtonLink>
          <ButtonLink to="/hub" variant="secondary">
            {t("nav.hub", { ns: "common" })}
          </ButtonLink>
          <ButtonLink to="/calendar" variant="secondary">
            {t("calendar.title")}
          </ButtonLink>
        </p>
      </Card>
    </div>
  );
}
