import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { signUp } from "#app/modules/auth/accounts.server.ts";
import { clientOf, requireAnonymous } from "#app/modules/auth/request.server.ts";
import { passwordProblemMessages, rateLimitedMessage } from "#app/modules/auth/respond.server.ts";
import { nameField, passwordField } from "#app/modules/auth/schemas.ts";
import { languageNames, languageOfRequest, languages } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requiredChoice, requiredEmail, requiredText } from "#app/modules/validation.ts";
import type { Route } from "./+types/signup";

const countries = ["NL", "BE", "UK"] as const;
const schema = z.object({
  organizationName: requiredText(120),
  country: requiredChoice(countries),
  language: requiredChoice(languages),
  name: nameField,
  email: requiredEmail(),
  password: passwordField,
});

export function loader({ request, context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return { language: languageOfRequest(request) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await signUp(submission.value, clientOf({ context }));
  if (!result.ok && result.reason === "rate-limited") {
    return submission.reply({
      formErrors: [rateLimitedMessage(result.retryAt)],
      hideFields: ["password"],
    });
  }
  if (!result.ok) {
    return submission.reply({
      fieldErrors: { password: [passwordProblemMessages[result.problem]] },
      hideFields: ["password"],
    });
  }
  return redirect(`/verify-email?${new URLSearchParams({ email: result.value.email })}`);
}

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const submitting = useIsSubmitting("/signup");
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { language: loaderData.language, country: "NL" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <AuthLayout>
      <PageHeader title={t("signup.title")} intro={t("signup.intro")} />
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <TextField
          {...fieldProps(fields.organizationName)}
          label={t("fields.organizationName")}
          autoComplete="organization"
        />
        <SelectField
          {...fieldProps(fields.country)}
          label={t("fields.country")}
          hint={t("fields.countryHint")}
          options={countries.map((country) => ({
            value: country,
            label: t(`countries.${country}`, { ns: "common" }),
          }))}
        />
        <SelectField
          {...fieldProps(fields.language)}
          label={t("fields.language")}
          hint={t("fields.languageHint")}
          options={languages.map((language) => ({
            value: language,
            label: languageNames[language],
          }))}
        />
        <TextField {...fieldProps(fields.name)} label={t("fields.name")} autoComplete="name" />
        <TextField
          {...fieldProps(fields.email)}
          type="email"
          label={t("fields.workEmail")}
          autoComplete="email"
        />
        <TextField
          {...fieldProps(fields.password)}
          type="password"
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
        />
        <div>
          <Button type="submit" pending={submitting} pendingLabel={t("signup.pending")}>
            {t("signup.submit")}
          </Button>
        </div>
      </Form>
      <p className="mt-6 text-muted">
        {t("signup.haveAccount")}{" "}
        <Link to="/signin" className="font-semibold text-brand-700 underline">
          {t("signup.signIn")}
        </Link>
      </p>
    </AuthLayout>
  );
}
