import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { doneFormId, doneSchema } from "#app/modules/timelines/forms.ts";
import type { Deadline } from "#app/modules/timelines/timelines.ts";

/** A deadline as the page shows it: its rule's texts in the reader's language. */
export type ShownDeadline = Omit<Deadline, "unconfirmed"> & {
  title: string;
  description: string;
  unconfirmedNote: string | null;
};

/** A refused "done" form, with the id of the one form it belongs to. */
export type RefusedForm = { form: string; reply: SubmissionResult<string[]> } | undefined;

const stateClasses = {
  late: "bg-danger-50 text-danger-700",
  due: "bg-brand-100 text-brand-900",
  upcoming: "bg-info-50 text-info-700",
  done: "bg-success-50 text-success-700",
} as const;

/** Deadlines as cards: what, when, who, the rule behind it, and (for those who record) done or not. */
export function DeadlineList({
  deadlines,
  mayRecord,
  today,
  refused,
  testId,
}: {
  deadlines: ShownDeadline[];
  mayRecord: boolean;
  today: string;
  refused: RefusedForm;
  testId?: string;
}) {
  const { t, i18n } = useTranslation("timelines");
  const day = (value: string) => formatDay(i18n.language, value);
  if (deadlines.length === 0) return null;
  return (
    <ol className="mt-3 flex flex-col gap-3" data-testid={testId}>
      {deadlines.map((deadline) => {
        const formId = doneFormId(deadline.ruleId, deadline.occurrence ?? 0);
        return (
          <li
            key={formId}
            id={`deadline-${deadline.ruleId}-${deadline.occurrence ?? 0}`}
            className="rounded-xl border border-line bg-surface p-4"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">
                {deadline.title}
                {deadline.occurrence ? (
                  <span className="font-normal text-muted">
                    {" "}
                    · {t("occurrence", { number: deadline.occurrence })}
                  </span>
                ) : null}
              </h2>
              <span className={`badge ${stateClasses[deadline.state]}`}>
                {deadline.state === "done"
                  ? t("states.done", { date: day(deadline.doneOn ?? today) })
                  : t(`states.${deadline.state}`)}
              </span>
            </div>
            <p className="mt-1 font-medium">{t("due", { date: day(deadline.due) })}</p>
            <p className="text-sm text-muted">
              {t("who")}
              {t("punctuation.colon", { ns: "common" })} {t(`responsible.${deadline.responsible}`)}
            </p>
            {deadline.unconfirmedNote ? (
              <p className="mt-2 text-sm">
                <strong>{t("unconfirmed")}</strong>
                {t("punctuation.colon", { ns: "common" })} {deadline.unconfirmedNote}
              </p>
            ) : null}
            <details className="mt-2">
              <summary className="cursor-pointer text-brand-700 underline">{t("readMore")}</summary>
              <p className="mt-2">{deadline.description}</p>
              <p className="mt-2">
                <Link
                  to={`/hub/${deadline.hubPage}${deadline.hubAnchor ? `#${deadline.hubAnchor}` : ""}`}
                  className="font-medium text-brand-700 underline"
                >
                  {t("rules")}
                </Link>
              </p>
            </details>
            {mayRecord ? (
              deadline.state === "done" ? (
                <UndoForm deadline={deadline} />
              ) : (
                <DoneForm
                  id={formId}
                  deadline={deadline}
                  today={today}
                  lastResult={refused?.form === formId ? refused.reply : undefined}
                />
              )
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function DeadlineFields({ deadline }: { deadline: ShownDeadline }) {
  return (
    <>
      <input type="hidden" name="ruleId" value={deadline.ruleId} />
      <input type="hidden" name="occurrence" value={deadline.occurrence ?? 0} />
    </>
  );
}

/** Marks a deadline done on a day (today unless changed); a refused day comes back as typed. */
function DoneForm({
  id,
  deadline,
  today,
  lastResult,
}: {
  id: string;
  deadline: ShownDeadline;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("timelines");
  const saving = useSubmittingIntent("done", {
    ruleId: deadline.ruleId,
    occurrence: String(deadline.occurrence ?? 0),
  });
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: doneSchema }),
  });
  const doneOn = fieldProps(fields.doneOn);
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <DeadlineFields deadline={deadline} />
      <TextField
        {...doneOn}
        defaultValue={doneOn.defaultValue ?? today}
        type="date"
        label={t("doneOn")}
      />
      <Button type="submit" name="intent" value="done" pending={saving} pendingLabel={t("pending")}>
        {t("markDone")}
      </Button>
    </Form>
  );
}

function UndoForm({ deadline }: { deadline: ShownDeadline }) {
  const { t } = useTranslation("timelines");
  return (
    <Form method="post" className="mt-3">
      <DeadlineFields deadline={deadline} />
      <Button type="submit" name="intent" value="undo" variant="secondary">
        {t("undo")}
      </Button>
    </Form>
  );
}
