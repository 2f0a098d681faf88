import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { changePassword } from "#app/modules/auth/accounts.server.ts";
import { clientOf, requireUser } from "#app/modules/auth/request.server.ts";
import { passwordProblemMessages, redirectSignedOut } from "#app/modules/auth/respond.server.ts";
import { currentPasswordField, passwordField } from "#app/modules/auth/schemas.ts";
import { countSessions } from "#app/modules/auth/session.server.ts";
import { signOutEverywhere } from "#app/modules/auth/signout.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/account";

const passwordSchema = z.object({
  currentPassword: currentPasswordField,
  newPassword: passwordField,
});

export async function loader(args: Route.LoaderArgs) {
  const { user } = requireUser(args);
  return { user, sessions: await countSessions(user.id) };
}

export async function action(args: Route.ActionArgs) {
  const { user, sessionId } = requireUser(args);
  const client = clientOf(args);
  const formData = await args.request.formData();
  if (formData.get("intent") === "sign-out-everywhere") {
    await signOutEverywhere(user.id, client);
    return redirectSignedOut("/signin", {
      kind: "success",
      message: "auth:account.signedOutEverywhere",
    });
  }
  const submission = parseWithZod(formData, { schema: passwordSchema });
  if (submission.status !== "success")
    return submission.reply({ hideFields: ["currentPassword", "newPassword"] });
  const { currentPassword, newPassword } = submission.value;
  const result = await changePassword(user.id, sessionId, currentPassword, newPassword, client);
  if (!result.ok && result.reason === "wrong-password") {
    return submission.reply({
      fieldErrors: { currentPassword: ["auth:errors.wrongCurrentPassword"] },
      hideFields: ["currentPassword", "newPassword"],
    });
  }
  if (!result.ok) {
    return submission.reply({
      fieldErrors: { newPassword: [passwordProblemMessages[result.problem]] },
      hideFields: ["currentPassword", "newPassword"],
    });
  }
  return redirectWithToast("/account", {
    kind: "success",
    message: "auth:account.passwordChanged",
  });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [form, fields] = useForm({
    lastResult: actionData,
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
    </div>
  );
}
