import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import {
  addPrivateNote,
  deletePrivateNote,
  listPrivateNotes,
} from "#app/modules/cases/private-notes.server.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { requiredText } from "#app/modules/validation.ts";
import type { Route } from "./+types/cases.$caseId.notes";

/** The employee's private space: for nobody else (404 for anyone else, even HR). */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  const notes = await listPrivateNotes(tdb, member.actor, record);
  if (!notes) notFound();
  return { caseId: record.id, notes };
}

const noteSchema = z.object({ body: requiredText(4000), share: z.string().optional() });

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const here = `/cases/${record.id}/notes`;
  if (formData.get("intent") === "delete") {
    if (!(await deletePrivateNote(tdb, member.actor, record, String(formData.get("noteId")))))
      notFound();
    return redirectWithToast(here, { kind: "success", message: "cases:notes.deleted" });
  }
  const parsed = noteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: parsed.error.issues.map((issue) => issue.message) };
  const saved = await addPrivateNote(tdb, member.actor, record, {
    body: parsed.data.body,
    sharedWithPhysician: parsed.data.share === "on",
  });
  if (!saved) notFound();
  return redirectWithToast(here, { kind: "success", message: "cases:notes.saved" });
}

export default function PrivateNotes({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("cases");
  const submitting = useIsSubmitting();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" });
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to={`/cases/${loaderData.caseId}`} className="font-medium text-brand-700 underline">
          ← {t("notes.link")}
        </Link>
      </p>
      <PageHeader title={t("notes.title")} intro={<p>{t("notes.intro")}</p>} />
      <Card title={t("notes.add")}>
        <p className="mb-4 text-muted">{t("notes.shareIntro")}</p>
        <Form method="post" className="flex flex-col gap-4">
          <FormError errors={actionData?.errors} />
          <TextAreaField
            id="note-body"
            name="body"
            label={t("notes.body")}
            hint={t("notes.bodyHint")}
            rows={5}
          />
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="share" className="size-4 accent-brand-600" />
            <span>{t("notes.share")}</span>
          </label>
          <div>
            <Button type="submit" name="intent" value="add" pending={submitting}>
              {t("notes.save")}
            </Button>
          </div>
        </Form>
      </Card>
      {loaderData.notes.length === 0 ? <p className="text-muted">{t("notes.empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {loaderData.notes.map((note) => (
          <li key={note.id} className="rounded-xl border border-line bg-surface p-4">
            <p className="text-sm text-muted">
              {when.format(new Date(note.createdAt))} ·{" "}
              {note.sharedWithPhysician ? t("notes.shared") : t("notes.private")}
            </p>
            <p className="mt-1 whitespace-pre-line">{note.body}</p>
            <Form method="post" className="mt-2">
              <input type="hidden" name="noteId" value={note.id} />
              <Button type="submit" name="intent" value="delete" variant="ghost">
                {t("notes.delete")}
              </Button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
