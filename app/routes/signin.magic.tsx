import { Form, useSearchParams } from "react-router";
import { AuthLayout, PageHeader } from "#app/components/page.tsx";
import { Button, ButtonLink } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting } from "#app/components/ui/pending.tsx";
import { signInWithMagicLink } from "#app/modules/auth/accounts.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { redirectSignedIn } from "#app/modules/auth/respond.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/signin.magic";

/**
 * The e-mailed link opens a page with a button rather than signing in at once:
 * mail scanners that open links would otherwise use up the link, or sign in
 * somewhere else.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const token = String((await request.formData()).get("token") ?? "");
  const result = await signInWithMagicLink(token, clientOf({ context }));
  if (result.ok) return redirectSignedIn(result.value, "/app");
  return { invalid: true };
}

export default function MagicLink({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  return (
    <AuthLayout>
      <PageHeader
        title={t("magic.confirmTitle")}
        intro={actionData?.invalid ? undefined : t("magic.confirmIntro")}
      />
      {actionData?.invalid ? (
        <div className="flex flex-col gap-5">
          <FormError errors={["auth:magic.invalid"]} />
          <p>
            <ButtonLink to="/signin/link">{t("magic.newLink")}</ButtonLink>
          </p>
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={searchParams.get("token") ?? ""} />
          <Button type="submit" pending={submitting} pendingLabel={t("signin.pending")}>
            {t("magic.confirm")}
          </Button>
        </Form>
      )}
    </AuthLayout>
  );
}
