import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { DataExportCard } from "#app/components/account/data-export-card.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { TwoFactorCard } from "#app/components/two-factor/account-card.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { type Client, changePassword } from "#app/modules/auth/accounts.server.ts";
import { clientOf, requireUser } from "#app/modules/auth/request.server.ts";
import {
  passwordProblemMessages,
  rateLimitedMessage,
  redirectSignedOut,
} from "#app/modules/auth/respond.server.ts";
import {
  currentPasswordField,
  passwordField,
  twoFactorChangeSchema,
} from "#app/modules/auth/schemas.ts";
import { countSessions } from "#app/modules/auth/session.server.ts";
import { signOutEverywhere } from "#app/modules/auth/signout.server.ts";
import {
  confirmSecondFactor,
  renewRecoveryCodes,
  secondFactorErrors,
  secondFactorFieldName,
  turnOffTwoFactor,
  twoFactorStatus,
} from "#app/modules/auth/two-factor.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { latestExportOf, requestExport } from "#app/modules/privacy/export.server.ts";
import { exportIntent, exportRequestSchema } from "#app/modules/privacy/forms.ts";
import type { Route } from "./+types/account";

const passwordSchema = z.object({
  currentPassword: currentPasswordField,
  newPassword: passwordField,
});

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireUser(args);
  const [sessions, twoFactor, latestExport] = await Promise.all([
    countSessions(user.id),
    twoFactorStatus(user.id),
    latestExportOf(user.id),
  ]);
  return { user, sessions, twoFactor, latestExport };
}

/** What the page's forms get back: each form its own result, or the new recovery codes. */
type Answer = {
  password?: SubmissionResult<string[]>;
  twoFactor?: SubmissionResult<string[]>;
  recoveryCodes?: string[];
  dataExport?: SubmissionResult<string[]>;
};

/** New recovery codes, or turning two-factor sign-in off: both after a current code. */
async function changeTwoFactor(
  userId: string,
  formData: FormData,
  client: Client,
): Promise<Answer | Response> {
  const submission = parseWithZod(formData, { schema: twoFactorChangeSchema });
  if (submission.status !== "success")
    return { twoFactor: submission.reply({ hideFields: ["code"] }) };
  const { code } = submission.value;
  const result =
    formData.get("intent") === "new-recovery-codes"
      ? await renewRecoveryCodes(userId, code, client)
      : await turnOffTwoFactor(userId, code, client);
  if (result.ok)
    return result.value
      ? { recoveryCodes: result.value.recoveryCodes }
      : redirectWithToast("/account", { kind: "success", message: "twoFactor:turnedOff" });
  return {
    twoFactor: submission.reply({
      ...(result.reason === "rate-limited"
        ? { formErrors: [rateLimitedMessage(result.retryAt)] }
        : { fieldErrors: { code: ["twoFactor:errors.wrongCode"] } }),
      hideFields: ["code"],
    }),
  };
}

export async function action(args: Route.ActionArgs): Promise<Answer | Response> {
  const { user, sessionId } = requireUser(args);
  const client = clientOf(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "new-recovery-codes" || intent === "turn-off-two-factor")
    return changeTwoFactor(user.id, formData, client);
  if (intent === "sign-out-everywhere") {
    await signOutEverywhere(user.id, client);
    return redirectSignedOut("/signin", {
      kind: "success",
      message: "auth:account.signedOutEverywhere",
    });
  }
  if (intent === exportIntent) {
    const submission = parseWithZod(formData, { schema: exportRequestSchema });
    if (submission.status !== "success") return { dataExport: submission.reply() };
    // A copy of everything about a person: with two-factor on, a current code first.
    const confirmed = await confirmSecondFactor(user, formData, client);
    if (!confirmed.ok)
      return {
        dataExport: submission.reply({
          fieldErrors: secondFactorErrors(confirmed),
          hideFields: [secondFactorFieldName],
        }),
      };
    const result = await requestExport(user.id, client);
    return redirectWithToast("/account#data-export", {
      kind: result.ok ? "success" : "error",
      message: result.ok ? "privacy:card.requested" : "privacy:card.alreadyPreparing",
    });
  }
  return passwordChange(formData, user.id, sessionId, client);
}

/** The password form's answer: a redirect once changed, else the form again with what is wrong. */
async function passwordChange(
  formData: FormData,
  userId: string,
  sessionId: string,
  client: ReturnType<typeof clientOf>,
) {
  const submission = parseWithZod(formData, { schema: passwordSchema });
  if (submission.status !== "success")
    return { password: submission.reply({ hideFields: ["currentPassword", "newPassword"] }) };
  const { currentPassword, newPassword } = submission.value;
  const result = await changePassword(userId, sessionId, currentPassword, newPassword, client);
  if (!result.ok && result.reason === "wrong-password") {
    return {
      password: submission.reply({
        fieldErrors: { currentPassword: ["auth:errors.wrongCurrentPassword"] },
        hideFields: ["currentPassword", "newPassword"],
      }),
    };
  }
  if (!result.ok) {
    return {
      password: submission.reply({
        fieldErrors: { newPassword: [passwordProblemMessages[result.problem]] },
        hideFields: ["currentPassword", "newPassword"],
      }),
    };
  }
  throw await redirectWithToast("/account", {
    kind: "success",
    message: "auth:account.passwordChanged",
  });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [form, fields] = useForm({
    id: "password-form",
    lastResult: actionData?.password,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
  });
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={t("account.title")} />
      <Card title={t("account.profileHeading")}>
        <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">{t("fields.name")}</dt>
          <dd>{loaderData.user.name}</dd>
          <dt className="font-semibold">{t("fields.email")}</dt>
          <dd>{loaderData.user.email}</dd>
        </dl>
        <p className="mt-4">
          <Link to="/reminders" className="font-medium text-brand-700 underline">
            {t("account.remindersLink")}
          </Link>
        </p>
      </Card>
      <Card title={t("account.passwordHeading")}>
        <p className="mb-4 text-muted">{t("account.passwordIntro")}</p>
        <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
          <FormError errors={form.errors} id={form.errorId} />
          <TextField
            {...fieldProps(fields.currentPassword)}
            type="password"
            label={t("fields.currentPassword")}
            autoComplete="current-password"
          />
          <TextField
            {...fieldProps(fields.newPassword)}
            type="password"
            label={t("fields.newPassword")}
            hint={t("fields.passwordHint")}
            autoComplete="new-password"
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="change-password"
              pending={intent === "change-password"}
            >
              {t("account.changePassword")}
            </Button>
          </div>
        </Form>
      </Card>
      <DataExportCard latest={loaderData.latestExport} lastResult={actionData?.dataExport} />
      <TwoFactorCard
        status={loaderData.twoFactor}
        lastResult={actionData?.twoFactor}
        recoveryCodes={actionData?.recoveryCodes}
        pending={intent === "new-recovery-codes" || intent === "turn-off-two-factor"}
      />
      <Card title={t("account.sessionsHeading")}>
        <p>{t("account.sessionsIntro", { count: loaderData.sessions })}</p>
        <p className="mt-1 mb-4 text-muted">{t("account.signOutEverywhereHint")}</p>
        <Form method="post">
          <Button
            type="submit"
            name="intent"
            value="sign-out-everywhere"
            variant="secondary"
            pending={intent === "sign-out-everywhere"}
          >
            {t("account.signOutEverywhere")}
          </Button>
        </Form>
      </Card>
      <Card title={t("account.eraseHeading")}>
        <p className="mb-3 text-muted">{t("account.eraseIntro")}</p>
        <Link to="/account/erase" className="font-medium text-brand-700 underline">
          {t("account.eraseLink")}
        </Link>
      </Card>
    </div>
  );
}
