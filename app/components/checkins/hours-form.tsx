import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { hoursSchema, maxHours } from "#app/modules/checkins/forms.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * The hours worked in one week: the week (by its Monday, from the last few
 * weeks) and the hours. Recording a week again replaces what was there.
 */
export function HoursForm({
  weeks,
  today,
  lastResult,
}: {
  /** The Mondays to choose from, newest first. */
  weeks: string[];
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation("checkins");
  const saving = useSubmittingIntent("record-hours");
  const [form, fields] = useForm({
    id: "record-hours",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: hoursSchema(today) }),
  });
  const week = fieldProps(fields.weekStart);
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-4">
      <FormError errors={form.errors} id={form.errorId} />
      <SelectField
        {...week}
        defaultValue={week.defaultValue ?? weeks[1] ?? weeks[0]}
        label={t("hours.week")}
        options={weeks.map((monday, index) => ({
          value: monday,
          label:
            index === 0
              ? t("hours.thisWeek", { date: formatDay(i18n.language, monday) })
              : t("hours.weekOf", { date: formatDay(i18n.language, monday) }),
        }))}
      />
      <TextField
        {...fieldProps(fields.hours)}
        inputMode="decimal"
        autoComplete="off"
        label={t("hours.hours")}
        hint={t("hours.hoursHint", { max: maxHours })}
        className="max-w-40"
      />
      <div>
        <Button
          type="submit"
          name="intent"
          value="record-hours"
          pending={saving}
          pendingLabel={t("hours.saving")}
        >
          {t("hours.save")}
        </Button>
      </div>
    </Form>
  );
}
