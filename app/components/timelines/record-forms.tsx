import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { TimelineEvent } from "#app/modules/timelines/events.ts";
import { absenceSchema, eventSchema } from "#app/modules/timelines/forms.ts";

type LastResult = SubmissionResult<string[]> | undefined;

/**
 * A period of absence: its first day and, once known, the day back. A
 * refused period comes back with both dates as typed and the reason at the
 * field (or above the form, for an overlap with a recorded period).
 */
export function AbsenceForm({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation("timelines");
  const saving = useSubmittingIntent("absence");
  const [form, fields] = useForm({
    id: "absence",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: absenceSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="mt-4 flex flex-col gap-3">
      <FormError errors={form.errors} id={form.errorId} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField {...fieldProps(fields.startsOn)} type="date" label={t("absences.from")} />
        <TextField {...fieldProps(fields.endsOn)} type="date" label={t("absences.to")} />
        <Button
          type="submit"
          name="intent"
          value="absence"
          variant="secondary"
          pending={saving}
          pendingLabel={t("pending")}
        >
          {t("absences.add")}
        </Button>
      </div>
    </Form>
  );
}

/** A dated step of the case's country, such as a request or a decision. */
export function EventForm({
  country,
  events,
  lastResult,
}: {
  country: string;
  events: TimelineEvent[];
  lastResult: LastResult;
}) {
  const { t } = useTranslation("timelines");
  const saving = useSubmittingIntent("event");
  const [form, fields] = useForm({
    id: "event",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema(country) }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="mt-4 flex flex-wrap items-end gap-3"
    >
      <SelectField
        {...fieldProps(fields.event)}
        label={t("events.which")}
        options={events.map((event) => ({ value: event, label: t(`eventNames.${event}`) }))}
      />
      <TextField {...fieldProps(fields.on)} type="date" label={t("events.on")} />
      <Button
        type="submit"
        name="intent"
        value="event"
        variant="secondary"
        pending={saving}
        pendingLabel={t("pending")}
      >
        {t("events.add")}
      </Button>
    </Form>
  );
}

/** Removes a period or step recorded by mistake; its name says which, for screen readers among several. */
export function RemoveRecorded({
  id,
  intent,
  label,
  what,
}: {
  id: string;
  intent: "remove-absence" | "remove-event";
  label: string;
  what: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        name="intent"
        value={intent}
        variant="ghost"
        aria-label={`${label}: ${what}`}
      >
        {label}
      </Button>
    </Form>
  );
}
