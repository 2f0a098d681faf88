import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { Button, ButtonLink } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { twoFactorChangeSchema } from "#app/modules/auth/schemas.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { RecoveryCodes } from "./recovery-codes.tsx";

/**
 * Two-factor sign-in on the account page: off (a link to set it up), or on
 * (since when, the recovery codes left, and with a current code: new
 * recovery codes, or off).
 */
export function TwoFactorCard({
  status,
  lastResult,
  recoveryCodes,
  pending,
}: {
  status: { on: false } | { on: true; since: Date; recoveryCodesLeft: number };
  lastResult: SubmissionResult<string[]> | undefined;
  recoveryCodes: string[] | undefined;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation("twoFactor");
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [form, fields] = useForm({
    id: "two-factor-form",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: twoFactorChangeSchema }),
  });
  return (
    <Card title={t("accountHeading")}>
      <div id="two-factor" className="flex flex-col gap-4">
        {recoveryCodes ? <RecoveryCodes codes={recoveryCodes} intro={t("newCodesDone")} /> : null}
        {status.on ? (
          <>
            <p>{t("onIntro")}</p>
            <dl className="grid gap-2 sm:grid-cols-[14rem_1fr]">
              <dt className="font-semibold">{t("since")}</dt>
              <dd>
                {new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(status.since)}
              </dd>
              <dt className="font-semibold">{t("recoveryLeft")}</dt>
              <dd>{status.recoveryCodesLeft}</dd>
            </dl>
            <p className="text-muted">{t("changeIntro")}</p>
            <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
              <FormError errors={form.errors} id={form.errorId} />
              <TextField
                {...fieldProps(fields.code)}
                label={t("stepUpLabel")}
                hint={t("signInCodeHint")}
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                className="max-w-48"
              />
              <div className="flex flex-wrap gap-3">
                <Button
                  type="submit"
                  name="intent"
                  value="new-recovery-codes"
                  variant="secondary"
                  pending={pending && intent === "new-recovery-codes"}
                >
                  {t("newCodes")}
                </Button>
                <Button
                  type="submit"
                  name="intent"
                  value="turn-off-two-factor"
                  variant="danger"
                  pending={pending && intent === "turn-off-two-factor"}
                >
                  {t("turnOff")}
                </Button>
              </div>
            </Form>
          </>
        ) : (
          <>
            <p>{t("offIntro")}</p>
            <p>
              <ButtonLink to="/account/two-factor">{t("turnOn")}</ButtonLink>
            </p>
          </>
        )}
      </div>
    </Card>
  );
}
