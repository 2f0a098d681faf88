import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import {
  resendVerification,
  verifyEmailWithCode,
  verifyEmailWithLink,
} from "#app/modules/auth/accounts.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage, redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { codeSchema, emailOnlySchema } from "#app/modules/auth/schemas.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/verify-email";

const welcome = { kind: "success", message: "auth:verify.verified" } as const;

/** Opening the e-mailed link confirms the address and signs in; otherwise the page asks for the code. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (token) {
    const result = await verifyEmailWithLink(token, clientOf({ context }));
    if (result.ok) return redirectSignedIn(result.value, "/app", welcome);
    return { email: "", linkInvalid: true };
  }
  return { email: url.searchParams.get("email") ?? "", linkInvalid: false };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const client = clientOf({ context });
  if (formData.get("intent") === "resend") {
    const submission = parseWithZod(formData, { schema: emailOnlySchema });
    if (submission.status !== "success") return { resend: submission.reply(), resent: false };
    const result = await resendVerification(submission.value.email, client);
    if (!result.ok) {
      return {
        resend: submission.reply({ formErrors: [rateLimitedMessage(result.retryAt)] }),
        resent: false,
      };
    }
    return { resend: submission.reply(), resent: true };
  }
  const submission = parseWithZod(formData, { schema: codeSchema });
  if (submission.status !== "success") return { verify: submission.reply(), resent: false };
  const result = await verifyEmailWithCode(submission.value.email, submission.value.code, client);
  if (result.ok) return redirectSignedIn(result.value, "/app", welcome);
  const message =
    result.reason === "rate-limited"
      ? rateLimitedMessage(result.retryAt)
      : "auth:errors.invalidCode";
  return { verify: submission.reply({ formErrors: [message] }), resent: false };
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [form, fields] = useForm({
    id: "verify",
    lastResult: actionData?.verify,
    defaultValue: { email: loaderData.email },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeSchema }),
  });
  const [resendForm, resendFields] = useForm({
    id: "resend",
    lastResult: actionData?.resend,
    defaultValue: { email: loaderData.email },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
  });
  return (
    <AuthLayout>
      <PageHeader
        title={t("verify.title")}
        intro={
          loaderData.email
            ? t("verify.intro", { email: loaderData.email })
            : t("verify.introNoEmail")
        }
      />
      {loaderData.linkInvalid ? (
        <div className="mb-5">
          <FormError errors={["auth:verify.linkInvalid"]} />
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <TextField
          {...fieldProps(fields.email)}
          type="email"
          label={t("fields.email")}
          autoComplete="email"
        />
        <TextField
          {...fieldProps(fields.code)}
          label={t("fields.code")}
          hint={t("fields.codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          className="max-w-40 font-mono text-lg tracking-widest"
        />
        <div>
          <Button
            type="submit"
            name="intent"
            value="verify"
            pending={intent === "verify"}
            pendingLabel={t("signin.pending")}
          >
            {t("verify.submit")}
          </Button>
        </div>
      </Form>
      <Card title={t("verify.resendHeading")} className="mt-8">
        <p className="mb-4 text-muted">{t("verify.resendBody")}</p>
        {actionData?.resent ? (
          <div className="mb-4">
            <Notice>{t("verify.resent")}</Notice>
          </div>
        ) : null}
        <Form
          method="post"
          {...getFormProps(resendForm)}
          noValidate
          className="flex flex-col gap-4"
        >
          <FormError errors={resendForm.errors} id={resendForm.errorId} />
          <TextField
            {...fieldProps(resendFields.email)}
            type="email"
            label={t("fields.email")}
            autoComplete="email"
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="resend"
              variant="secondary"
              pending={intent === "resend"}
            >
              {t("verify.resend")}
            </Button>
          </div>
        </Form>
      </Card>
    </AuthLayout>
  );
}
