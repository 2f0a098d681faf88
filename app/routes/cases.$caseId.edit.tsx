import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { CaseFields } from "#app/components/case-fields.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import {
  closedReasonMaxLength,
  closingCategories,
  editCaseSchema,
} from "#app/modules/cases/case-form.ts";
import { caseStatuses } from "#app/modules/cases/case-statuses.ts";
import {
  caseCandidates,
  departmentsOf,
  partiesOf,
  updateCase,
} from "#app/modules/cases/cases.server.ts";
import { forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.edit";

export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  if (!can(member.actor, "case.manage", partiesOf(record))) forbidden();
  return {
    caseId: record.id,
    employeeName: record.employee?.name ?? record.invitedEmail ?? "",
    candidates: await caseCandidates(tdb, record),
    departments: await departmentsOf(tdb),
    defaults: {
      status: record.status,
      closedCategory: record.closedCategory ?? "",
      closedReason: record.closedReason ?? "",
      department: record.department ?? "",
      managerId: record.managerId,
      physicianId: record.physicianId ?? "",
      country: record.country,
      startKind: record.startKind,
      startDate: record.startDate ? record.startDate.toISOString().slice(0, 10) : "",
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  if (!can(member.actor, "case.manage", partiesOf(record))) forbidden();
  const submission = parseWithZod(await args.request.formData(), {
    schema: editCaseSchema(record.startDate?.toISOString().slice(0, 10)),
  });
  if (submission.status !== "success") return submission.reply();
  const result = orRespond(
    await updateCase(tdb, member.actor, record, submission.value, clientOf(args)),
  );
  if (!result.ok) return submission.reply({ fieldErrors: { [result.field]: [result.message] } });
  return redirectWithToast(`/cases/${record.id}`, { kind: "success", message: "cases:form.saved" });
}

export default function EditCase({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("cases");
  const submitting = useIsSubmitting();
  const { candidates, defaults, caseId, employeeName, departments } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: editCaseSchema(defaults.startDate || undefined) }),
  });
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {employeeName}
        </Link>
      </p>
      <PageHeader title={t("form.editTitle")} />
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <SelectField
          {...fieldProps(fields.status)}
          label={t("form.status")}
          options={caseStatuses.map((status) => ({
            value: status,
            label: t(`caseStatuses.${status}`, { ns: "common" }),
          }))}
        />
        <SelectField
          {...fieldProps(fields.closedCategory)}
          label={t("form.closedCategory")}
          hint={t("form.closedCategoryHint")}
          placeholder={t("form.noClosedCategory")}
          options={closingCategories.map((category) => ({
            value: category,
            label: t(`closingCategories.${category}`, { ns: "cases" }),
          }))}
        />
        <TextAreaField
          {...fieldProps(fields.closedReason)}
          limit={closedReasonMaxLength}
          label={t("form.closedReason")}
          hint={t("form.closedReasonHint")}
          rows={2}
        />
        <CaseFields fields={fields as never} candidates={candidates} departments={departments} />
        <div>
          <Button type="submit" pending={submitting}>
            {t("form.save")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
