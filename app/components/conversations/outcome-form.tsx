import {
  type FieldMetadata,
  getFormProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { Form, useNavigation } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import type { OutcomeKind } from "#app/modules/guides/guides.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

export type OutcomeView = {
  id: string;
  kind: OutcomeKind;
  label: string;
  hint: string;
  catalogueId?: string;
  /** The catalogue adjustment's name, when the outcome names one. */
  catalogueTitle?: string;
};

/**
 * One outcome of the conversation, captured as a plan proposal in one step:
 * the few fields its kind of plan item needs. The employee then agrees or
 * counter-proposes on the plan. What was typed comes back with the reason
 * when a field is refused.
 */
export function OutcomeForm({
  outcome,
  lastResult,
}: {
  outcome: OutcomeView;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("planForms");
  const { t: tg } = useTranslation("guides");
  const formId = `outcome-${outcome.id}`;
  const navigation = useNavigation();
  const sending =
    useSubmittingIntent("propose-outcome") && navigation.formData?.get("outcomeId") === outcome.id;
  const [form, fields] = useForm({ id: formId, lastResult, shouldValidate: "onSubmit" });
  // The fields of every kind of item; this form shows those its outcome needs.
  const field = (name: string) => fields[name as keyof typeof fields] as FieldMetadata<unknown>;
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="outcomeId" value={outcome.id} />
      <FormError errors={form.errors} id={form.errorId} />
      {outcome.kind === "ADJUSTMENT" ? (
        <>
          {outcome.catalogueId ? (
            <>
              <input type="hidden" name="catalogueId" value={outcome.catalogueId} />
              <p className="font-medium">{outcome.catalogueTitle}</p>
            </>
          ) : (
            <TextField {...fieldProps(field("title"))} label={t("fields.customTitle")} />
          )}
          <TextAreaField {...fieldProps(field("details"))} label={t("fields.details")} rows={2} />
          <TextField
            {...fieldProps(field("owner"))}
            label={t("fields.owner")}
            hint={t("fields.ownerHint")}
          />
          <TextField
            {...fieldProps(field("startDate"))}
            type="date"
            label={t("fields.startDate")}
          />
        </>
      ) : null}
      {outcome.kind === "AGREEMENT" || outcome.kind === "COLLEAGUES" ? (
        <>
          <input
            type="hidden"
            name="topic"
            value={outcome.kind === "COLLEAGUES" ? "colleagues" : "contact"}
          />
          <TextAreaField {...fieldProps(field("text"))} label={t("fields.text")} rows={2} />
          <TextField {...fieldProps(field("frequency"))} label={t("fields.frequency")} />
        </>
      ) : null}
      {outcome.kind === "REVIEW" ? (
        <>
          <TextField {...fieldProps(field("date"))} type="date" label={t("fields.date")} />
          <TextField {...fieldProps(field("note"))} label={t("fields.note")} />
        </>
      ) : null}
      {outcome.kind === "SCHEDULE_PHASE" ? (
        <>
          <TextField
            {...fieldProps(field("startWeek"))}
            inputMode="numeric"
            label={t("fields.startWeek")}
            hint={t("fields.startWeekHint")}
          />
          <TextField
            {...fieldProps(field("hoursPerWeek"))}
            inputMode="decimal"
            label={t("fields.hoursPerWeek")}
          />
          <TextAreaField
            {...fieldProps(field("tasksIncluded"))}
            label={t("fields.tasksIncluded")}
            rows={2}
          />
        </>
      ) : null}
      <div>
        <Button
          type="submit"
          name="intent"
          value="propose-outcome"
          variant="secondary"
          pending={sending}
          pendingLabel={tg("meeting.proposing")}
        >
          {tg("meeting.propose")}
        </Button>
      </div>
    </Form>
  );
}
