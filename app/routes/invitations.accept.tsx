import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { z } from "zod";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button, ButtonLink } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { clientOf, optionalUser } from "#app/modules/auth/request.server.ts";
import { passwordProblemMessages, redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { nameField, passwordField } from "#app/modules/auth/schemas.ts";
import { setActiveOrganization } from "#app/modules/auth/session.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  invitationByToken,
} from "#app/modules/organizations/invitations.server.ts";
import type { Route } from "./+types/invitations.accept";

const newAccountSchema = z.object({ name: nameField, password: passwordField });

function tokenOf(request: Request) {
  return new URL(request.url).searchParams.get("token") ?? "";
}

/** One link for everyone invited: new people create an account, others sign in and accept. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const token = tokenOf(request);
  const invitation = token ? await invitationByToken(token) : null;
  if (invitation?.state !== "pending") return { mode: "invalid" as const };
  const signedIn = optionalUser({ context });
  const details = {
    organization: invitation.organization.name,
    inviter: invitation.invitedBy.name,
    role: invitation.role,
    email: invitation.email,
    token,
  };
  if (signedIn) {
    return signedIn.user.email === invitation.email
      ? { mode: "accept" as const, ...details }
      : { mode: "wrong-account" as const, ...details, current: signedIn.user.email };
  }
  return {
    mode: invitation.hasAccount ? ("sign-in" as const) : ("new-account" as const),
    ...details,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const token = tokenOf(request);
  const client = clientOf({ context });
  const signedIn = optionalUser({ context });
  const formData = await request.formData();
  if (signedIn) {
    const result = await acceptInvitation(token, signedIn.user, client);
    if (!result.ok) return { error: "auth:invitation.invalid" };
    await setActiveOrganization(signedIn.sessionId, result.value.organizationId);
    const invitation = await invitationByToken(token);
    return redirectWithToast("/app", {
      kind: "success",
      message: "auth:invitation.joined",
      values: { organization: invitation?.organization.name ?? "" },
    });
  }
  const submission = parseWithZod(formData, { schema: newAccountSchema });
  if (submission.status !== "success")
    return { reply: submission.reply({ hideFields: ["password"] }) };
  const result = await acceptInvitationAsNewUser(
    token,
    { ...submission.value, language: languageOfRequest(request) },
    client,
  );
  if (result.ok) {
    const invitation = await invitationByToken(token);
    return redirectSignedIn(result.value, "/app", {
      kind: "success",
      message: "auth:invitation.joined",
      values: { organization: invitation?.organization.name ?? "" },
    });
  }
  if (result.reason === "weak-password") {
    return {
      reply: submission.reply({
        fieldErrors: { password: [passwordProblemMessages[result.problem]] },
        hideFields: ["password"],
      }),
    };
  }
  return { error: "auth:invitation.invalid" };
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: actionData && "reply" in actionData ? actionData.reply : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newAccountSchema }),
  });
  const error = actionData && "error" in actionData ? actionData.error : undefined;
  if (loaderData.mode === "invalid") {
    return (
      <AuthLayout>
        <PageHeader title={t("invitation.title", { organization: "Werkpad" })} />
        <FormError errors={["auth:invitation.invalid"]} />
      </AuthLayout>
    );
  }
  const { organization, inviter, role, email, token } = loaderData;
  const returnHere = `/invitations/accept?${new URLSearchParams({ token })}`;
  return (
    <AuthLayout>
      <PageHeader
        title={t("invitation.title", { organization })}
        intro={t("invitation.intro", {
          inviter,
          organization,
          role: t(`roles.${role}`),
        })}
      />
      <div className="flex flex-col gap-5">
        <FormError errors={error ? [error] : undefined} />
        {loaderData.mode === "accept" ? (
          <Form method="post">
            <Button type="submit" pending={submitting} pendingLabel={t("invitation.joining")}>
              {t("invitation.accept")}
            </Button>
          </Form>
        ) : null}
        {loaderData.mode === "wrong-account" ? (
          <FormError
            errors={[
              errorMessage("auth:invitation.wrongAccount", { email, current: loaderData.current }),
            ]}
          />
        ) : null}
        {loaderData.mode === "sign-in" ? (
          <>
            <p>{t("invitation.signInToAccept", { email })}</p>
            <p>
              <ButtonLink to={`/signin?${new URLSearchParams({ redirectTo: returnHere })}`}>
                {t("invitation.signInButton")}
              </ButtonLink>
            </p>
          </>
        ) : null}
        {loaderData.mode === "new-account" ? (
          <Card title={t("invitation.newAccountHeading")}>
            <p className="mb-4 text-muted">{t("invitation.newAccountIntro", { email })}</p>
            <Form method="post" {...getFormProps(form)} noValidate className="flex flex-col gap-5">
              <FormError errors={form.errors} id={form.errorId} />
              <TextField
                {...fieldProps(fields.name)}
                label={t("fields.name")}
                autoComplete="name"
              />
              <TextField
                {...fieldProps(fields.password)}
                type="password"
                label={t("fields.password")}
                hint={t("fields.passwordHint")}
                autoComplete="new-password"
              />
              <div>
                <Button type="submit" pending={submitting} pendingLabel={t("invitation.joining")}>
                  {t("invitation.join", { organization })}
                </Button>
              </div>
            </Form>
          </Card>
        ) : null}
      </div>
    </AuthLayout>
  );
}
