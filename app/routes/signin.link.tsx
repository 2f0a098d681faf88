import { EmailLinkRequest } from "#app/components/email-link-request.tsx";
import { requestMagicLink } from "#app/modules/auth/accounts.server.ts";
import { emailLinkAction } from "#app/modules/auth/email-link-action.server.ts";
import { clientOf, requireAnonymous } from "#app/modules/auth/request.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/signin.link";

export function loader({ context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  return emailLinkAction(request, (email) => requestMagicLink(email, clientOf({ context })));
}

export default function RequestMagicLink({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  return (
    <EmailLinkRequest
      title={t("magic.requestTitle")}
      intro={t("magic.requestIntro")}
      submit={t("magic.submit")}
      sentMessage={t("magic.sent")}
      result={actionData}
    />
  );
}
