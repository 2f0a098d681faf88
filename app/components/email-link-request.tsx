import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { emailOnlySchema } from "#app/modules/auth/schemas.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { AuthLayout, PageHeader } from "./page.tsx";
import { Button } from "./ui/button.tsx";
import { fieldProps } from "./ui/conform.ts";
import { TextField } from "./ui/field.tsx";
import { FormError, Notice } from "./ui/form-error.tsx";
import { useIsSubmitting } from "./ui/pending.tsx";

/**
 * "Type your address and we e-mail you a link": the magic-link and the
 * forgotten-password pages. The answer is the same whether or not the
 * address has an account.
 */
export function EmailLinkRequest({
  title,
  intro,
  submit,
  sentMessage,
  result,
}: {
  title: string;
  intro: string;
  submit: string;
  sentMessage: string;
  result: { reply: SubmissionResult<string[]>; sent: boolean } | undefined;
}) {
  const { t } = useTranslation("auth");
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: result?.reply,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
  });
  return (
    <AuthLayout>
      <PageHeader title={title} intro={intro} />
      {result?.sent ? (
        <div className="mb-5">
          <Notice>{sentMessage}</Notice>
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
        <div>
          <Button type="submit" pending={submitting} pendingLabel={t("magic.pending")}>
            {submit}
          </Button>
        </div>
      </Form>
      <p className="mt-6">
        <Link to="/signin" className="font-medium text-brand-700 underline">
          {t("magic.backToSignIn")}
        </Link>
      </p>
    </AuthLayout>
  );
}
