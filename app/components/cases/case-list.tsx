import { Form, Link } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import {
  type AttentionFilter,
  attentionFilters,
  type CaseCursor,
  caseListHref,
  maxSearchLength,
  type StatusFilter,
  statusFilters,
} from "#app/modules/cases/case-list.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Filters = { status: StatusFilter; q: string; attention: AttentionFilter };

type CaseEntry = {
  id: string;
  kind: "OWN_HEALTH" | "CARER";
  status: CaseCursor["status"];
  employeeName: string | null;
  employeeErased: boolean;
  invitedEmail: string | null;
  managerName: string;
  agreedVersion: number | null;
  isOwn: boolean;
};

type Props = {
  filters: Filters;
  cases: CaseEntry[];
  total: number;
  moreThanTotal: boolean;
  /** False with an attention filter over more than a page: `total` is then the page's cases. */
  counted: boolean;
  next: string | null;
  previous: string | null;
  /** Whether this is a page further on (the address has a cursor). */
  paged: boolean;
  /** Whether to offer the search and the filters (not to employees, who have a plan or two). */
  filterable: boolean;
  /** Whether the reader is an employee: no "your own plan" badge, everything is theirs. */
  employee: boolean;
};

/**
 * The employer side's case list: a search, a status filter and "needs
 * attention" (a plain GET form, so it works without JavaScript and the
 * address keeps the state), how many cases match (announced when it
 * changes; with "needs attention" only what the page shows, as they are not
 * counted), one page of cases and the links to the pages around it.
 */
export function CaseList(props: Props) {
  const { t } = useTranslation("cases");
  const { filters, cases, total, moreThanTotal, counted, next, previous, paged } = props;
  const filtered = filters.status !== "all" || filters.q !== "" || filters.attention !== "all";
  const summary =
    cases.length === 0
      ? filtered || paged
        ? filters.attention !== "all"
          ? t("list.noMatchAttention")
          : t("list.noMatch")
        : t("list.empty")
      : !counted
        ? t("list.countPage", { count: cases.length })
        : moreThanTotal
          ? t("list.countMore", { count: total })
          : t("list.count", { count: total });
  return (
    <>
      {props.filterable ? <CaseFilters filters={filters} filtered={filtered} /> : null}
      <p role="status" className="text-lg font-medium" data-testid="case-list-summary">
        {summary}
      </p>
      {cases.length > 0 ? (
        <ul className="flex flex-col gap-3" data-testid="case-list">
          {cases.map((record) => (
            <CaseItem key={record.id} record={record} employee={props.employee} />
          ))}
        </ul>
      ) : null}
      {paged || previous || next ? (
        <nav aria-label={t("list.pages")}>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {paged ? <PageLink to={caseListHref(filters)} label={t("list.firstPage")} /> : null}
            {previous ? (
              <PageLink
                to={caseListHref(filters, { before: previous })}
                label={t("list.previousPage")}
                rel="prev"
              />
            ) : null}
            {next ? (
              <PageLink
                to={caseListHref(filters, { after: next })}
                label={t("list.nextPage")}
                rel="next"
              />
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

function CaseFilters({ filters, filtered }: { filters: Filters; filtered: boolean }) {
  const { t } = useTranslation("cases");
  const label = (filter: StatusFilter) =>
    filter === "all"
      ? t("list.allCases")
      : filter === "open"
        ? t("list.allOpen")
        : t(`caseStatuses.${filter.toUpperCase() as "CLOSED"}`, { ns: "common" });
  const attentionLabels: Record<AttentionFilter, string> = {
    all: t("list.attentionAll"),
    late: t("list.attentionLate"),
    due: t("list.attentionDue"),
    waiting: t("list.attentionWaiting"),
  };
  return (
    <Form
      method="get"
      action="/cases"
      role="search"
      aria-label={t("list.filters")}
      // A new address starts the fields from it again (a link back to all cases, the back button).
      key={`${filters.status}|${filters.attention}|${filters.q}`}
      className="flex flex-wrap items-end gap-4 rounded-xl border border-line bg-surface p-4"
    >
      <div className="min-w-0 flex-1 basis-64">
        <TextField
          id="case-search"
          name="q"
          type="search"
          label={t("list.search")}
          hint={t("list.searchHint")}
          defaultValue={filters.q}
          maxLength={maxSearchLength}
          autoComplete="off"
        />
      </div>
      <div className="min-w-0 basis-56">
        <SelectField
          id="case-status"
          name="status"
          label={t("list.statusFilter")}
          defaultValue={filters.status}
          options={statusFilters.map((filter) => ({ value: filter, label: label(filter) }))}
        />
      </div>
      <div className="min-w-0 basis-56">
        <SelectField
          id="case-attention"
          name="attention"
          label={t("list.attentionFilter")}
          defaultValue={filters.attention}
          options={attentionFilters.map((filter) => ({
            value: filter,
            label: attentionLabels[filter],
          }))}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant="secondary">
          {t("list.show")}
        </Button>
        {filtered ? (
          <Link
            to="/cases"
            className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
          >
            {t("list.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function CaseItem({ record, employee }: { record: CaseEntry; employee: boolean }) {
  const { t } = useTranslation("cases");
  return (
    <li className="rounded-xl border border-line bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link
            to={`/cases/${record.id}`}
            className="text-lg font-semibold text-brand-800 underline"
          >
            {record.employeeName ?? t("list.invited", { email: record.invitedEmail ?? "" })}
          </Link>
          {record.employeeErased ? (
            <span className="ml-2 rounded-md border border-line bg-canvas px-2 py-0.5 text-sm font-semibold text-muted">
              {t("list.erased")}
            </span>
          ) : null}
          {record.isOwn && !employee ? (
            <span className="ml-2 rounded-md border border-brand-200 bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-800">
              {t("list.yours")}
            </span>
          ) : null}
          <p className="text-muted">
            {t(`caseKinds.${record.kind}`, { ns: "common" })} · {t("list.manager")}
            {t("punctuation.colon", { ns: "common" })} {record.managerName}
          </p>
        </div>
        <div className="text-right">
          <p className="font-medium">{t(`caseStatuses.${record.status}`, { ns: "common" })}</p>
          <p className="text-sm text-muted">
            {record.agreedVersion
              ? t("list.agreedVersion", { number: record.agreedVersion })
              : t("list.noAgreedVersion")}
          </p>
        </div>
      </div>
    </li>
  );
}

function PageLink({ to, label, rel }: { to: string; label: string; rel?: string }) {
  return (
    <li>
      <Link
        to={to}
        rel={rel}
        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
      >
        {label}
      </Link>
    </li>
  );
}
