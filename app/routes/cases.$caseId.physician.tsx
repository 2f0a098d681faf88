import { parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { NoteList } from "#app/components/note-list.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { AdviceForm } from "#app/components/physician/advice-form.tsx";
import { MedicalNoteForm, MedicalNoteList } from "#app/components/physician/medical-notes.tsx";
import { ReviewForm } from "#app/components/physician/review-form.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { physicianForms, physicianWorkspace } from "#app/modules/physician/workspace.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.physician";

/**
 * The assigned physician's workspace: functional advice and reviews for
 * everyone on the case; medical notes for the physician (and the employee, if
 * shared). Anyone else: 404, as if the page did not exist.
 */
async function requirePhysician(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireCase(args);
  if (!can(access.member.actor, "advice.give", partiesOf(access.record))) notFound();
  return access;
}

export async function loader(args: Route.LoaderArgs) {
  return physicianWorkspace(await requirePhysician(args), languageOfRequest(args.request));
}

export async function action(args: Route.ActionArgs) {
  const access = await requirePhysician(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !(intent in physicianForms)) badRequest();
  const form = physicianForms[intent as keyof typeof physicianForms];
  const submission = parseWithZod(formData, { schema: form.schema });
  const formId = intent === "amend-medical-note" ? `amend-${formData.get("noteId")}` : intent;
  if (submission.status !== "success") return { form: formId, reply: submission.reply() };
  const result = orRespond(await form.save(access, submission.value as never, clientOf(args)));
  if (!result.ok) {
    return {
      form: formId,
      reply: submission.reply({ formErrors: [`physician:refusals.${result.reason}`] }),
    };
  }
  return redirectWithToast(`/cases/${access.record.id}/physician`, {
    kind: "success",
    message: form.saved,
  });
}

export default function PhysicianWorkspace({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("physician");
  const { caseId, name, latestVersion, advice, reviews, medicalNotes } = loaderData;
  const replyFor = (form: string) => (actionData?.form === form ? actionData.reply : undefined);
  const latestReview = latestVersion ? reviews[latestVersion] : undefined;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {name}
        </Link>
      </p>
      <PageHeader title={t("workspace.title", { name })} intro={t("workspace.intro")} />

      <Card title={t("workspace.adviceHeading")}>
        {/* A new saved advice starts the form again from it; an error keeps what was typed. */}
        <AdviceForm
          key={advice?.id ?? "none"}
          advice={advice}
          catalogue={loaderData.catalogue}
          lastResult={replyFor("advice")}
          capacitiesShared={loaderData.capacitiesShared}
        />
      </Card>

      <Card
        title={
          latestVersion
            ? t("workspace.reviewHeading", { number: latestVersion })
            : t("physicianSection.reviewHeading", { ns: "plans" })
        }
      >
        {latestReview && latestVersion ? (
          <p className="mb-4 text-muted">
            {t(
              latestReview.outcome === "CONCERNS"
                ? "physicianSection.concerns"
                : "physicianSection.reviewed",
              {
                ns: "plans",
                number: latestVersion,
                date: formatMoment(i18n.language, latestReview.createdAt),
              },
            )}
          </p>
        ) : null}
        {latestVersion ? (
          <ReviewForm
            key={`${latestVersion}-${latestReview ? new Date(latestReview.createdAt).getTime() : ""}`}
            version={latestVersion}
            lastResult={replyFor("review")}
          />
        ) : (
          <p className="text-muted">{t("workspace.reviewNothing")}</p>
        )}
      </Card>

      <Card title={t("workspace.medicalHeading")}>
        <p className="mb-4 text-muted">{t("workspace.medicalIntro")}</p>
        <MedicalNoteForm
          key={medicalNotes[0]?.id ?? "none"}
          lastResult={replyFor("medical-note")}
        />
        <div className="mt-4">
          <MedicalNoteList
            notes={medicalNotes}
            amendResult={
              actionData?.form.startsWith("amend-")
                ? { noteId: actionData.form.slice("amend-".length), reply: actionData.reply }
                : undefined
            }
          />
        </div>
      </Card>

      <Card title={t("workspace.employeeNotesHeading")}>
        <NoteList notes={loaderData.employeeNotes} empty={t("workspace.employeeNotesNone")} />
      </Card>
    </div>
  );
}
