import { Form } from "react-router";
import { Button, buttonClasses } from "#app/components/ui/button.tsx";
import { OpenLink, useIsOpen } from "#app/components/ui/open-link.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { type Phase, repeatOrStepBack } from "#app/modules/plans/schedule.ts";

/**
 * Repeating a phase or stepping back after it, each behind a disclosure that
 * says exactly what will change (the new phase, the later phases that move
 * and need agreeing again) before anyone confirms. Works without JavaScript.
 */
export function PhaseActions({ phases, phaseId }: { phases: Phase[]; phaseId: string }) {
  return (
    <>
      <PhaseChange phases={phases} phaseId={phaseId} stepBack={false} />
      <PhaseChange phases={phases} phaseId={phaseId} stepBack />
    </>
  );
}

function PhaseChange({
  phases,
  phaseId,
  stepBack,
}: {
  phases: Phase[];
  phaseId: string;
  stepBack: boolean;
}) {
  const { t } = useTranslation("plans");
  const change = repeatOrStepBack(phases, phaseId, stepBack);
  const name = `${stepBack ? "step-back" : "repeat"}-${phaseId}`;
  const open = useIsOpen(name);
  // Stepping back only where the phase before had fewer hours; otherwise it means nothing.
  if (stepBack && !change.ok && change.reason === "no-step-back") return null;
  const intent = stepBack ? "step-back-phase" : "repeat-phase";
  return (
    <div className={open ? "w-full rounded-lg border border-line p-3" : undefined}>
      <OpenLink name={name} className={buttonClasses("ghost")}>
        {stepBack ? t("timeline.stepBackAction") : t("timeline.repeat")}
      </OpenLink>
      {!open ? null : change.ok ? (
        <Form method="post" id={name} discover="none" className="mt-2 flex flex-col gap-2">
          <input type="hidden" name="itemId" value={phaseId} />
          <p>
            {t(stepBack ? "timeline.stepBackPreview" : "timeline.repeatPreview", {
              hours: change.value.insert.hoursPerWeek,
              week: change.value.insert.startWeek,
              count: change.value.insert.weeks,
            })}
          </p>
          <p className="text-muted">
            {change.value.moves.length === 0
              ? t("timeline.movesNothing")
              : t("timeline.moves", {
                  count: change.value.moves.length,
                  weeks: change.value.insert.weeks,
                })}
          </p>
          <div>
            <Button type="submit" name="intent" value={intent} variant="secondary">
              {stepBack ? t("timeline.confirmStepBack") : t("timeline.confirmRepeat")}
            </Button>
          </div>
        </Form>
      ) : (
        <p id={name} className="mt-2 text-muted">
          {t(`timeline.refusals.${change.reason}`)}
        </p>
      )}
    </div>
  );
}
