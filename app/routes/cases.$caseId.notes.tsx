import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { NoteList } from "#app/components/note-list.tsx";
import { PrivateNoteForm } from "#app/components/notes/private-note-form.tsx";
import { Sharing } from "#app/components/notes/sharing.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { passportsOf } from "#app/modules/agreements/passport.server.ts";
import { caseViewsOf } from "#app/modules/audit/audit.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentHistory, consentState, setConsent } from "#app/modules/cases/consent.server.ts";
import { isConsentScope } from "#app/modules/cases/consent-scopes.ts";
import { privateNoteSchema } from "#app/modules/cases/note-form.ts";
import {
  addPrivateNote,
  deletePrivateNote,
  listPrivateNotes,
} from "#app/modules/cases/private-notes.server.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { medicalNotesFor } from "#app/modules/physician/physician.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.notes";

/** The employee's private space: for nobody else (404 for anyone else, even HR). */
async function requireEmployee(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireCase(args);
  if (!can(access.member.actor, "privateNotes.use", partiesOf(access.record))) notFound();
  return access;
}

export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireEmployee(args);
  const [notes, medicalNotes, consents, history, views, passports] = await Promise.all([
    listPrivateNotes(tdb, member.actor, record),
    medicalNotesFor(tdb, member.actor, record),
    consentState(tdb, record.id),
    consentHistory(tdb, member.actor, record),
    caseViewsOf(tdb, record.id),
    passportsOf(tdb, member.actor, record),
  ]);
  return {
    caseId: record.id,
    notes: notes ?? [],
    medicalNotes: medicalNotes ?? [],
    consents,
    history: history ?? [],
    passports: passports ?? [],
    views,
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireEmployee(args);
  const formData = await args.request.formData();
  const here = `/cases/${record.id}/notes`;
  const intent = formData.get("intent");
  const client = clientOf(args);
  if (intent === "consent") {
    const scope = formData.get("scope");
    if (!isConsentScope(scope)) badRequest();
    const granted = formData.get("granted") === "yes";
    orRespond(await setConsent(tdb, member.actor, record, scope, granted, client));
    return redirectWithToast(`${here}#sharing`, {
      kind: "success",
      message: granted ? "physician:employee.shared" : "physician:employee.stopped",
    });
  }
  if (intent === "delete") {
    const noteId = String(formData.get("noteId") ?? "");
    orRespond(await deletePrivateNote(tdb, member.actor, record, noteId));
    return redirectWithToast(here, { kind: "success", message: "cases:notes.deleted" });
  }
  if (intent !== "add") badRequest();
  const submission = parseWithZod(formData, { schema: privateNoteSchema });
  if (submission.status !== "success") return submission.reply();
  const { body, share } = submission.value;
  orRespond(
    await addPrivateNote(tdb, member.actor, record, { body, sharedWithPhysician: share }, client),
  );
  return redirectWithToast(here, { kind: "success", message: "cases:notes.saved" });
}

export default function PrivateNotes({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("cases");
  const { t: tp } = useTranslation("physician");

  const { notes, views } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to={`/cases/${loaderData.caseId}`} className="font-medium text-brand-700 underline">
          ← {t("notesLink", { ns: "plans" })}
        </Link>
      </p>
      <PageHeader title={t("notes.title")} intro={<p>{t("notes.intro")}</p>} />
      <Card title={t("notes.add")}>
        <p className="mb-4 text-muted">{t("notes.shareIntro")}</p>
        {/* A saved note starts the form empty again; a refused one keeps what was typed. */}
        <PrivateNoteForm key={notes[0]?.id ?? "none"} lastResult={actionData} />
      </Card>
      <NoteList
        notes={notes}
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
      <Sharing
        consents={loaderData.consents}
        history={loaderData.history}
        passports={loaderData.passports}
      />
      <Card title={tp("employee.viewsHeading")}>
        <p className="mb-3 text-muted">{tp("employee.viewsIntro")}</p>
        {views.length === 0 ? <p className="text-muted">{tp("employee.noViews")}</p> : null}
        <ul className="flex flex-col gap-1" data-testid="case-views">
          {views.map((view) => (
            <li key={view.id}>
              {tp("employee.viewedBy", {
                name: view.name,
                date: formatMoment(i18n.language, view.at),
              })}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
