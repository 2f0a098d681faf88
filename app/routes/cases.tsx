import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { ButtonLink } from "#app/components/ui/button.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { listCases } from "#app/modules/cases/cases.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import type { Route } from "./+types/cases";

export async function loader(args: Route.LoaderArgs) {
  const { actor, membership } = requireMember(args);
  const cases = await listCases(tenantDb(actor.organizationId), actor);
  // An employee usually has one plan: "Your plan" goes straight to it.
  const [only] = cases;
  if (actor.role === "EMPLOYEE" && cases.length === 1 && only) throw redirect(`/cases/${only.id}`);
  return {
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
    })),
  };
}

export default function Cases({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("cases");
  const { cases, mayOpen, role, organizationName } = loaderData;
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
                <p className="text-muted">
                  {t(`kinds.${record.kind}`)} · {t("list.manager")}: {record.managerName}
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
