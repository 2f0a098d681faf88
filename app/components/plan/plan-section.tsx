import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { useLocation, useSearchParams } from "react-router";
import { lazyPart } from "#app/components/ui/lazy-part.ts";
import { OpenLink, useIsOpen } from "#app/components/ui/open-link.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Side } from "#app/modules/plans/agreement.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { type CardItem, ItemCard } from "./item-card.tsx";
import { PhaseActions } from "./phase-actions.tsx";
import { ScheduleTimeline } from "./schedule-timeline.tsx";

// Forms load their code (and the validation library) when opened: most views open none.
const AddItemForm = lazyPart(() => import("./add-item-form.tsx"));

/**
 * One kind of plan item: its items with their answers, and the form to
 * propose another. The schedule adds its timeline and the phase changes; the
 * adjustments their catalogue (passed in as `children`).
 */
export function PlanSection({
  kind,
  items,
  side,
  catalogue,
  employeeName,
  caseId,
  viewerId,
  lastResult,
  children,
}: {
  kind: ItemKind;
  items: CardItem[];
  side: Side | null;
  catalogue: CatalogueView;
  employeeName: string;
  caseId: string;
  viewerId: string;
  lastResult: SubmissionResult<string[]> | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation("plans");
  const location = useLocation();
  const sectionId = kind === "SCHEDULE_PHASE" ? "schedule" : kind.toLowerCase();
  const phases = items.map((item) => ({
    id: item.id,
    startWeek: Number(item.content.startWeek),
    hoursPerWeek: Number(item.content.hoursPerWeek),
  }));
  const sorted =
    kind === "SCHEDULE_PHASE"
      ? items.toSorted((a, b) => Number(a.content.startWeek) - Number(b.content.startWeek))
      : items;
  return (
    <section
      aria-labelledby={`${sectionId}-heading`}
      id={sectionId}
      className="flex flex-col gap-3"
    >
      <h2 id={`${sectionId}-heading`} className="text-2xl font-bold text-ink">
        {t(`sections.${kind}`)}
      </h2>
      <p className="max-w-3xl text-muted">{t(`sectionIntros.${kind}`)}</p>
      {kind === "SCHEDULE_PHASE" ? (
        <ScheduleTimeline
          phases={items.map((item, index) => ({
            ...(phases[index] as (typeof phases)[number]),
            agreed: item.status.kind === "agreed",
          }))}
        />
      ) : null}
      {items.length === 0 ? <p className="text-muted">{t("empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {sorted.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            side={side}
            catalogue={catalogue}
            employeeName={employeeName}
            caseId={caseId}
            viewerId={viewerId}
            extra={
              kind === "SCHEDULE_PHASE" && side ? (
                <PhaseActions phases={phases} phaseId={item.id} />
              ) : null
            }
          />
        ))}
      </ul>
      {children}
      {/* A fresh, closed form after every page change, so a sent proposal is not still on screen. */}
      {side ? (
        <AddItem key={location.key} kind={kind} catalogue={catalogue} lastResult={lastResult} />
      ) : null}
    </section>
  );
}

function AddItem({
  kind,
  catalogue,
  lastResult,
}: {
  kind: ItemKind;
  catalogue: CatalogueView;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("plans");
  const [searchParams] = useSearchParams();
  const chosenAdjustment = kind === "ADJUSTMENT" ? searchParams.get("adjustment") : null;
  const name = `add-${kind}`;
  const open = useIsOpen(name) || Boolean(lastResult) || Boolean(chosenAdjustment);
  return (
    <div className="rounded-xl border border-dashed border-brand-600/50 bg-surface p-4">
      <OpenLink name={name} className="font-semibold text-brand-700 underline">
        {t(`add.${kind}`)}
      </OpenLink>
      {open ? (
        <AddItemForm
          kind={kind}
          catalogue={catalogue}
          lastResult={lastResult}
          chosenAdjustment={chosenAdjustment}
        />
      ) : null}
    </div>
  );
}
