import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { isoDay } from "#app/modules/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { contentSchemas } from "#app/modules/plans/content.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { ItemFields } from "./item-fields.tsx";

/**
 * The form to propose a plan item of one kind. Loaded only when someone
 * opens it (plan-section.tsx), with the validation it brings along.
 */
export default function AddItemForm({
  kind,
  catalogue,
  lastResult,
  chosenAdjustment,
}: {
  kind: ItemKind;
  catalogue: CatalogueView;
  lastResult: SubmissionResult<string[]> | undefined;
  /** The adjustment chosen in the catalogue (`?adjustment=`), to start from. */
  chosenAdjustment: string | null;
}) {
  const { t } = useTranslation("plans");
  const defaults: Record<ItemKind, Record<string, string>> = {
    CAPACITY: { area: "personal" },
    ADJUSTMENT: { catalogueId: chosenAdjustment ?? "", startDate: isoDay(), stage: "planned" },
    SCHEDULE_PHASE: {},
    AGREEMENT: { topic: "contact" },
    REVIEW: {},
  };
  const [form, fields] = useForm({
    id: `add-${kind}`,
    lastResult,
    defaultValue: defaults[kind],
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contentSchemas[kind] }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="mt-4 flex max-w-2xl flex-col gap-5"
    >
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="kind" value={kind} />
      <FormError errors={form.errors} id={form.errorId} />
      <ItemFields kind={kind} fields={fields as never} catalogue={catalogue} />
      <div>
        <Button type="submit">{t("propose")}</Button>
      </div>
    </Form>
  );
}
