import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import type { z } from "zod";
import { NotPayingNotice } from "#app/components/billing-notices.tsx";
import { CaseFields } from "#app/components/case-fields.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { standingFor } from "#app/modules/billing/billing.server.ts";
import { caseKinds, newCaseSchema } from "#app/modules/cases/case-form.ts";
import { caseCandidates, departmentsOf, openCase } from "#app/modules/cases/cases.server.ts";
import { forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { findOrganization } from "#app/modules/organizations/organizations.server.ts";
import { billingAllows, can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.new";

export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb } = requireMember(args);
  if (!can(actor, "cases.open")) forbidden();
  const [candidates, organization, standing, departments] = await Promise.all([
    caseCandidates(tdb),
    findOrganization(actor.organizationId),
    standingFor(tdb),
    departmentsOf(tdb),
  ]);
  return {
    candidates,
    departments,
    notPaying: !billingAllows("cases.open", standing),
    isOwner: can(actor, "billing.manage"),
    defaults: {
      country: organization.country,
      managerId: actor.role === "MANAGER" ? actor.userId : undefined,
      kind: "OWN_HEALTH",
      startKind: "ABSENCE",
    },
  };
}

export async function action(args: Route.ActionArgs) {
  const { actor, user, tdb } = requireMember(args);
  if (!can(actor, "cases.open")) forbidden();
  const submission = parseWithZod(await args.request.formData(), { schema: newCaseSchema });
  if (submission.status !== "success") return submission.reply();
  const result = orRespond(
    await openCase(tdb, { ...actor, name: user.name }, submission.value, clientOf(args)),
  );
  if (!result.ok) {
    // Not paying is about the organisation, not a field; what was typed stays.
    if (!("field" in result)) return submission.reply({ formErrors: ["billing:notPaying.cases"] });
    return submission.reply({ fieldErrors: { [result.field]: [result.message] } });
  }
  return redirectWithToast(`/cases/${result.value.caseId}`, {
    kind: "success",
    message: result.value.invited ? "cases:form.openedInvited" : "cases:form.opened",
  });
}

export default function NewCase({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("cases");
  const submitting = useIsSubmitting();
  const { candidates, defaults } = loaderData;
  const [form, fields] = useForm<z.input<typeof newCaseSchema>>({
    lastResult: actionData,
    defaultValue: defaults as z.input<typeof newCaseSchema>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCaseSchema }),
  });
  const people = (list: Array<{ id: string; name: string; email: string }>) =>
    list.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }));
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("form.newTitle")} intro={t("form.newIntro")} />
      {loaderData.notPaying ? (
        <NotPayingNotice action="cases" isOwner={loaderData.isOwner} />
      ) : (
        <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
          <FormError errors={form.errors} id={form.errorId} />
          <SelectField
            {...fieldProps(fields.kind)}
            label={t("form.kind")}
            options={caseKinds.map((kind) => ({
              value: kind,
              label: t(`caseKinds.${kind}`, { ns: "common" }),
            }))}
          />
          <fieldset className="flex flex-col gap-4 rounded-xl border border-line p-4">
            <legend className="px-1 font-semibold">{t("form.employee")}</legend>
            <p className="text-sm text-muted">{t("form.employeeHint")}</p>
            <SelectField
              {...fieldProps(fields.employeeId)}
              label={t("form.employee")}
              placeholder={t("form.chooseEmployee")}
              options={people(candidates.employees)}
            />
            <TextField
              {...fieldProps(fields.employeeEmail)}
              type="email"
              label={t("form.employeeEmail")}
              autoComplete="off"
            />
          </fieldset>
          <CaseFields
            fields={fields as never}
            candidates={candidates}
            departments={loaderData.departments}
          />
          <div>
            <Button type="submit" pending={submitting} pendingLabel={t("form.pending")}>
              {t("form.submit")}
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}
