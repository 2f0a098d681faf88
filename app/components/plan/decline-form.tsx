import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { declineReasonMaxLength, declineSchema } from "#app/modules/plans/answers.ts";
import type { CardItem } from "./item-card.tsx";

/**
 * Saying no, with a reason the other side can act on. Validated like every
 * form (translated, next to the field); a reason that is refused comes back
 * as it was typed. Loaded only when someone opens it (item-card.tsx).
 */
export default function DeclineReason({
  item,
  lastResult,
}: {
  item: CardItem;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("plans");
  const [form, fields] = useForm({
    id: `decline-${item.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="mt-2 flex max-w-xl flex-col gap-3"
    >
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="lockVersion" value={item.lockVersion} />
      <FormError errors={form.errors} id={form.errorId} />
      <TextAreaField
        {...fieldProps(fields.reason)}
        label={t("actions.declineReason")}
        limit={declineReasonMaxLength}
        rows={2}
      />
      <div>
        <Button type="submit" name="intent" value="decline" variant="secondary">
          {t("actions.sendDecline")}
        </Button>
      </div>
    </Form>
  );
}
