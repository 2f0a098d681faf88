import { useTranslation } from "react-i18next";
import { PageHeader } from "#app/components/page.tsx";
import { ButtonLink } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/app";

/** Each role's home page. Cases, plans and guides arrive here as they are built. */
export function loader(args: Route.LoaderArgs) {
  const { user, membership, actor } = requireMember(args);
  return {
    name: user.name,
    role: membership.role,
    organizationName: membership.organizationName,
    mayManageMembers: can(actor, "members.list"),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const { name, role, organizationName, mayManageMembers } = loaderData;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("home.welcome", { name })}
        intro={t("home.yourRole", {
          role: t(`roles.${role}`).toLowerCase(),
          organization: organizationName,
        })}
      />
      <Card title={t("home.nextSteps")}>
        <p className="text-muted" data-testid="role-intro">
          {t(`home.${role}`)}
        </p>
        {mayManageMembers ? (
          <p className="mt-4">
            <ButtonLink to="/members">{t("home.manageMembers")}</ButtonLink>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
