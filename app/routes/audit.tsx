import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { listAuditEvents, verifyChain } from "#app/modules/audit/audit.server.ts";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { employeeNamesOfCases } from "#app/modules/cases/cases.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { forbidden } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/audit";

export async function loader(args: Route.LoaderArgs) {
  const { membership, actor, tdb } = requireMember(args);
  if (!can(actor, "audit.view")) forbidden();
  const [events, chain] = await Promise.all([
    listAuditEvents(tdb),
    verifyChain(tdb.organizationId),
  ]);
  const caseIds = [...new Set(events.flatMap((event) => (event.caseId ? [event.caseId] : [])))];
  const employees = await employeeNamesOfCases(tdb, caseIds);
  return {
    organizationName: membership.organizationName,
    events: events.map((event) => ({
      ...event,
      employee: event.caseId ? (employees.get(event.caseId) ?? "") : "",
    })),
    chain,
  };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auth");
  const { organizationName, events, chain } = loaderData;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const role = (value: string | undefined) => (value ? t(`roles.${value as "HR"}`) : "");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("audit.title")}
        intro={t("audit.intro", { organization: organizationName })}
      />
      <p>
        <Link to="/privacy" className="font-medium text-brand-700 underline">
          {t("recordsOfProcessing")}
        </Link>
      </p>
      {chain.valid ? (
        <Notice>{t("audit.intact")}</Notice>
      ) : (
        <FormError errors={[errorMessage("auth:audit.broken", { seq: chain.seq })]} />
      )}
      {events.length === 0 ? <p className="text-muted">{t("audit.empty")}</p> : null}
      {/* On a phone the table scrolls sideways: keyboard users reach that by
          focusing the region (WCAG 2.1.1); the focus ring shows where they are. */}
      <section
        aria-labelledby="audit-caption"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard
        tabIndex={0}
        className="overflow-x-auto rounded-xl border border-line bg-surface"
        data-testid="audit-scroll"
      >
        <table className="w-full text-left text-sm">
          <caption id="audit-caption" className="sr-only">
            {t("audit.title")}
          </caption>
          <thead className="border-b border-line bg-canvas">
            <tr>
              <th scope="col" className="px-4 py-2 font-semibold">
                {t("audit.when")}
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                {t("audit.who")}
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                {t("audit.what")}
              </th>
              <th scope="col" className="px-4 py-2 font-semibold">
                {t("audit.from")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {events.map((event) => (
              <tr key={event.id}>
                <td className="px-4 py-2 whitespace-nowrap">{when.format(event.at)}</td>
                <td className="px-4 py-2">{event.who ?? event.subject ?? t("audit.nobody")}</td>
                <td className="px-4 py-2">
                  {t(`audit.actions.${event.action}`, {
                    role: role(event.data.role),
                    from: role(event.data.from),
                    to: role(event.data.to),
                    employee: event.employee,
                    number: event.data.number ?? "",
                  })}
                </td>
                <td className="px-4 py-2 font-mono text-xs text-muted">{event.ipAddress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
