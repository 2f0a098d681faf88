import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { z } from "zod";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button, ButtonLink } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { resetLinkIsValid, resetPassword } from "#app/modules/auth/accounts.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { passwordProblemMessages, redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { passwordField } from "#app/modules/auth/schemas.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/reset-password";

const schema = z.object({ token: z.string().default(""), password: passwordField });

export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: token !== "" && (await resetLinkIsValid(token)) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await resetPassword(
    submission.value.token,
    submission.value.password,
    clientOf({ context }),
  );
  if (result.ok) {
    return redirectSignedIn(result.value, "/app", { kind: "success", message: "auth:reset.done" });
  }
  if (result.reason === "weak-password") {
    return submission.reply({
      fieldErrors: { password: [passwordProblemMessages[result.problem]] },
      hideFields: ["password"],
    });
  }
  return submission.reply({ formErrors: ["auth:reset.invalid"], hideFields: ["password"] });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: actionData,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (!loaderData.valid) {
    return (
      <AuthLayout>
        <PageHeader title={t("reset.title")} />
        <div className="flex flex-col gap-5">
          <FormError errors={["auth:reset.invalid"]} />
          <p>
            <ButtonLink to="/forgot-password">{t("magic.newLink")}</ButtonLink>
          </p>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout>
      <PageHeader title={t("reset.title")} intro={t("reset.intro")} />
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="token" value={loaderData.token} />
        <TextField
          {...fieldProps(fields.password)}
          type="password"
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
        />
        <div>
          <Button type="submit" pending={submitting} pendingLabel={t("reset.pending")}>
            {t("reset.submit")}
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
