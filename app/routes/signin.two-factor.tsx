import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { completeTwoFactorSignIn } from "#app/modules/auth/accounts.server.ts";
import {
  clientOf,
  pendingSignInToken,
  requireAnonymous,
} from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage, redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { twoFactorSignInSchema } from "#app/modules/auth/schemas.ts";
import { blankPendingSignInCookie } from "#app/modules/auth/session.server.ts";
import { pendingSignInOf } from "#app/modules/auth/two-factor.server.ts";
import { safeRedirect } from "#app/modules/http/safe-redirect.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/signin.two-factor";

/**
 * The second step of signing in, for people with two-factor sign-in on: the
 * code from their app, or a recovery code. Until it is right the browser
 * holds only the pending sign-in's cookie, which no other page reads.
 */
function startAgain() {
  return redirectWithToast(
    "/signin",
    { kind: "info", message: "twoFactor:expired" },
    { headers: { "Set-Cookie": blankPendingSignInCookie() } },
  );
}

export async function loader({ request, context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  if (!(await pendingSignInOf(pendingSignInToken(request)))) {
    // Nothing to finish: straight to the start, without a message, unless a sign-in ran out.
    if (pendingSignInToken(request)) throw await startAgain();
    throw redirect("/signin");
  }
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await request.formData(), { schema: twoFactorSignInSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["code"] });
  const { code, redirectTo } = submission.value;
  const result = await completeTwoFactorSignIn(
    pendingSignInToken(request),
    code,
    clientOf({ context }),
  );
  if (result.ok) {
    const answer = await redirectSignedIn(
      result.value,
      safeRedirect(redirectTo, "/app"),
      result.value.secondFactor === "recovery"
        ? { kind: "info", message: "twoFactor:recoveryUsed" }
        : undefined,
    );
    answer.headers.append("Set-Cookie", blankPendingSignInCookie());
    return answer;
  }
  switch (result.reason) {
    case "expired":
      return startAgain();
    case "rate-limited":
      return submission.reply({
        formErrors: [rateLimitedMessage(result.retryAt)],
        hideFields: ["code"],
      });
    default:
      return submission.reply({
        fieldErrors: { code: ["twoFactor:errors.wrongCode"] },
        hideFields: ["code"],
      });
  }
}

export default function TwoFactorSignIn({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("twoFactor");
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: actionData,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: twoFactorSignInSchema }),
  });
  return (
    <AuthLayout>
      <PageHeader title={t("signInTitle")} intro={t("signInIntro")} />
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/app"} />
        <TextField
          {...fieldProps(fields.code)}
          label={t("signInCode")}
          hint={t("signInCodeHint")}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
        />
        <div>
          <Button type="submit" pending={submitting} pendingLabel={t("signingIn")}>
            {t("signIn")}
          </Button>
        </div>
      </Form>
      <p className="mt-6">
        <Link to="/signin" className="font-medium text-brand-700 underline">
          {t("otherAccount")}
        </Link>
      </p>
    </AuthLayout>
  );
}
