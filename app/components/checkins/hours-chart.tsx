import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

export type WeekView = {
  weekStart: string;
  week: number | null;
  planned: { hours: number; agreed: boolean } | null;
  actual: number | null;
};

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number of hours the reader's way ("12,5" in Dutch and French). */
export function useNumber() {
  const { i18n } = useTranslation();
  let format = numberFormats.get(i18n.language);
  if (!format) {
    format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
    numberFormats.set(i18n.language, format);
  }
  return (value: number) => (format as Intl.NumberFormat).format(value);
}

const width = 640;
const height = 220;
const left = 40;
const right = 8;
const top = 16;
const bottom = 28;

/**
 * Planned hours (a line, dashed where the phase is still a proposal) against
 * hours worked (bars), week by week. Plain SVG drawn on the server (sizes are
 * attributes: the CSP forbids inline styles), an image with a title and a
 * description for screen readers, and the same numbers in a table under it.
 */
export function HoursChart({ weeks }: { weeks: WeekView[] }) {
  const { t, i18n } = useTranslation("checkins");
  const number = useNumber();
  if (weeks.length === 0) return <p className="text-muted">{t("chart.noHours")}</p>;
  const values = weeks.flatMap((row) => [row.planned?.hours ?? 0, row.actual ?? 0]);
  const maxHours = Math.max(8, Math.ceil(Math.max(...values) / 4) * 4);
  const band = (width - left - right) / weeks.length;
  const x = (index: number) => Math.round(left + index * band);
  const y = (hours: number) => Math.round(top + (1 - hours / maxHours) * (height - top - bottom));
  const labelEvery = Math.ceil(weeks.length / 8);
  const weekLabel = (row: WeekView) =>
    row.week !== null
      ? t("chart.week", { week: row.week })
      : t("chart.weekOf", { date: formatDay(i18n.language, row.weekStart) });
  const anyProposed = weeks.some((row) => row.planned && !row.planned.agreed);
  return (
    <div className="flex flex-col gap-3">
      <figure className="flex flex-col gap-3">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="h-auto w-full"
          role="img"
          aria-labelledby="hours-chart-title"
          aria-describedby="hours-chart-description"
        >
          <title id="hours-chart-title">{t("chart.hoursTitle")}</title>
          <desc id="hours-chart-description">{t("chart.hoursDescription")}</desc>
          {[0, maxHours / 2, maxHours].map((hours) => (
            <g key={hours}>
              <line
                x1={left}
                x2={width - right}
                y1={y(hours)}
                y2={y(hours)}
                className="stroke-line"
                strokeWidth={1}
              />
              <text
                x={left - 6}
                y={y(hours) + 4}
                textAnchor="end"
                className="fill-muted text-[12px]"
              >
                {number(hours)}
              </text>
            </g>
          ))}
          {weeks.map((row, index) =>
            row.actual !== null ? (
              <rect
                key={`actual-${row.weekStart}`}
                x={Math.round(x(index) + band * 0.2)}
                y={y(row.actual)}
                width={Math.max(2, Math.round(band * 0.6))}
                height={Math.max(1, y(0) - y(row.actual))}
                rx={3}
                className="fill-brand-600"
              />
            ) : null,
          )}
          {weeks.map((row, index) => {
            if (!row.planned) return null;
            const previous = weeks[index - 1]?.planned;
            const dash = row.planned.agreed ? undefined : "6 4";
            return (
              <g key={`planned-${row.weekStart}`} className="stroke-amber-700" strokeWidth={3}>
                <line
                  x1={x(index)}
                  x2={x(index + 1)}
                  y1={y(row.planned.hours)}
                  y2={y(row.planned.hours)}
                  strokeDasharray={dash}
                />
                {previous && previous.hours !== row.planned.hours ? (
                  <line
                    x1={x(index)}
                    x2={x(index)}
                    y1={y(previous.hours)}
                    y2={y(row.planned.hours)}
                    strokeDasharray={dash}
                  />
                ) : null}
              </g>
            );
          })}
          {weeks.map((row, index) =>
            index % labelEvery === 0 && row.week !== null ? (
              <text
                key={`label-${row.weekStart}`}
                x={Math.round(x(index) + band / 2)}
                y={height - 8}
                textAnchor="middle"
                className="fill-muted text-[12px]"
              >
                {row.week}
              </text>
            ) : null,
          )}
        </svg>
        <figcaption className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted">
          <span className="flex items-center gap-2">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4">
              <rect x={3} y={2} width={10} height={12} rx={2} className="fill-brand-600" />
            </svg>
            {t("chart.worked")}
          </span>
          <span className="flex items-center gap-2">
            <svg aria-hidden="true" viewBox="0 0 24 16" className="h-4 w-6">
              <line x1={0} x2={24} y1={8} y2={8} className="stroke-amber-700" strokeWidth={3} />
            </svg>
            {t("chart.planned")}
          </span>
          {anyProposed ? (
            <span className="flex items-center gap-2">
              <svg aria-hidden="true" viewBox="0 0 24 16" className="h-4 w-6">
                <line
                  x1={0}
                  x2={24}
                  y1={8}
                  y2={8}
                  className="stroke-amber-700"
                  strokeWidth={3}
                  strokeDasharray="6 4"
                />
              </svg>
              {t("chart.plannedProposed")}
            </span>
          ) : null}
          {weeks.some((row) => row.week !== null) ? <span>{t("chart.weekNumbers")}</span> : null}
        </figcaption>
      </figure>
      <div className="overflow-x-auto">
        <table className="w-full text-left" data-testid="hours-table">
          <caption className="sr-only">{t("chart.hoursTitle")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">
                {t("chart.weekColumn")}
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                {t("chart.plannedColumn")}
              </th>
              <th scope="col" className="py-2 text-right">
                {t("chart.workedColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.toReversed().map((row) => (
              <tr key={row.weekStart} className="border-b border-line/60">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {row.week !== null ? (
                    <>
                      <span className="font-semibold">{weekLabel(row)}</span>{" "}
                      <span className="text-muted">
                        {t("chart.from", { date: formatDay(i18n.language, row.weekStart) })}
                      </span>
                    </>
                  ) : (
                    weekLabel(row)
                  )}
                </th>
                <td className="py-2 pr-4 text-right">
                  {row.planned
                    ? row.planned.agreed
                      ? number(row.planned.hours)
                      : t("chart.proposedHours", { hours: number(row.planned.hours) })
                    : t("chart.none")}
                </td>
                <td className="py-2 text-right">
                  {row.actual !== null ? number(row.actual) : t("chart.notRecorded")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
