import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { checkboxProps, fieldProps } from "#app/components/ui/conform.ts";
import { CheckboxField, TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { privateNoteMaxLength, privateNoteSchema } from "#app/modules/cases/note-form.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * A new private note. Its limit shows before typing, with a count; a note
 * that is refused (too long, empty) comes back exactly as typed, with the
 * reason next to it.
 */
export function PrivateNoteForm({
  lastResult,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("cases");
  const saving = useSubmittingIntent("add");
  const [form, fields] = useForm({
    id: "note",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: privateNoteSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="add" />
      <FormError errors={form.errors} id={form.errorId} />
      <TextAreaField
        {...fieldProps(fields.body)}
        label={t("notes.body")}
        hint={t("notes.bodyHint")}
        limit={privateNoteMaxLength}
        rows={5}
      />
      <CheckboxField {...checkboxProps(fields.share)} label={t("notes.share")} />
      <div>
        <Button
          type="submit"
          name="intent"
          value="add"
          pending={saving}
          pendingLabel={t("notes.saving")}
        >
          {t("notes.save")}
        </Button>
      </div>
    </Form>
  );
}
