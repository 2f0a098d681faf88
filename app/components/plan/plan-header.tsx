import { Link } from "react-router";
import { formatMomentDate } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Side } from "#app/modules/plans/agreement.ts";

type Props = {
  caseView: {
    kind: "OWN_HEALTH" | "CARER";
    country: "NL" | "BE" | "UK";
    status: "PREPARING" | "ABSENT" | "RETURNING" | "SUSTAINED" | "CLOSED";
    employeeName: string | null;
    employeeErasedNotice: string | null;
    invitedEmail: string | null;
    managerName: string;
    physicianName: string | null;
    isEmployee: boolean;
    isPhysician: boolean;
  };
  mayManage: boolean;
  /** For the employee: a conversation they can prepare for. */
  plannedConversation: string | null;
};

/** The plan page's title, who takes part, and the links to the case's other pages. */
export function PlanHeader({ caseView, mayManage, plannedConversation }: Props) {
  const { t } = useTranslation("plans");
  const title = caseView.isEmployee
    ? t("titleOwn")
    : caseView.employeeName
      ? t("title", { name: caseView.employeeName })
      : t("titleInvited", { email: caseView.invitedEmail ?? "" });
  return (
    <header className="flex flex-col gap-2">
      <title>{`${title} · Werkpad`}</title>
      <h1 className="text-3xl font-bold tracking-tight text-ink">{title}</h1>
      <p className="text-lg text-muted">
        {t("facts", {
          kind: t(`caseKinds.${caseView.kind}`, { ns: "common" }),
          country: t(`countries.${caseView.country}`, { ns: "common" }),
          status: t(`caseStatuses.${caseView.status}`, { ns: "common" }),
        })}
      </p>
      {caseView.employeeErasedNotice ? (
        <p className="font-medium">{caseView.employeeErasedNotice}</p>
      ) : null}
      <p className="text-muted">
        {t("people", {
          manager: caseView.managerName,
          physician: caseView.physicianName ?? t("noPhysician"),
        })}
      </p>
      <nav className="flex flex-wrap gap-3" aria-label={t("historyLink")}>
        {caseView.isEmployee ? (
          <Link to="notes" className="case-link">
            {t("notesLink")}
          </Link>
        ) : null}
        <Link to="versions" className="case-link">
          {t("historyLink")}
        </Link>
        {caseView.isPhysician ? null : (
          <Link to="conversations" className="case-link">
            {t("conversationsLink")}
          </Link>
        )}
        <Link to="agreements" className="case-link">
          {t("agreementsLink")}
        </Link>
        <Link to="timeline" className="case-link">
          {t("rulesLink")}
        </Link>
        {caseView.isEmployee ? (
          <Link to="passport" className="case-link">
            {t("passportLink")}
          </Link>
        ) : null}
        {mayManage ? (
          <Link to="edit" className="case-link">
            {t("editCase")}
          </Link>
        ) : null}
      </nav>
      {plannedConversation ? (
        <p className="rounded-lg border border-line bg-info-50 px-4 py-3 font-medium">
          <Link to={`conversations/${plannedConversation}`} className="text-brand-800 underline">
            {t("conversationPlanned")}
          </Link>
        </p>
      ) : null}
    </header>
  );
}

type StateProps = {
  side: Side | null;
  employeeName: string;
  items: Array<{ awaiting: Side | null }>;
  latestVersion: { number: number; contentHash: string; agreedAt: Date | string } | null;
  draftNumber: number | null;
};

/** Where the plan stands: the agreed version, the one being agreed, and whose turn it is. */
export function PlanState({
  side,
  employeeName,
  items,
  latestVersion: latest,
  draftNumber,
}: StateProps) {
  const { t, i18n } = useTranslation("plans");
  const otherSideName = side === "EMPLOYER" ? employeeName : t("sides.EMPLOYER");
  const waitingForMe = items.filter((item) => side && item.awaiting === side).length;
  const waitingForOther = items.filter((item) => item.awaiting && item.awaiting !== side).length;
  const date = (value: Date | string) => formatMomentDate(i18n.language, value);
  return (
    <section aria-labelledby="plan-state" className="rounded-xl border border-line bg-surface p-5">
      <h2 id="plan-state" className="text-lg font-semibold">
        {draftNumber === null && latest
          ? t("version.agreed", { number: latest.number, date: date(latest.agreedAt) })
          : latest
            ? t("version.draft", { number: draftNumber })
            : t("version.draftFirst")}
      </h2>
      {latest ? (
        <p className="mt-1 text-sm text-muted">
          {draftNumber !== null ? (
            <>
              <Link to={`versions/${latest.number}`} className="case-link">
                {t("version.readAgreed", { number: latest.number })}
              </Link>{" "}
              ·{" "}
            </>
          ) : null}
          <abbr title={t("version.fingerprintHelp")} className="no-underline">
            {t("version.fingerprint")}
          </abbr>
          {t("punctuation.colon", { ns: "common" })}{" "}
          <code className="font-mono" data-testid="plan-fingerprint">
            {latest.contentHash.slice(0, 16)}
          </code>
        </p>
      ) : null}
      <ul className="mt-3 flex flex-col gap-1">
        {waitingForMe > 0 ? (
          <li className="font-semibold text-brand-800">
            {t("version.waitingForYou", { count: waitingForMe })}
          </li>
        ) : null}
        {waitingForOther > 0 ? (
          <li className="text-muted">
            {t("version.waitingForOther", { count: waitingForOther, side: otherSideName })}
          </li>
        ) : null}
        {items.length === 0 ? (
          <li className="text-muted">{t("version.allAgreedNoItems")}</li>
        ) : null}
      </ul>
    </section>
  );
}
