import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import {
  checkInSchema,
  commentMaxLength,
  type ScoreField,
  scoreFields,
  scores,
  sharings,
} from "#app/modules/checkins/forms.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { ChoiceGroup } from "./choice-group.tsx";

const initial = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * The employee's pulse: three questions answered 1 to 5, an optional
 * comment, and who else may read it (nobody, unless they choose). Few words,
 * one thing a line. A refused check-in comes back as it was filled in.
 */
export function CheckInForm({
  lastResult,
  hasPhysician,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  hasPhysician: boolean;
}) {
  const { t } = useTranslation("checkins");
  const saving = useSubmittingIntent("check-in");
  const [form, fields] = useForm({
    id: "check-in",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkInSchema }),
  });
  const scale = (name: ScoreField) => (
    <ChoiceGroup
      key={name}
      id={fields[name].id}
      name={fields[name].name}
      legend={t(`pulse.${name}.question`)}
      row
      defaultValue={initial(fields[name].initialValue)}
      errors={fields[name].errors}
      options={scores.map((score) => ({
        value: String(score),
        label: String(score),
        note:
          score === 1
            ? t(`pulse.${name}.low`)
            : score === scores.length
              ? t(`pulse.${name}.high`)
              : undefined,
      }))}
    />
  );
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-6">
      <FormError errors={form.errors} id={form.errorId} />
      {scoreFields.map(scale)}
      <TextAreaField
        {...fieldProps(fields.comment)}
        label={t("pulse.comment")}
        hint={t("pulse.commentHint")}
        limit={commentMaxLength}
        rows={3}
      />
      <ChoiceGroup
        id={fields.sharing.id}
        name={fields.sharing.name}
        legend={t("sharing.question")}
        hint={hasPhysician ? t("sharing.hint") : t("sharing.hintNoPhysician")}
        defaultValue={initial(fields.sharing.initialValue) ?? "PRIVATE"}
        errors={fields.sharing.errors}
        options={sharings.map((sharing) => ({ value: sharing, label: t(`sharing.${sharing}`) }))}
      />
      <div>
        <Button
          type="submit"
          name="intent"
          value="check-in"
          pending={saving}
          pendingLabel={t("pulse.saving")}
        >
          {t("pulse.save")}
        </Button>
      </div>
    </Form>
  );
}
