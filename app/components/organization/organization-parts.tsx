import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { SecondFactorField } from "#app/components/two-factor/second-factor-field.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { checkboxProps, fieldProps } from "#app/components/ui/conform.ts";
import { CheckboxField, SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { formatMoment, formatMomentDate } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  deletionSchema,
  rolesAfterHandover,
  transferSchema,
} from "#app/modules/organizations/forms.ts";
import type { Role } from "#app/modules/policy/policy.ts";

/** The parts of the owners' page about the organisation (app/routes/organization.tsx). */
function usePending() {
  return useNavigation().formData?.get("intent");
}

/** Another member becomes owner; the owner chooses their own new role in the same step. */
export function TransferOwnership({
  candidates,
  lastResult,
}: {
  candidates: Array<{ id: string; role: Role; name: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation(["organization", "auth"]);
  const pending = usePending();
  const [form, fields] = useForm({
    id: "transfer",
    lastResult,
    defaultValue: { ownRole: "HR" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: transferSchema }),
  });
  return (
    <Card title={t("transfer.heading")}>
      <div className="flex flex-col gap-4">
        <p>{t("transfer.intro")}</p>
        {candidates.length === 0 ? (
          <Notice>{t("transfer.nobody")}</Notice>
        ) : (
          <Form
            method="post"
            {...getFormProps(form)}
            noValidate
            className="flex max-w-md flex-col gap-5"
          >
            <FormError errors={form.errors} id={form.errorId} />
            <SelectField
              {...fieldProps(fields.newOwner)}
              label={t("transfer.newOwner")}
              placeholder={t("transfer.choose")}
              options={candidates.map((person) => ({
                value: person.id,
                label: `${person.name} (${t(`auth:roles.${person.role}`)})`,
              }))}
            />
            <SelectField
              {...fieldProps(fields.ownRole)}
              label={t("transfer.ownRole")}
              hint={t("transfer.ownRoleHint")}
              options={rolesAfterHandover.map((role) => ({
                value: role,
                label: t(`auth:roles.${role}`),
              }))}
            />
            <div>
              <CheckboxField {...checkboxProps(fields.confirm)} label={t("transfer.confirm")} />
              {fields.confirm.errors ? <FormError errors={fields.confirm.errors} /> : null}
              <SecondFactorField
                id={fields.secondFactorCode.id}
                errors={fields.secondFactorCode.errors}
              />
            </div>
            <div>
              <Button type="submit" name="intent" value="transfer" pending={pending === "transfer"}>
                {t("transfer.submit")}
              </Button>
            </div>
          </Form>
        )}
      </div>
    </Card>
  );
}

/** What the export holds and leaves out, when it was last downloaded, and the download. */
export function OrganizationExport({ lastExportAt }: { lastExportAt: string | null }) {
  const { t, i18n } = useTranslation("organization");
  return (
    <Card title={t("export.heading")}>
      <div className="flex flex-col gap-4">
        <p>{t("export.intro")}</p>
        <div>
          <p className="font-semibold">{t("export.notIncludedHeading")}</p>
          <p className="text-muted">{t("export.notIncluded")}</p>
        </div>
        <p data-testid="last-export">
          {lastExportAt
            ? t("export.last", { moment: formatMoment(i18n.language, lastExportAt) })
            : t("export.never")}
        </p>
        <p>
          {/* A plain link: the browser saves the file, with or without JavaScript. */}
          <a
            href="/organization/export"
            download
            className="btn btn-secondary"
            data-testid="download-export"
          >
            {t("export.download")}
          </a>
        </p>
      </div>
    </Card>
  );
}

/** The rule, and the typed name that schedules the deletion. */
export function ScheduleDeletion({
  organizationName,
  exportFresh,
  gracePeriodDays,
  exportValidForHours,
  lastResult,
}: {
  organizationName: string;
  exportFresh: boolean;
  gracePeriodDays: number;
  exportValidForHours: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("organization");
  const pending = usePending();
  const [form, fields] = useForm({
    id: "deletion",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deletionSchema }),
  });
  return (
    <Card title={t("deletion.heading")}>
      <div className="flex flex-col gap-4">
        <p>{t("deletion.intro", { days: gracePeriodDays })}</p>
        <p className="font-medium">{t("deletion.rule", { hours: exportValidForHours })}</p>
        {exportFresh ? null : <Notice>{t("deletion.exportFirst")}</Notice>}
        <Form
          method="post"
          {...getFormProps(form)}
          noValidate
          className="flex max-w-md flex-col gap-5"
        >
          <FormError errors={form.errors} id={form.errorId} />
          <TextField
            {...fieldProps(fields.confirmName)}
            label={t("deletion.confirmName", { organization: organizationName })}
            autoComplete="off"
          />
          <SecondFactorField
            id={fields.secondFactorCode.id}
            errors={fields.secondFactorCode.errors}
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="schedule-deletion"
              variant="danger"
              pending={pending === "schedule-deletion"}
            >
              {t("deletion.submit", { days: gracePeriodDays })}
            </Button>
          </div>
        </Form>
      </div>
    </Card>
  );
}

/** While a deletion is scheduled: when, what it means, and the way to cancel it. */
export function DeletionScheduled({
  organizationName,
  deletionDueAt,
}: {
  organizationName: string;
  deletionDueAt: string;
}) {
  const { t, i18n } = useTranslation("organization");
  const pending = usePending();
  return (
    <Card title={t("deletion.scheduledHeading")}>
      <div className="flex flex-col gap-4">
        <p data-testid="deletion-scheduled">
          {t("deletion.scheduledText", {
            organization: organizationName,
            date: formatMomentDate(i18n.language, deletionDueAt),
          })}
        </p>
        <p className="text-muted">{t("deletion.readOnly")}</p>
        <Form method="post">
          <Button
            type="submit"
            name="intent"
            value="cancel-deletion"
            pending={pending === "cancel-deletion"}
          >
            {t("deletion.cancel")}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
