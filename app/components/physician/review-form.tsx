import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { physicianLimits, reviewSchema } from "#app/modules/physician/forms.ts";

const outcomes = ["REVIEWED", "CONCERNS"] as const;

/** The physician's conclusion on the newest agreed version, for everyone on the case. */
export function ReviewForm({
  version,
  lastResult,
}: {
  version: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("physician");
  const saving = useSubmittingIntent("review");
  const [form, fields] = useForm({
    id: "review",
    lastResult,
    defaultValue: { versionNumber: String(version), outcome: "REVIEWED" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewSchema }),
  });
  const chosen = typeof fields.outcome.initialValue === "string" ? fields.outcome.initialValue : "";
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="versionNumber" value={version} />
      {/* The version is a hidden field: its error is about the whole form. */}
      <FormError
        errors={[...(form.errors ?? []), ...(fields.versionNumber.errors ?? [])]}
        id={form.errorId}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="font-semibold">{t("workspace.outcome")}</legend>
        {outcomes.map((outcome) => (
          <label key={outcome} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name={fields.outcome.name}
              value={outcome}
              defaultChecked={outcome === (chosen || "REVIEWED")}
              className="size-4 accent-brand-600"
            />
            {outcome === "REVIEWED"
              ? t("workspace.outcomeReviewed")
              : t("workspace.outcomeConcerns")}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        {...fieldProps(fields.remarks)}
        label={t("workspace.reviewRemarks")}
        hint={t("workspace.reviewRemarksHint")}
        limit={physicianLimits.remarks}
        rows={3}
      />
      <div>
        <Button type="submit" pending={saving} pendingLabel={t("workspace.saving")}>
          {t("workspace.saveReview")}
        </Button>
      </div>
    </Form>
  );
}
