import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { maxDrawingLength, signSchema } from "#app/modules/agreements/forms.ts";
import { parseErrorMessage } from "#app/modules/error-messages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { SignaturePad } from "./signature-pad.tsx";

type Props = {
  agreement: { versionNumber: number; planHash: string; documentHash: string };
  signer: { name: string; hasPassword: boolean; proof: "password" | "code" };
  lastResult: SubmissionResult<string[]> | undefined;
};

/**
 * Signing: a statement naming the version and its fingerprint, the signer's
 * own name typed, an optional drawing, and proof that it is them (their
 * password, or a code sent by e-mail). What was typed comes back after a
 * refusal, except the password and the code.
 */
export function SignForm({ agreement, signer, lastResult }: Props) {
  const { t } = useTranslation("agreements");
  const signing = useSubmittingIntent("sign");
  const sendingCode = useSubmittingIntent("send-code");
  const [form, fields] = useForm({
    id: "sign-form",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signSchema }),
  });
  const statementErrors = fields.statement.errors;
  return (
    <section id="sign" aria-labelledby="sign-heading" className="item-card flex flex-col gap-4">
      <h2 id="sign-heading" className="text-xl font-semibold">
        {t("sign.heading")}
      </h2>
      <p>{t("sign.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
        <input type="hidden" name="documentHash" value={agreement.documentHash} />
        <input type="hidden" name="proof" value={signer.proof} />
        <FormError errors={form.errors} id={form.errorId} />
        <div className="flex flex-col gap-1.5">
          <label className="flex items-start gap-3 rounded-lg border border-line p-3">
            <input
              type="checkbox"
              name="statement"
              id={fields.statement.id}
              defaultChecked={fields.statement.initialValue === "on"}
              aria-invalid={statementErrors?.length ? true : undefined}
              aria-describedby={
                statementErrors?.length ? `${fields.statement.id}-error` : undefined
              }
              className="mt-1 size-5 shrink-0 accent-brand-600"
            />
            <span>
              {t("sign.statement", { number: agreement.versionNumber })}{" "}
              <code className="break-all font-mono text-sm">{agreement.planHash}</code>
            </span>
          </label>
          {statementErrors?.length ? (
            <p id={`${fields.statement.id}-error`} className="text-sm font-medium text-danger-700">
              {statementErrors
                .map((message) => t(parseErrorMessage(message).key as never))
                .join(" ")}
            </p>
          ) : null}
        </div>
        <TextField
          {...fieldProps(fields.typedName)}
          label={t("sign.typedName")}
          hint={t("sign.typedNameHint", { name: signer.name })}
          autoComplete="name"
        />
        <SignaturePad name="drawing" maxLength={maxDrawingLength} />
        {signer.proof === "password" ? (
          <TextField
            {...fieldProps(fields.password)}
            defaultValue=""
            type="password"
            autoComplete="current-password"
            label={t("sign.password")}
            hint={t("sign.passwordHint")}
          />
        ) : (
          <TextField
            {...fieldProps(fields.code)}
            defaultValue=""
            inputMode="numeric"
            autoComplete="one-time-code"
            label={t("sign.code")}
            hint={t("sign.codeHint")}
          />
        )}
        <div className="flex flex-wrap gap-3">
          <Button
            type="submit"
            name="intent"
            value="sign"
            pending={signing}
            pendingLabel={t("sign.pending")}
          >
            {t("sign.button")}
          </Button>
          {/* Its own form (below), so that asking for a code never validates the signature. */}
          <Button
            type="submit"
            form="send-code"
            name="intent"
            value="send-code"
            variant="secondary"
            pending={sendingCode}
            pendingLabel={t("sign.sendingCode")}
          >
            {signer.proof === "code" ? t("sign.sendCode") : t("sign.useCodeInstead")}
          </Button>
        </div>
      </Form>
      <Form id="send-code" method="post" hidden />
    </section>
  );
}
