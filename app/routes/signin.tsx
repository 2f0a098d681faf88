import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { signInWithPassword } from "#app/modules/auth/accounts.server.ts";
import { clientOf, requireAnonymous } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage, redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { signInSchema } from "#app/modules/auth/schemas.ts";
import { safeRedirect } from "#app/modules/http/safe-redirect.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/signin";

export function loader({ context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await request.formData(), { schema: signInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, password, redirectTo } = submission.value;
  const result = await signInWithPassword(email, password, clientOf({ context }));
  if (result.ok) return redirectSignedIn(result.value, safeRedirect(redirectTo, "/app"));
  switch (result.reason) {
    case "unverified":
      return redirectWithToast(`/verify-email?${new URLSearchParams({ email: result.email })}`, {
        kind: "info",
        message: "auth:signin.unverified",
      });
    case "rate-limited":
      return submission.reply({
        formErrors: [rateLimitedMessage(result.retryAt)],
        hideFields: ["password"],
      });
    default:
      return submission.reply({
        formErrors: ["auth:errors.invalidCredentials"],
        hideFields: ["password"],
      });
  }
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: actionData,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <AuthLayout>
      <PageHeader title={t("signin.title")} />
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/app"} />
        <TextField
          {...fieldProps(fields.email)}
          type="email"
          label={t("fields.email")}
          autoComplete="email"
        />
        <TextField
          {...fieldProps(fields.password)}
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
        />
        <div>
          <Button type="submit" pending={submitting} pendingLabel={t("signin.pending")}>
            {t("signin.submit")}
          </Button>
        </div>
      </Form>
      <ul className="mt-6 flex flex-col gap-2">
        <li>
          <Link to="/forgot-password" className="font-medium text-brand-700 underline">
            {t("signin.forgot")}
          </Link>
        </li>
        <li>
          <Link to="/signin/link" className="font-medium text-brand-700 underline">
            {t("signin.withLink")}
          </Link>
        </li>
        <li className="text-muted">
          {t("signin.noAccount")}{" "}
          <Link to="/signup" className="font-medium text-brand-700 underline">
            {t("signin.createAccount")}
          </Link>
        </li>
      </ul>
    </AuthLayout>
  );
}
