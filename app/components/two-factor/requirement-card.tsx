import { Form, Link } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { CheckboxField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { SecondFactorField } from "./second-factor-field.tsx";

/**
 * On /members: whether the organisation requires two-factor sign-in of
 * owners, HR and physicians. Owners change it (with a current code); HR reads it.
 */
export function TwoFactorRequirementCard({
  required,
  mayChange,
  selfOn,
  answer,
}: {
  required: boolean;
  mayChange: boolean;
  /** The owner has it on themselves: only then may they require it of others. */
  selfOn: boolean;
  answer?: { required: boolean; error?: string; secondFactorError?: string } | undefined;
}) {
  const { t } = useTranslation("twoFactor");
  const submitting = useSubmittingIntent("require-two-factor");
  return (
    <Card title={t("requirement.heading")}>
      <div id="two-factor-requirement" className="flex flex-col gap-4">
        <p className="text-muted">{t("requirement.intro")}</p>
        <p className="font-medium" data-testid="two-factor-requirement">
          {required ? t("requirement.on") : t("requirement.off")}
        </p>
        {!mayChange ? null : !selfOn && !required ? (
          <p>
            {t("requirement.setUpFirst")}{" "}
            <Link
              to="/account/two-factor?redirectTo=%2Fmembers"
              className="font-medium text-brand-700 underline"
            >
              {t("requirement.setUpFirstLink")}
            </Link>
          </p>
        ) : (
          // Keyed by the setting, so that after a save the used code is not left in the field.
          <Form key={String(required)} method="post" className="flex flex-col gap-4">
            <FormError errors={answer?.error ? [answer.error] : undefined} />
            <CheckboxField
              name="required"
              label={t("requirement.label")}
              defaultChecked={answer?.required ?? required}
            />
            <SecondFactorField
              id="requirement-code"
              errors={answer?.secondFactorError ? [answer.secondFactorError] : undefined}
            />
            <div>
              <Button
                type="submit"
                name="intent"
                value="require-two-factor"
                variant="secondary"
                pending={submitting}
              >
                {t("requirement.save")}
              </Button>
            </div>
          </Form>
        )}
      </div>
    </Card>
  );
}
