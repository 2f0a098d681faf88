import { Form } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { CheckboxField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { SecondFactorField } from "./second-factor-field.tsx";

/**
 * For an owner, on a member's page: turn two-factor sign-in off for someone
 * who lost both their phone and their recovery codes. The owner ticks that
 * they checked with the person, and confirms with a code of their own when
 * they use two-factor sign-in. A refusal keeps the box as it was.
 */
export function ResetTwoFactorCard({
  name,
  refused,
  pending,
}: {
  name: string;
  refused: { error?: string; secondFactorError?: string; checked: boolean } | undefined;
  pending: boolean;
}) {
  const { t } = useTranslation("auth");
  return (
    <Card title={t("members.resetTwoFactorHeading")}>
      <p className="mb-4 text-muted">{t("members.resetTwoFactorIntro", { name })}</p>
      <Form method="post" className="flex flex-col items-start gap-4">
        <FormError errors={refused?.error ? [refused.error] : undefined} />
        <CheckboxField
          name="checked"
          label={t("members.resetTwoFactorChecked", { name })}
          defaultChecked={refused?.checked}
        />
        <SecondFactorField
          id="reset-second-factor"
          errors={refused?.secondFactorError ? [refused.secondFactorError] : undefined}
        />
        <Button
          type="submit"
          name="intent"
          value="reset-two-factor"
          variant="secondary"
          pending={pending}
        >
          {t("members.resetTwoFactor", { name })}
        </Button>
      </Form>
    </Card>
  );
}
