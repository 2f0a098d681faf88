import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { startSchema } from "#app/modules/conversations/forms.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * Starts a conversation with a guide (the one the case's state suggests
 * first), and optionally its day and hour. A refused start comes back with
 * the guide, the day and the hour as chosen.
 */
export function StartConversationForm({
  guides,
  suggested,
  lastResult,
}: {
  guides: Array<{ id: string; title: string }>;
  suggested: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("guides");
  const starting = useSubmittingIntent("start");
  const [form, fields] = useForm({
    id: "start-conversation",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startSchema }),
  });
  const guide = fieldProps(fields.guideId);
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-4">
      <FormError errors={form.errors} id={form.errorId} />
      <SelectField
        {...guide}
        defaultValue={guide.defaultValue ?? suggested}
        label={t("start.guide")}
        options={guides.map((option) => ({ value: option.id, label: option.title }))}
      />
      <TextField
        {...fieldProps(fields.plannedFor)}
        type="date"
        label={t("start.plannedFor")}
        hint={t("start.plannedForHint")}
      />
      <TextField
        {...fieldProps(fields.plannedAt)}
        type="time"
        label={t("start.plannedAt")}
        hint={t("start.plannedAtHint")}
      />
      <div>
        <Button
          type="submit"
          name="intent"
          value="start"
          pending={starting}
          pendingLabel={t("start.pending")}
        >
          {t("start.button")}
        </Button>
      </div>
    </Form>
  );
}
