import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps, initialList } from "#app/components/ui/conform.ts";
import { CheckboxGroup, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { adviceSchema, physicianLimits } from "#app/modules/physician/forms.ts";

export type SavedAdvice = {
  capacities: string | null;
  expectedDuration: string | null;
  advisedAdjustments: string[];
  advisedSchedule: string | null;
  nextConsultation: Date | string | null;
};

/**
 * The physician's functional advice, starting from the newest advice. The
 * page gives it a `key` per saved advice, so after a save it starts again
 * from what was saved; after an error it keeps what was typed.
 */
export function AdviceForm({
  advice,
  catalogue,
  lastResult,
  capacitiesShared,
}: {
  advice: SavedAdvice | null;
  catalogue: CatalogueView;
  lastResult: SubmissionResult<string[]> | undefined;
  /** Whether the employee shares the capacities part with the employer now: who reads it is said before writing. */
  capacitiesShared: boolean;
}) {
  const { t } = useTranslation("physician");
  const saving = useSubmittingIntent("advice");
  const [form, fields] = useForm({
    id: "advice",
    lastResult,
    defaultValue: advice
      ? {
          capacities: advice.capacities ?? "",
          expectedDuration: advice.expectedDuration ?? "",
          advisedAdjustments: advice.advisedAdjustments,
          advisedSchedule: advice.advisedSchedule ?? "",
          nextConsultation: advice.nextConsultation
            ? new Date(advice.nextConsultation).toISOString().slice(0, 10)
            : "",
        }
      : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adviceSchema }),
  });
  return (
    <>
      <div className="mb-4">
        <Notice>
          <p data-testid="advice-readers">
            {capacitiesShared
              ? t("workspace.adviceReadersShared")
              : t("workspace.adviceReadersWithheld")}
          </p>
          <p className="mt-2">{t("workspace.adviceWarning")}</p>
        </Notice>
      </div>
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <input type="hidden" name="intent" value="advice" />
        <FormError errors={form.errors} id={form.errorId} />
        <TextAreaField
          {...fieldProps(fields.capacities)}
          label={t("workspace.capacities")}
          hint={t("workspace.capacitiesHint")}
          limit={physicianLimits.capacities}
          rows={4}
        />
        <TextField
          {...fieldProps(fields.expectedDuration)}
          label={t("workspace.expectedDuration")}
          hint={t("workspace.expectedDurationHint")}
        />
        <details className="rounded-lg border border-line p-3" open={Boolean(lastResult)}>
          <summary className="cursor-pointer font-semibold">
            {t("workspace.advisedAdjustments")}
          </summary>
          <div className="mt-3">
            <CheckboxGroup
              name={fields.advisedAdjustments.name}
              legend={t("workspace.advisedAdjustments")}
              options={catalogue.adjustments.map((adjustment) => ({
                value: adjustment.id,
                label: adjustment.title,
              }))}
              defaultValue={initialList(fields.advisedAdjustments)}
              errors={fields.advisedAdjustments.errors}
            />
          </div>
        </details>
        <TextAreaField
          {...fieldProps(fields.advisedSchedule)}
          label={t("workspace.advisedSchedule")}
          limit={physicianLimits.advisedSchedule}
          rows={2}
        />
        <TextField
          {...fieldProps(fields.nextConsultation)}
          type="date"
          label={t("workspace.nextConsultation")}
        />
        <div>
          <Button type="submit" pending={saving} pendingLabel={t("workspace.saving")}>
            {t("workspace.giveAdvice")}
          </Button>
        </div>
      </Form>
    </>
  );
}
