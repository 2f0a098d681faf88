import { formatMomentDate } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

export type PulseView = {
  id: string;
  createdAt: Date | string;
  energy: number;
  workload: number;
  planFit: number;
};

const lines = [
  { field: "energy", className: "stroke-brand-600", marker: "fill-brand-600", dash: undefined },
  { field: "workload", className: "stroke-amber-700", marker: "fill-amber-700", dash: "8 5" },
  { field: "planFit", className: "stroke-info-700", marker: "fill-info-700", dash: "2 4" },
] as const;

const width = 640;
const height = 200;
const left = 28;
const right = 16;
const top = 16;
const bottom = 16;

/**
 * The pulse over time: energy, workload and how the plan works (1 to 5), one
 * line each, told apart by colour and by dash, oldest check-in on the left.
 * An image with a title and a description, and the same numbers in a table.
 */
export function PulseChart({ pulses }: { pulses: PulseView[] }) {
  const { t, i18n } = useTranslation("checkins");
  if (pulses.length === 0) return <p className="text-muted">{t("chart.noPulse")}</p>;
  const step = pulses.length > 1 ? (width - left - right) / (pulses.length - 1) : 0;
  const x = (index: number) =>
    Math.round(pulses.length > 1 ? left + index * step : (left + width - right) / 2);
  const y = (score: number) => Math.round(top + ((5 - score) / 4) * (height - top - bottom));
  return (
    <div className="flex flex-col gap-3">
      <figure className="flex flex-col gap-3">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="h-auto w-full"
          role="img"
          aria-labelledby="pulse-chart-title"
          aria-describedby="pulse-chart-description"
        >
          <title id="pulse-chart-title">{t("chart.pulseTitle")}</title>
          <desc id="pulse-chart-description">{t("chart.pulseDescription")}</desc>
          {[1, 2, 3, 4, 5].map((score) => (
            <g key={score}>
              <line
                x1={left}
                x2={width - right}
                y1={y(score)}
                y2={y(score)}
                className="stroke-line"
                strokeWidth={1}
              />
              <text
                x={left - 8}
                y={y(score) + 4}
                textAnchor="end"
                className="fill-muted text-[12px]"
              >
                {score}
              </text>
            </g>
          ))}
          {lines.map((line) => (
            <g key={line.field}>
              <polyline
                points={pulses
                  .map((pulse, index) => `${x(index)},${y(pulse[line.field])}`)
                  .join(" ")}
                fill="none"
                className={line.className}
                strokeWidth={3}
                strokeDasharray={line.dash}
                strokeLinejoin="round"
              />
              {pulses.map((pulse, index) => (
                <circle
                  key={pulse.id}
                  cx={x(index)}
                  cy={y(pulse[line.field])}
                  r={4}
                  className={line.marker}
                />
              ))}
            </g>
          ))}
        </svg>
        <figcaption className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted">
          {lines.map((line) => (
            <span key={line.field} className="flex items-center gap-2">
              <svg aria-hidden="true" viewBox="0 0 24 16" className="h-4 w-6">
                <line
                  x1={0}
                  x2={24}
                  y1={8}
                  y2={8}
                  className={line.className}
                  strokeWidth={3}
                  strokeDasharray={line.dash}
                />
              </svg>
              {t(`pulse.${line.field}.name`)}
            </span>
          ))}
        </figcaption>
      </figure>
      <div className="overflow-x-auto">
        <table className="w-full text-left" data-testid="pulse-table">
          <caption className="sr-only">{t("chart.pulseTitle")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">
                {t("chart.dateColumn")}
              </th>
              {lines.map((line) => (
                <th key={line.field} scope="col" className="py-2 pr-4 text-right">
                  {t(`pulse.${line.field}.name`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pulses.toReversed().map((pulse) => (
              <tr key={pulse.id} className="border-b border-line/60">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {formatMomentDate(i18n.language, pulse.createdAt)}
                </th>
                {lines.map((line) => (
                  <td key={line.field} className="py-2 pr-4 text-right">
                    {pulse[line.field]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
