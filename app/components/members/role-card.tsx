import { Form } from "react-router";
import { SecondFactorField } from "#app/components/two-factor/second-factor-field.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField } from "#app/components/ui/field.tsx";
import type { Role } from "#app/generated/prisma/enums.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * An owner changes a member's role, to one the policy allows, with a current
 * code when they use two-factor sign-in. A refused code keeps the chosen role.
 */
export function RoleCard({
  role,
  assignable,
  refused,
  pending,
}: {
  role: Role;
  assignable: Role[];
  refused: { role?: Role; secondFactorError?: string } | undefined;
  pending: boolean;
}) {
  const { t } = useTranslation("auth");
  return (
    <Card title={t("members.changeRoleHeading")}>
      {/* Keyed by the role, so that after a change the used code is not left in the field. */}
      <Form key={role} method="post" className="flex flex-wrap items-end gap-3">
        <div className="min-w-56">
          <SelectField
            id="role"
            name="role"
            label={t("members.newRole")}
            defaultValue={refused?.role ?? role}
            options={assignable.map((to) => ({ value: to, label: t(`roles.${to}`) }))}
          />
        </div>
        <SecondFactorField
          errors={refused?.secondFactorError ? [refused.secondFactorError] : undefined}
        />
        <Button type="submit" name="intent" value="change-role" pending={pending}>
          {t("members.changeRole")}
        </Button>
      </Form>
    </Card>
  );
}
