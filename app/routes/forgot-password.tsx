import { EmailLinkRequest } from "#app/components/email-link-request.tsx";
import { requestPasswordReset } from "#app/modules/auth/accounts.server.ts";
import { emailLinkAction } from "#app/modules/auth/email-link-action.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/forgot-password";

export async function action({ request, context }: Route.ActionArgs) {
  return emailLinkAction(request, (email) => requestPasswordReset(email, clientOf({ context })));
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  return (
    <EmailLinkRequest
      title={t("forgot.title")}
      intro={t("forgot.intro")}
      submit={t("forgot.submit")}
      sentMessage={t("forgot.sent")}
      result={actionData}
    />
  );
}
