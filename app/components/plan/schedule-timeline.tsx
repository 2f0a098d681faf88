import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Phase = { id: string; startWeek: number; hoursPerWeek: number; agreed: boolean };

/**
 * The graded return as a picture: a bar per phase, as wide as its weeks and
 * as tall as its hours. Drawn in SVG (sizes are attributes, not inline
 * styles, which the CSP forbids); screen readers get the same as a table.
 */
export function ScheduleTimeline({ phases }: { phases: Phase[] }) {
  const { t } = useTranslation("plans");
  if (phases.length === 0) return null;
  const sorted = [...phases].sort((a, b) => a.startWeek - b.startWeek);
  const last = sorted[sorted.length - 1] as Phase;
  const beforeLast = sorted[sorted.length - 2];
  // The last phase has no end: draw it as long as the one before (or two weeks).
  const endWeek =
    last.startWeek + (beforeLast ? Math.max(1, last.startWeek - beforeLast.startWeek) : 2);
  const firstWeek = sorted[0]?.startWeek ?? 1;
  const weeks = endWeek - firstWeek;
  const maxHours = Math.max(8, ...sorted.map((phase) => phase.hoursPerWeek));
  const width = 640;
  const height = 180;
  const top = 20;
  const bottom = 28;
  // Whole pixels: the drawing looks the same, and the page carries no long decimals.
  const x = (week: number) => Math.round(((week - firstWeek) / weeks) * width);
  const y = (hours: number) => Math.round(top + (1 - hours / maxHours) * (height - top - bottom));
  return (
    <figure className="rounded-xl border border-line bg-surface p-4">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" aria-hidden="true">
        <line
          x1={0}
          x2={width}
          y1={height - bottom}
          y2={height - bottom}
          className="stroke-line"
          strokeWidth={1}
        />
        {sorted.map((phase, index) => {
          const next = sorted[index + 1];
          const from = x(phase.startWeek);
          const to = x(next ? next.startWeek : endWeek);
          const previous = sorted[index - 1];
          const stepBack = previous !== undefined && phase.hoursPerWeek < previous.hoursPerWeek;
          return (
            <g key={phase.id}>
              <rect
                x={from + 2}
                y={y(phase.hoursPerWeek)}
                width={Math.max(4, to - from - 4)}
                height={Math.max(2, height - bottom - y(phase.hoursPerWeek))}
                rx={6}
                className={
                  stepBack ? "fill-amber-300" : phase.agreed ? "fill-brand-600" : "fill-brand-200"
                }
              />
              <text
                x={from + 8}
                y={y(phase.hoursPerWeek) - 6}
                className="fill-ink text-[13px] font-semibold"
              >
                {t("timeline.hours", { hours: phase.hoursPerWeek })}
              </text>
              <text x={from + 4} y={height - 8} className="fill-muted text-[12px]">
                {t("timeline.week", { week: phase.startWeek })}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{t("timeline.label")}</figcaption>
      {/* Wrapped: a table is never narrower than its content, so on its own a
          visually hidden table still made narrow pages scroll sideways. */}
      <div className="sr-only">
        <table>
          <caption>{t("timeline.label")}</caption>
          <tbody>
            {sorted.map((phase, index) => (
              <tr key={phase.id}>
                <th scope="row">{t("timeline.week", { week: phase.startWeek })}</th>
                <td>
                  {t("timeline.hours", { hours: phase.hoursPerWeek })}
                  {index > 0 && phase.hoursPerWeek < (sorted[index - 1]?.hoursPerWeek ?? 0)
                    ? ` — ${t("timeline.stepBack")}`
                    : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
