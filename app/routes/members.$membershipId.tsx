import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { forbidden, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  changeRole,
  countOwners,
  findMember,
  removeMember,
} from "#app/modules/organizations/organizations.server.ts";
import { can, roles } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/members.$membershipId";

const roleSchema = z.enum(roles);

export async function loader(args: Route.LoaderArgs) {
  const { actor, user, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const member = await findMember(tdb, args.params.membershipId);
  if (!member) notFound();
  const ownerCount = await countOwners(tdb);
  return {
    member,
    isYou: member.user.id === user.id,
    assignable: roles.filter((to) =>
      can(actor, "members.changeRole", { from: member.role, to, ownerCount }),
    ),
    mayRemove: can(actor, "members.remove", { role: member.role, ownerCount }),
  };
}

export async function action(args: Route.ActionArgs) {
  const { actor, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const formData = await args.request.formData();
  const id = args.params.membershipId;
  const member = await findMember(tdb, id);
  if (!member) notFound();
  if (formData.get("intent") === "remove") {
    const result = orRespond(await removeMember(tdb, actor, id, clientOf(args)));
    if (!result.ok) return { error: "auth:members.lastOwner" };
    return redirectWithToast("/members", {
      kind: "success",
      message: "auth:members.removed",
      values: { name: member.user.name },
    });
  }
  const role = roleSchema.safeParse(formData.get("role"));
  if (!role.success) return { error: "validation.choose" };
  const result = orRespond(await changeRole(tdb, actor, id, role.data, clientOf(args)));
  if (!result.ok) return { error: "auth:members.lastOwner" };
  return redirectWithToast(`/members/${id}`, {
    kind: "success",
    message: "auth:members.roleChanged",
  });
}

export default function Member({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const { member, assignable, mayRemove } = loaderData;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to="/members" className="font-medium text-brand-700 underline">
          ← {t("members.back")}
        </Link>
      </p>
      <PageHeader
        title={member.user.name}
        intro={`${member.user.email} · ${t(`roles.${member.role}`)}`}
      />
      <FormError errors={actionData?.error ? [actionData.error] : undefined} />
      {assignable.length > 1 ? (
        <Card title={t("members.changeRoleHeading")}>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <div className="min-w-56">
              <SelectField
                id="role"
                name="role"
                label={t("members.newRole")}
                defaultValue={member.role}
                options={assignable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              />
            </div>
            <Button
              type="submit"
              name="intent"
              value="change-role"
              pending={intent === "change-role"}
            >
              {t("members.changeRole")}
            </Button>
          </Form>
        </Card>
      ) : null}
      {mayRemove ? (
        <Card title={t("members.removeHeading")}>
          <p className="mb-4 text-muted">{t("members.removeIntro", { name: member.user.name })}</p>
          <Form method="post">
            <Button
              type="submit"
              name="intent"
              value="remove"
              variant="danger"
              pending={intent === "remove"}
            >
              {t("members.remove", { name: member.user.name })}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
