import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { NoteList } from "#app/components/note-list.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { CheckboxGroup, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentState } from "#app/modules/cases/consent.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment } from "#app/modules/catalog/catalog.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { adviceSchema, medicalNoteSchema, reviewSchema } from "#app/modules/physician/forms.ts";
import {
  adviceFor,
  giveAdvice,
  medicalNotesFor,
  reviewsOf,
  reviewVersion,
  sharedPrivateNotes,
  writeMedicalNote,
} from "#app/modules/physician/physician.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { loadPlan } from "#app/modules/plans/plans.server.ts";
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
  const { member, tdb, record } = await requirePhysician(args);
  const [plan, advice, reviews, medicalNotes, employeeNotes, catalogue] = await Promise.all([
    loadPlan(tdb, record.id),
    adviceFor(tdb, member.actor, record),
    reviewsOf(tdb, record.id),
    medicalNotesFor(tdb, member.actor, record),
    sharedPrivateNotes(tdb, member.actor, record),
    loadCatalogue(),
  ]);
  // Who reads the advice's capacities depends on the employee's consent now.
  const consents = await consentState(tdb, record.id);
  return {
    caseId: record.id,
    name: record.employee?.name ?? record.invitedEmail ?? "",
    latestVersion: plan.versions[0]?.number ?? null,
    advice,
    reviews,
    medicalNotes: medicalNotes ?? [],
    employeeNotes,
    capacitiesShared: consents.CAPACITIES_TO_EMPLOYER,
    catalogue: catalogueIn(catalogue, languageOfRequest(args.request)),
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requirePhysician(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const client = clientOf(args);
  const here = `/cases/${record.id}/physician`;
  if (intent === "advice") {
    const submission = parseWithZod(formData, { schema: adviceSchema });
    if (submission.status !== "success") return { form: "advice", reply: submission.reply() };
    const catalogue = await loadCatalogue();
    if (submission.value.advisedAdjustments.some((id) => !findAdjustment(catalogue, id))) {
      return {
        form: "advice",
        reply: submission.reply({
          fieldErrors: { advisedAdjustments: ["plans:errors.unknownAdjustment"] },
        }),
      };
    }
    await giveAdvice(tdb, member.actor, record, submission.value, client);
    return redirectWithToast(here, { kind: "success", message: "physician:workspace.adviceSaved" });
  }
  if (intent === "review") {
    const submission = parseWithZod(formData, { schema: reviewSchema });
    if (submission.status !== "success") return { form: "review", reply: submission.reply() };
    const result = await reviewVersion(tdb, member.actor, record, submission.value, client);
    if (result !== "reviewed") notFound();
    return redirectWithToast(here, { kind: "success", message: "physician:workspace.reviewSaved" });
  }
  if (intent === "medical-note") {
    const submission = parseWithZod(formData, { schema: medicalNoteSchema });
    if (submission.status !== "success") return { form: "medical", reply: submission.reply() };
    await writeMedicalNote(
      tdb,
      member.actor,
      record,
      { body: submission.value.body, sharedWithEmployee: submission.value.shareWithEmployee },
      client,
    );
    return redirectWithToast(here, {
      kind: "success",
      message: "physician:workspace.medicalSaved",
    });
  }
  notFound();
}

export default function PhysicianWorkspace({ loaderData, actionData }: Route.ComponentProps) {
  // Remounted after every save, so a sent form starts empty again.
  const location = useLocation();
  const { t, i18n } = useTranslation("physician");
  const { caseId, name, latestVersion, advice, reviews, medicalNotes, employeeNotes, catalogue } =
    loaderData;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" });
  const replyFor = (form: string) =>
    actionData && actionData.form === form ? actionData.reply : undefined;
  const [adviceForm, adviceFields] = useForm({
    id: "advice",
    lastResult: replyFor("advice"),
    defaultValue: advice
      ? {
          capacities: advice.capacities ?? "",
          expectedDuration: advice.expectedDuration ?? "",
          advisedAdjustments: advice.advisedAdjustments,
          advisedSchedule: advice.advisedSchedule ?? "",
          nextConsultation: advice.nextConsultation
            ? new Date(advice.nextConsultation).toISOString().slice(0, 10)
            : "",
        }
      : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: adviceSchema }),
  });
  const [reviewForm, reviewFields] = useForm({
    id: "review",
    lastResult: replyFor("review"),
    defaultValue: { versionNumber: String(latestVersion ?? ""), outcome: "REVIEWED" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewSchema }),
  });
  const [medicalForm, medicalFields] = useForm({
    id: "medical",
    lastResult: replyFor("medical"),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: medicalNoteSchema }),
  });
  const latestReview = latestVersion ? reviews[latestVersion] : undefined;
  return (
    <div key={location.key} className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {name}
        </Link>
      </p>
      <PageHeader title={t("workspace.title", { name })} intro={t("workspace.intro")} />

      <Card title={t("workspace.adviceHeading")}>
        <div className="mb-4">
          <Notice>
            <p data-testid="advice-readers">
              {loaderData.capacitiesShared
                ? t("workspace.adviceReadersShared")
                : t("workspace.adviceReadersWithheld")}
            </p>
            <p className="mt-2">{t("workspace.adviceWarning")}</p>
          </Notice>
        </div>
        <Form
          method="post"
          {...getFormProps(adviceForm)}
          noValidate
          className="flex flex-col gap-5"
        >
          <input type="hidden" name="intent" value="advice" />
          <FormError errors={adviceForm.errors} id={adviceForm.errorId} />
          <TextAreaField
            {...fieldProps(adviceFields.capacities)}
            label={t("workspace.capacities")}
            hint={t("workspace.capacitiesHint")}
            rows={4}
          />
          <TextField
            {...fieldProps(adviceFields.expectedDuration)}
            label={t("workspace.expectedDuration")}
            hint={t("workspace.expectedDurationHint")}
          />
          <details className="rounded-lg border border-line p-3">
            <summary className="cursor-pointer font-semibold">
              {t("workspace.advisedAdjustments")}
            </summary>
            <div className="mt-3">
              <CheckboxGroup
                name={adviceFields.advisedAdjustments.name}
                legend={t("workspace.advisedAdjustments")}
                options={catalogue.adjustments.map((adjustment) => ({
                  value: adjustment.id,
                  label: adjustment.title,
                }))}
                defaultValue={advice?.advisedAdjustments ?? []}
                errors={adviceFields.advisedAdjustments.errors}
              />
            </div>
          </details>
          <TextAreaField
            {...fieldProps(adviceFields.advisedSchedule)}
            label={t("workspace.advisedSchedule")}
            rows={2}
          />
          <TextField
            {...fieldProps(adviceFields.nextConsultation)}
            type="date"
            label={t("workspace.nextConsultation")}
          />
          <div>
            <Button type="submit">{t("workspace.giveAdvice")}</Button>
          </div>
        </Form>
      </Card>

      <Card
        title={
          latestVersion
            ? t("workspace.reviewHeading", { number: latestVersion })
            : t("section.reviewHeading")
        }
      >
        {latestVersion ? (
          <Form
            method="post"
            {...getFormProps(reviewForm)}
            noValidate
            className="flex flex-col gap-5"
          >
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="versionNumber" value={latestVersion} />
            {latestReview ? (
              <p className="text-muted">
                {latestReview.outcome === "CONCERNS"
                  ? t("section.concerns", {
                      number: latestVersion,
                      date: when.format(new Date(latestReview.createdAt)),
                    })
                  : t("section.reviewed", {
                      number: latestVersion,
                      date: when.format(new Date(latestReview.createdAt)),
                    })}
              </p>
            ) : null}
            <FormError errors={reviewForm.errors} id={reviewForm.errorId} />
            <fieldset className="flex flex-col gap-2">
              <legend className="font-semibold">{t("workspace.outcome")}</legend>
              {(["REVIEWED", "CONCERNS"] as const).map((outcome) => (
                <label key={outcome} className="flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name={reviewFields.outcome.name}
                    value={outcome}
                    defaultChecked={outcome === "REVIEWED"}
                    className="size-4 accent-brand-600"
                  />
                  {outcome === "REVIEWED"
                    ? t("workspace.outcomeReviewed")
                    : t("workspace.outcomeConcerns")}
                </label>
              ))}
            </fieldset>
            <TextAreaField
              {...fieldProps(reviewFields.remarks)}
              label={t("workspace.reviewRemarks")}
              hint={t("workspace.reviewRemarksHint")}
              rows={3}
            />
            <div>
              <Button type="submit">{t("workspace.saveReview")}</Button>
            </div>
          </Form>
        ) : (
          <p className="text-muted">{t("workspace.reviewNothing")}</p>
        )}
      </Card>

      <Card title={t("workspace.medicalHeading")}>
        <p className="mb-4 text-muted">{t("workspace.medicalIntro")}</p>
        <Form
          method="post"
          {...getFormProps(medicalForm)}
          noValidate
          className="flex flex-col gap-4"
        >
          <input type="hidden" name="intent" value="medical-note" />
          <FormError errors={medicalForm.errors} id={medicalForm.errorId} />
          <TextAreaField
            {...fieldProps(medicalFields.body)}
            label={t("workspace.medicalBody")}
            rows={4}
          />
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="shareWithEmployee" className="size-4 accent-brand-600" />
            {t("workspace.shareWithEmployee")}
          </label>
          <div>
            <Button type="submit">{t("workspace.saveMedical")}</Button>
          </div>
        </Form>
        <div className="mt-4">
          <NoteList
            notes={medicalNotes}
            empty={t("workspace.noMedical")}
            label={(note) =>
              note.sharedWithEmployee ? t("workspace.sharedWithEmployee") : t("workspace.onlyYou")
            }
          />
        </div>
      </Card>

      <Card title={t("workspace.employeeNotesHeading")}>
        <NoteList notes={employeeNotes ?? []} empty={t("workspace.employeeNotesNone")} />
      </Card>
    </div>
  );
}
