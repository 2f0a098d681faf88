import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { declineReasonMaxLength, declineSchema } from "#app/modules/agreements/forms.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * Not signing, with a reason the other side can act on: the agreement ends
 * and the plan is open for changes again. Folded away until asked for, and
 * open again (with what was typed) when the reason is refused.
 */
export function DeclineAgreementForm({
  lastResult,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("agreements");
  const declining = useSubmittingIntent("decline");
  const [form, fields] = useForm({
    id: "decline",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
  });
  return (
    <details className="item-card" open={lastResult !== undefined}>
      <summary className="cursor-pointer text-lg font-semibold">{t("decline.heading")}</summary>
      <p className="mt-2">{t("decline.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="mt-3 flex flex-col gap-3">
        <FormError errors={form.errors} id={form.errorId} />
        <TextAreaField
          {...fieldProps(fields.reason)}
          label={t("decline.reason")}
          hint={t("decline.reasonHint")}
          limit={declineReasonMaxLength}
          rows={3}
        />
        <div>
          <Button
            type="submit"
            name="intent"
            value="decline"
            variant="danger"
            pending={declining}
            pendingLabel={t("decline.pending")}
          >
            {t("decline.button")}
          </Button>
        </div>
      </Form>
    </details>
  );
}
