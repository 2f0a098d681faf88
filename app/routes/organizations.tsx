import { Form } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { requireUser } from "#app/modules/auth/request.server.ts";
import { orRespond } from "#app/modules/http/errors.server.ts";
import { safeRedirect } from "#app/modules/http/safe-redirect.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  organizationsOf,
  switchOrganization,
} from "#app/modules/organizations/organizations.server.ts";
import type { Route } from "./+types/organizations";

export async function loader(args: Route.LoaderArgs) {
  const { user, membership } = requireUser(args);
  return {
    organizations: await organizationsOf(user.id),
    currentId: membership?.organizationId ?? null,
  };
}

/** Switches the organisation this session works in (the header's switcher posts here). */
export async function action(args: Route.ActionArgs) {
  const { user, sessionId } = requireUser(args);
  const formData = await args.request.formData();
  const organizationId = String(formData.get("organizationId") ?? "");
  const target = orRespond(await switchOrganization(sessionId, user.id, organizationId)).value;
  return redirectWithToast(safeRedirect(formData.get("redirectTo"), "/app"), {
    kind: "success",
    message: "auth:organizations.switched",
    values: { organization: target.name },
  });
}

export default function Organizations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const { organizations, currentId } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={t("organizations.title")} />
      {organizations.length === 0 ? <p className="text-lg">{t("organizations.none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {organizations.map((organization) => (
          <li key={organization.id}>
            <Card>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <p className="font-semibold">{organization.name}</p>
                  <p className="text-muted">{t(`roles.${organization.role}`)}</p>
                </div>
                {organization.id === currentId ? (
                  <p className="text-brand-700">
                    {t("organizations.current", { organization: organization.name })}
                  </p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="organizationId" value={organization.id} />
                    <Button type="submit" variant="secondary">
                      {t("organizations.switchTo", { organization: organization.name })}
                    </Button>
                  </Form>
                )}
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
