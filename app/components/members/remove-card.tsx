import { Form } from "react-router";
import { SecondFactorField } from "#app/components/two-factor/second-factor-field.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField } from "#app/components/ui/field.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * An owner removes a member: what it means for the cases they take part in,
 * who takes over the cases they manage, and a current code when the owner
 * uses two-factor sign-in. A refused code keeps the chosen successor.
 */
export function RemoveCard({
  name,
  cases,
  successors,
  refused,
  pending,
}: {
  name: string;
  cases: { own: number; advised: number; managed: number } | null;
  successors: Array<{ id: string; name: string; email: string }>;
  refused: { managerId?: string; secondFactorError?: string } | undefined;
  pending: boolean;
}) {
  const { t } = useTranslation("auth");
  return (
    <Card title={t("members.removeHeading")}>
      <p className="mb-4 text-muted">{t("members.removeIntro", { name })}</p>
      {cases?.own ? (
        <p className="mb-4">{t("members.removeOwnCase", { count: cases.own })}</p>
      ) : null}
      {cases?.advised ? (
        <p className="mb-4">{t("members.removePhysician", { count: cases.advised })}</p>
      ) : null}
      {cases?.managed ? (
        <p className="mb-4 font-medium">
          {t("members.removeManager", { name, count: cases.managed })}
        </p>
      ) : null}
      <Form method="post" className="flex flex-col items-start gap-4">
        {cases?.managed ? (
          <div className="min-w-64">
            <SelectField
              id="managerId"
              name="managerId"
              defaultValue={refused?.managerId}
              label={t("members.successor")}
              placeholder={t("members.chooseSuccessor")}
              options={successors.map((person) => ({
                value: person.id,
                label: `${person.name} (${person.email})`,
              }))}
            />
          </div>
        ) : null}
        <SecondFactorField
          id="remove-second-factor"
          errors={refused?.secondFactorError ? [refused.secondFactorError] : undefined}
        />
        <Button type="submit" name="intent" value="remove" variant="danger" pending={pending}>
          {t("members.remove", { name })}
        </Button>
      </Form>
    </Card>
  );
}
