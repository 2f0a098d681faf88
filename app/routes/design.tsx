import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { z } from "zod";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { Dialog } from "#app/components/ui/dialog.tsx";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requiredChoice, requiredEmail, requiredText } from "#app/modules/validation.ts";
import type { Route } from "./+types/design";

/**
 * The living style guide: every building block on one page, and a form that
 * shows how validation, kept input and pending states behave.
 */
const roles = ["hr", "manager", "employee", "physician"] as const;
const schema = z.object({
  name: requiredText(80),
  email: requiredEmail(),
  role: requiredChoice(roles),
});

export async function action({ request }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return submission.reply();
  }
  return redirectWithToast("/design", {
    kind: "success",
    message: "designSystem.submitted",
    values: { name: submission.value.name },
  });
}

export default function DesignSystem({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const submitting = useIsSubmitting("/design");
  const [form, fields] = useForm({
    lastResult: actionData,
    // Errors appear when the form is sent, then clear as each field is put right.
    // (Validating on blur made the send button jump away from under the pointer.)
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="flex flex-col gap-8">
      <title>{`${t("designSystem.title")} · ${t("app.name")}`}</title>
      <meta name="robots" content="noindex" />
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight">{t("designSystem.title")}</h1>
        <p className="mt-2 text-lg text-muted">{t("designSystem.intro")}</p>
      </header>

      <Card title={t("designSystem.buttons")}>
        <div className="flex flex-wrap gap-3">
          <Button>{t("designSystem.primary")}</Button>
          <Button variant="secondary">{t("designSystem.secondary")}</Button>
          <Button variant="danger">{t("designSystem.danger")}</Button>
          <Button pending pendingLabel={t("designSystem.pending")}>
            {t("actions.save")}
          </Button>
        </div>
      </Card>

      <Card title={t("designSystem.formHeading")}>
        <p className="mb-4 text-muted">{t("designSystem.formIntro")}</p>
        <Form
          method="post"
          {...getFormProps(form)}
          noValidate
          className="flex max-w-md flex-col gap-5"
        >
          <TextField
            {...fieldProps(fields.name)}
            type="text"
            autoComplete="name"
            label={t("designSystem.nameLabel")}
            hint={t("designSystem.nameHint")}
          />
          <TextField
            {...fieldProps(fields.email)}
            type="email"
            autoComplete="email"
            label={t("designSystem.emailLabel")}
          />
          <SelectField
            {...fieldProps(fields.role)}
            label={t("designSystem.roleLabel")}
            hint={t("designSystem.roleHint")}
            placeholder={t("designSystem.roleChoose")}
            options={roles.map((role) => ({ value: role, label: t(`designSystem.roles.${role}`) }))}
          />
          <div>
            <Button type="submit" pending={submitting} pendingLabel={t("designSystem.pending")}>
              {t("designSystem.submit")}
            </Button>
          </div>
        </Form>
      </Card>

      <Card title={t("designSystem.dialogHeading")}>
        <Dialog trigger={t("designSystem.dialogOpen")} title={t("designSystem.dialogTitle")}>
          <p>{t("designSystem.dialogBody")}</p>
        </Dialog>
      </Card>

      <section aria-labelledby="cards">
        <h2 id="cards" className="mb-3 text-xl font-semibold">
          {t("designSystem.cardsHeading")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Card title={t("home.audiences.hr.title")} headingLevel={3}>
            {t("designSystem.cardBody")}
          </Card>
          <Card title={t("home.audiences.employee.title")} headingLevel={3}>
            {t("designSystem.cardBody")}
          </Card>
        </div>
      </section>
    </div>
  );
}
