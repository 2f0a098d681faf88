import {
  type FieldMetadata,
  getFormProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { checkboxProps, fieldProps } from "#app/components/ui/conform.ts";
import { CheckboxField, TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  amendMedicalNoteSchema,
  medicalNoteSchema,
  physicianLimits,
} from "#app/modules/physician/forms.ts";

export type MedicalNoteView = {
  id: string;
  body: string;
  sharedWithEmployee: boolean;
  createdAt: Date | string;
  updatedAt: Date | string;
  amendedAt: Date | string | null;
  withdrawnAt: Date | string | null;
  revisions: Array<{ id: string; body: string; replacedAt: Date | string }>;
};

type Reply = SubmissionResult<string[]> | undefined;
type NoteFields = Record<"body" | "shareWithEmployee", FieldMetadata<unknown>>;

/** A note's text, with its limit, and whether the employee reads it. */
function MedicalNoteFields({
  fields,
  label,
  hint,
}: {
  fields: NoteFields;
  label: string;
  hint?: string;
}) {
  const { t } = useTranslation("physician");
  return (
    <>
      <TextAreaField
        {...fieldProps(fields.body)}
        label={label}
        hint={hint}
        limit={physicianLimits.medicalNote}
        rows={4}
      />
      <CheckboxField
        {...checkboxProps(fields.shareWithEmployee)}
        label={t("workspace.shareWithEmployee")}
      />
    </>
  );
}

/** A new medical note: for the physician, and for the employee when shared. */
export function MedicalNoteForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation("physician");
  const saving = useSubmittingIntent("medical-note");
  const [form, fields] = useForm({
    id: "medical",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: medicalNoteSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="medical-note" />
      <FormError errors={form.errors} id={form.errorId} />
      <MedicalNoteFields fields={fields} label={t("workspace.medicalBody")} />
      <div>
        <Button type="submit" pending={saving} pendingLabel={t("workspace.saving")}>
          {t("workspace.saveMedical")}
        </Button>
      </div>
    </Form>
  );
}

/**
 * The physician's notes, newest first. Each can be corrected (the earlier
 * text stays, for the physician only) or withdrawn (the employee no longer
 * sees it); a withdrawn note stays here, marked.
 */
export function MedicalNoteList({
  notes,
  amendResult,
}: {
  notes: MedicalNoteView[];
  /** The answer to a correction that was refused, for the note it was about. */
  amendResult: { noteId: string; reply: Reply } | undefined;
}) {
  const { t, i18n } = useTranslation("physician");
  const when = (value: Date | string) => formatMoment(i18n.language, value);
  if (notes.length === 0) return <p className="text-muted">{t("workspace.noMedical")}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {notes.map((note) => (
        <li
          key={note.id}
          className={
            note.withdrawnAt
              ? "rounded-lg border border-dashed border-line bg-canvas p-3"
              : "rounded-lg border border-line bg-surface p-3"
          }
        >
          <p className="text-sm text-muted">
            {when(note.createdAt)} ·{" "}
            {note.sharedWithEmployee ? t("workspace.sharedWithEmployee") : t("workspace.onlyYou")}
            {note.amendedAt ? ` · ${t("workspace.amendedOn", { date: when(note.amendedAt) })}` : ""}
          </p>
          {note.withdrawnAt ? (
            <p className="text-sm font-semibold text-muted">
              {t("workspace.withdrawnOn", { date: when(note.withdrawnAt) })}
            </p>
          ) : null}
          <p className="mt-1 whitespace-pre-line">{note.body}</p>
          {note.revisions.length > 0 ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-semibold text-brand-700">
                {t("workspace.earlierTexts", { count: note.revisions.length })}
              </summary>
              <ul className="mt-2 flex flex-col gap-2">
                {note.revisions.map((revision) => (
                  <li key={revision.id} className="border-l-2 border-line pl-3 text-sm">
                    <p className="text-muted">
                      {t("workspace.replacedOn", {
                        date: when(revision.replacedAt),
                      })}
                    </p>
                    <p className="whitespace-pre-line">{revision.body}</p>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {note.withdrawnAt ? null : (
            <NoteCorrections
              // A saved change starts the form again from the note as it is now (to the millisecond:
              // a correction can follow the note within the same second).
              key={new Date(note.updatedAt).getTime()}
              note={note}
              lastResult={amendResult?.noteId === note.id ? amendResult.reply : undefined}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

function NoteCorrections({ note, lastResult }: { note: MedicalNoteView; lastResult: Reply }) {
  const { t } = useTranslation("physician");
  const [form, fields] = useForm({
    id: `amend-${note.id}`,
    lastResult,
    defaultValue: { body: note.body, shareWithEmployee: note.sharedWithEmployee ? "on" : "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: amendMedicalNoteSchema }),
  });
  return (
    <div className="mt-2 flex flex-col gap-2">
      <details open={Boolean(lastResult)}>
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">
          {t("workspace.amend")}
        </summary>
        <Form method="post" {...getFormProps(form)} noValidate className="mt-2 flex flex-col gap-3">
          <input type="hidden" name="intent" value="amend-medical-note" />
          <input type="hidden" name="noteId" value={note.id} />
          <FormError errors={form.errors} id={form.errorId} />
          <MedicalNoteFields
            fields={fields}
            label={t("workspace.amendBody")}
            hint={t("workspace.amendHint")}
          />
          <div>
            <Button type="submit" variant="secondary">
              {t("workspace.saveAmendment")}
            </Button>
          </div>
        </Form>
      </details>
      <details>
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-danger-700">
          {t("workspace.withdraw")}
        </summary>
        <Form method="post" className="mt-2 flex flex-col gap-2">
          <input type="hidden" name="intent" value="withdraw-medical-note" />
          <input type="hidden" name="noteId" value={note.id} />
          <p>
            {note.sharedWithEmployee
              ? t("workspace.withdrawShared")
              : t("workspace.withdrawPrivate")}
          </p>
          <div>
            <Button type="submit" variant="danger">
              {t("workspace.confirmWithdraw")}
            </Button>
          </div>
        </Form>
      </details>
    </div>
  );
}
