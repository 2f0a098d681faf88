import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, redirect, useNavigation } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { RecoveryCodes } from "#app/components/two-factor/recovery-codes.tsx";
import { Button, ButtonLink } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { clientOf, requireUser } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage } from "#app/modules/auth/respond.server.ts";
import { enrolmentSchema } from "#app/modules/auth/schemas.ts";
import {
  confirmEnrolment,
  enrolmentOf,
  startEnrolment,
} from "#app/modules/auth/two-factor.server.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { safeRedirect } from "#app/modules/http/safe-redirect.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/account.two-factor";

/**
 * Setting up two-factor sign-in: a new secret (a QR code, and the key to
 * type), the first code from the app turns it on, then the recovery codes,
 * shown this once. People whose organisation requires it are sent here
 * (requireMember) and go back to where they were going afterwards.
 */
function returnTo(request: Request): string {
  return safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/app");
}

export async function loader(args: Route.LoaderArgs) {
  const { user, membership } = requireUser(args);
  return {
    enrolment: await enrolmentOf(user),
    requiredBy: membership?.twoFactorRequired ? membership.organizationName : null,
    redirectTo: returnTo(args.request),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, sessionId } = requireUser(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "start-two-factor") {
    // Already on: the page says so.
    await startEnrolment(user.id);
    const here = new URL(args.request.url);
    return redirect(`/account/two-factor${here.search}`);
  }
  if (intent !== "confirm-two-factor") badRequest();
  const submission = parseWithZod(formData, { schema: enrolmentSchema });
  if (submission.status !== "success")
    return { result: submission.reply({ hideFields: ["code"] }) };
  const result = await confirmEnrolment(user.id, sessionId, submission.value.code, clientOf(args));
  if (result.ok) return { recoveryCodes: result.value.recoveryCodes };
  const error =
    result.reason === "rate-limited"
      ? { formErrors: [rateLimitedMessage(result.retryAt)] }
      : result.reason === "not-started"
        ? { formErrors: ["twoFactor:errors.notStarted"] }
        : { fieldErrors: { code: ["twoFactor:errors.wrongCode"] } };
  return { result: submission.reply({ ...error, hideFields: ["code"] }) };
}

export default function TwoFactorSetup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("twoFactor");
  const { enrolment, requiredBy, redirectTo } = loaderData;
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolmentSchema }),
  });

  if (actionData?.recoveryCodes)
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <PageHeader title={t("onTitle")} />
        <Notice>{t("otherDevices")}</Notice>
        <Card>
          <RecoveryCodes codes={actionData.recoveryCodes} />
        </Card>
        <p>
          <ButtonLink to={redirectTo}>{t("codesSaved")}</ButtonLink>
        </p>
      </div>
    );

  if (enrolment.state === "on")
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <PageHeader title={t("onTitle")} intro={t("alreadyOn")} />
        <p>
          <ButtonLink to="/account">{t("toAccount")}</ButtonLink>
        </p>
      </div>
    );

  const intro = requiredBy ? t("requiredIntro", { organization: requiredBy }) : t("setupIntro");
  if (enrolment.state === "off")
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <PageHeader title={t("setupTitle")} intro={intro} />
        <p>{t("appHint")}</p>
        <Form method="post">
          <Button
            type="submit"
            name="intent"
            value="start-two-factor"
            pending={intent === "start-two-factor"}
            pendingLabel={t("starting")}
          >
            {t("start")}
          </Button>
        </Form>
      </div>
    );

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={t("setupTitle")} intro={intro} />
      <p>{t("appHint")}</p>
      <Card title={t("scanHeading")}>
        <svg
          role="img"
          aria-label={t("qrLabel")}
          viewBox={`0 0 ${enrolment.qr.size} ${enrolment.qr.size}`}
          shapeRendering="crispEdges"
          className="size-56 rounded-md border border-line"
          data-testid="totp-qr"
        >
          <rect width={enrolment.qr.size} height={enrolment.qr.size} fill="#ffffff" />
          <path d={enrolment.qr.path} fill="#000000" />
        </svg>
        <p className="mt-3">
          <a href={enrolment.uri} className="font-medium text-brand-700 underline">
            {t("openInApp")}
          </a>
        </p>
      </Card>
      <Card title={t("typeHeading")}>
        <p
          data-testid="totp-key"
          className="font-mono text-lg tracking-wide break-words text-ink"
          translate="no"
        >
          {enrolment.key}
        </p>
        <p className="mt-2 text-sm text-muted">{t("keyHint")}</p>
      </Card>
      <Card title={t("codeHeading")}>
        <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
          <FormError errors={form.errors} id={form.errorId} />
          <TextField
            {...fieldProps(fields.code)}
            label={t("code")}
            hint={t("codeHint")}
            inputMode="numeric"
            autoComplete="one-time-code"
            className="max-w-48"
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="confirm-two-factor"
              pending={intent === "confirm-two-factor"}
              pendingLabel={t("confirming")}
            >
              {t("confirm")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
