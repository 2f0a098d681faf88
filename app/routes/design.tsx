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
    message: "design:submitted",
    values: { name: submission.value.name },
  });
}

export default function DesignSystem({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { t: td } = useTranslation("design");
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
      <title>{`${td("title")} · ${t("app.name")}`}</title>
      <meta name="robots" content="noindex" />
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight">{td("title")}</h1>
        <p className="mt-2 text-lg text-muted">{td("intro")}</p>
      </header>

      <Card title={td("buttons")}>
        <div className="flex flex-wrap gap-3">
          <Button>{td("primary")}</Button>
          <Button variant="secondary">{td("secondary")}</Button>
          <Button variant="danger">{td("danger")}</Button>
          <Button pending pendingLabel={td("pending")}>
            {t("actions.save")}
          </Button>
        </div>
      </Card>

      <Card title={td("formHeading")}>
        <p className="mb-4 text-muted">{td("formIntro")}</p>
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
            label={td("nameLabel")}
            hint={td("nameHint")}
          />
          <TextField
            {...fieldProps(fields.email)}
            type="email"
            autoComplete="email"
            label={td("emailLabel")}
          />
          <SelectField
            {...fieldProps(fields.role)}
            label={td("roleLabel")}
            hint={td("roleHint")}
            placeholder={td("roleChoose")}
            options={roles.map((role) => ({ value: role, label: td(`roles.${role}`) }))}
          />
          <div>
            <Button type="submit" pending={submitting} pendingLabel={td("pending")}>
              {td("submit")}
            </Button>
          </div>
        </Form>
      </Card>

      <Card title={td("dialogHeading")}>
        <Dialog trigger={td("dialogOpen")} title={td("dialogTitle")}>
          <p>{td("dialogBody")}</p>
        </Dialog>
      </Card>

      <section aria-labelledby="cards">
        <h2 id="cards" className="mb-3 text-xl font-semibold">
          {td("cardsHeading")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Card title={t("audiences.hr.title", { ns: "home" })} headingLevel={3}>
            {td("cardBody")}
          </Card>
          <Card title={t("audiences.employee.title", { ns: "home" })} headingLevel={3}>
            {td("cardBody")}
          </Card>
        </div>
      </section>
    </div>
  );
}
