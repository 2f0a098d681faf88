import { type ReactNode, useId } from "react";
import { cx } from "#app/components/ui/cx.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Cell, View } from "#app/modules/insights/figures.ts";

/**
 * The figures of one view of the insights, each with what it means in plain
 * words. A figure the group rule holds back says "Too few to show"; nothing
 * here links to a case or a person.
 */
export function InsightsView({ view, year }: { view: View; year: number }) {
  const { t, i18n } = useTranslation("insights");
  const { t: tc } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const show = (cell: Cell, format: (value: number) => string = (v) => number.format(v)) =>
    cell.shown ? format(cell.value) : <TooFew />;
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <Figure title={t("cases.title")}>
        <Figures
          rows={[
            { label: t("cases.opened", { year }), value: show(view.cases) },
            { label: t("cases.open"), value: show(view.open) },
            { label: t("cases.closed"), value: show(view.closed) },
          ]}
        />
      </Figure>

      <Figure title={t("plan.title")}>
        <Figures
          rows={[
            {
              label: t("plan.median"),
              value: !view.planMedian.shown ? (
                <TooFew />
              ) : view.planMedian.days === null ? (
                t("plan.none")
              ) : (
                t("plan.days", { count: view.planMedian.days })
              ),
            },
            {
              label: t("plan.withPlan"),
              value: view.planMedian.shown ? number.format(view.planMedian.cases) : <TooFew />,
            },
          ]}
        />
        <p className="mt-3 text-sm text-muted">{t("plan.explain")}</p>
      </Figure>

      <Figure title={t("returns.title")}>
        <Figures
          rows={[
            { label: t("returns.started"), value: show(view.returns.started) },
            { label: t("returns.sustained"), value: show(view.returns.sustained) },
            { label: t("returns.absentAgain"), value: show(view.returns.absentAgain) },
            {
              label: t("returns.share"),
              value: show(view.returns.sharePercent, (value) => t("returns.percent", { value })),
            },
          ]}
        />
        <p className="mt-3 text-sm text-muted">
          {t("returns.explain", {
            returning: tc("caseStatuses.RETURNING"),
            back: tc("caseStatuses.SUSTAINED"),
            absent: tc("caseStatuses.ABSENT"),
          })}
        </p>
      </Figure>

      <Figure title={t("closing.title")}>
        <Table
          caption={t("closing.title")}
          headings={[t("closing.reason"), t("closing.cases")]}
          rows={view.closing.map((row) => ({
            label: tc(`closingCategories.${row.category}`, { ns: "cases" }),
            values: [show(row.cases)],
          }))}
        />
        <p className="mt-3 text-sm text-muted">{t("closing.explain")}</p>
      </Figure>

      <Figure title={t("adjustments.title")} className="md:col-span-2">
        <Table
          caption={t("adjustments.title")}
          headings={[t("adjustments.category"), t("adjustments.cases"), t("adjustments.count")]}
          rows={view.adjustments.map((row) => ({
            label: t(`adjustments.groups.${row.group}`),
            values: [show(row.cases), show(row.adjustments)],
          }))}
        />
        <p className="mt-3 text-sm text-muted">{t("adjustments.explain")}</p>
      </Figure>
    </div>
  );
}

/** A card with its heading, as a region named by it: screen readers can jump between figures. */
function Figure({
  title,
  className,
  children,
}: {
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={cx(
        "min-w-0 rounded-xl border border-line bg-surface p-5 shadow-xs sm:p-6",
        className,
      )}
    >
      <h2 id={id} className="mb-2 text-lg font-semibold text-ink">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TooFew() {
  const { t } = useTranslation("insights");
  return <span className="text-muted italic">{t("tooFew")}</span>;
}

function Figures({ rows }: { rows: Array<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="divide-y divide-line">
      {rows.map(({ label, value }) => (
        <div key={label} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
          <dt>{label}</dt>
          <dd className="font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: Array<{ label: string; values: ReactNode[] }>;
}) {
  return (
    // On a narrow phone a long word ("verantwoordelijkheden") may break
    // anywhere rather than make the page scroll sideways (WCAG 1.4.10).
    <table className="w-full text-left wrap-anywhere">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-sm text-muted">
          {headings.map((heading, index) => (
            <th key={heading} scope="col" className={index > 0 ? "py-2 pl-3 text-right" : "py-2"}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {rows.map(({ label, values }) => (
          <tr key={label}>
            <th scope="row" className="py-2 font-normal">
              {label}
            </th>
            {values.map((value, index) => (
              <td
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                key={index}
                className="py-2 pl-3 text-right font-semibold tabular-nums"
              >
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
