import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { z } from "zod";
import { NoteList } from "#app/components/note-list.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import type { ConsentScope } from "#app/generated/prisma/enums.ts";
import { caseViewsOf } from "#app/modules/audit/audit.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { consentHistory, consentState, setConsent } from "#app/modules/cases/consent.server.ts";
import { consentScopes } from "#app/modules/cases/consent-scopes.ts";
import {
  addPrivateNote,
  deletePrivateNote,
  listPrivateNotes,
} from "#app/modules/cases/private-notes.server.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { medicalNotesFor } from "#app/modules/physician/physician.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { requiredText } from "#app/modules/validation.ts";
import type { Route } from "./+types/cases.$caseId.notes";

/** The employee's private space: for nobody else (404 for anyone else, even HR). */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  const notes = await listPrivateNotes(tdb, member.actor, record);
  if (!notes) notFound();
  const [medicalNotes, consents, history, views] = await Promise.all([
    medicalNotesFor(tdb, member.actor, record),
    consentState(tdb, record.id),
    consentHistory(tdb, member.actor, record),
    caseViewsOf(record.organizationId, record.id),
  ]);
  return {
    caseId: record.id,
    hasPhysician: record.physicianId !== null,
    notes,
    medicalNotes: medicalNotes ?? [],
    consents,
    history: history ?? [],
    views,
  };
}

const noteSchema = z.object({ body: requiredText(4000), share: z.string().optional() });

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const here = `/cases/${record.id}/notes`;
  const intent = formData.get("intent");
  if (intent === "consent") {
    const scope = String(formData.get("scope"));
    if (!(consentScopes as readonly string[]).includes(scope)) notFound();
    const granted = formData.get("granted") === "yes";
    const saved = await setConsent(
      tdb,
      member.actor,
      record,
      scope as ConsentScope,
      granted,
      clientOf(args),
    );
    if (!saved) notFound();
    return redirectWithToast(`${here}#sharing`, {
      kind: "success",
      message: granted ? "physician:employee.shared" : "physician:employee.stopped",
    });
  }
  if (intent === "delete") {
    if (!(await deletePrivateNote(tdb, member.actor, record, String(formData.get("noteId")))))
      notFound();
    return redirectWithToast(here, { kind: "success", message: "cases:notes.deleted" });
  }
  const parsed = noteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: parsed.error.issues.map((issue) => issue.message) };
  const share = parsed.data.share === "on";
  const saved = await addPrivateNote(tdb, member.actor, record, {
    body: parsed.data.body,
    sharedWithPhysician: share,
  });
  if (!saved) notFound();
  // Marking a note as shared is the employee's explicit choice to share notes with the physician.
  if (share)
    await setConsent(tdb, member.actor, record, "NOTES_TO_PHYSICIAN", true, clientOf(args));
  return redirectWithToast(here, { kind: "success", message: "cases:notes.saved" });
}

export default function PrivateNotes({ loaderData, actionData }: Route.ComponentProps) {
  // Remounted after every save, so a sent form starts empty again.
  const location = useLocation();
  const { t, i18n } = useTranslation("cases");
  const { t: tp } = useTranslation("physician");
  const submitting = useIsSubmitting();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" });
  return (
    <div key={location.key} className="flex max-w-2xl flex-col gap-6">
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
      <NoteList
        notes={loaderData.notes}
        empty={t("notes.empty")}
        label={(note) => (note.sharedWithPhysician ? t("notes.shared") : t("notes.private"))}
        actions={(note) => (
          <Form method="post" className="mt-2">
            <input type="hidden" name="noteId" value={note.id} />
            <Button type="submit" name="intent" value="delete" variant="ghost">
              {t("notes.delete")}
            </Button>
          </Form>
        )}
      />
      <Card title={tp("employee.medicalHeading")}>
        <p className="mb-3 text-muted">{tp("employee.medicalIntro")}</p>
        <NoteList notes={loaderData.medicalNotes} empty={tp("employee.noMedical")} />
      </Card>

      <section
        id="sharing"
        aria-labelledby="sharing-heading"
        className="rounded-xl border border-line bg-surface p-5"
      >
        <h2 id="sharing-heading" className="text-lg font-semibold">
          {tp("employee.sharingHeading")}
        </h2>
        <p className="mb-4 text-muted">{tp("employee.sharingIntro")}</p>
        <ul className="flex flex-col gap-3">
          {consentScopes.map((scope) => {
            const granted = loaderData.consents[scope];
            return (
              <li
                key={scope}
                className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line p-3"
              >
                <div>
                  <p className="font-medium">
                    {scope === "NOTES_TO_PHYSICIAN"
                      ? tp("employee.notesToPhysician")
                      : tp("employee.capacitiesToEmployer")}
                  </p>
                  <p
                    className={
                      granted ? "text-sm font-semibold text-success-700" : "text-sm text-muted"
                    }
                  >
                    {granted ? tp("employee.on") : tp("employee.off")}
                  </p>
                </div>
                <Form method="post">
                  <input type="hidden" name="intent" value="consent" />
                  <input type="hidden" name="scope" value={scope} />
                  <input type="hidden" name="granted" value={granted ? "no" : "yes"} />
                  <Button type="submit" variant={granted ? "secondary" : "primary"}>
                    {granted ? tp("employee.stopSharing") : tp("employee.share")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
        {loaderData.history.length > 0 ? (
          <>
            <h3 className="mt-4 font-semibold">{tp("employee.historyHeading")}</h3>
            <ul className="mt-1 flex flex-col gap-1 text-sm">
              {loaderData.history.flatMap((consent) => {
                const scope = tp(`employee.scopes.${consent.scope}`);
                const lines = [
                  <li key={`${consent.id}-granted`}>
                    {tp("employee.historyGranted", {
                      date: when.format(new Date(consent.grantedAt)),
                      scope,
                    })}
                  </li>,
                ];
                if (consent.withdrawnAt) {
                  lines.unshift(
                    <li key={`${consent.id}-withdrawn`}>
                      {tp("employee.historyWithdrawn", {
                        date: when.format(new Date(consent.withdrawnAt)),
                        scope,
                      })}
                    </li>,
                  );
                }
                return lines;
              })}
            </ul>
          </>
        ) : null}
      </section>

      <Card title={tp("employee.viewsHeading")}>
        <p className="mb-3 text-muted">{tp("employee.viewsIntro")}</p>
        {loaderData.views.length === 0 ? (
          <p className="text-muted">{tp("employee.noViews")}</p>
        ) : null}
        <ul className="flex flex-col gap-1" data-testid="case-views">
          {loaderData.views.map((view) => (
            <li key={view.id}>
              {tp("employee.viewedBy", { name: view.name, date: when.format(new Date(view.at)) })}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
