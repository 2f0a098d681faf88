import { useRouteLoaderData } from "react-router";
import { TextField } from "#app/components/ui/field.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { loader as rootLoader } from "#app/root.tsx";

/**
 * The step-up field of a sensitive form (changing a role, an export, deleting
 * an organisation): for someone with two-factor sign-in on, a current code
 * from their app (or a recovery code), which the action checks with
 * `confirmSecondFactor` (app/modules/auth/two-factor.server.ts). For anyone
 * else it renders nothing and the action asks for nothing.
 */
export function SecondFactorField({
  id = "secondFactorCode",
  errors,
  form,
}: {
  id?: string;
  errors?: string[] | undefined;
  /** The form's id, when the field is not inside the form element. */
  form?: string;
}) {
  const { t } = useTranslation("twoFactor");
  const asked = useRouteLoaderData<typeof rootLoader>("root")?.account?.twoFactor ?? false;
  if (!asked) return null;
  return (
    <TextField
      id={id}
      name="secondFactorCode"
      form={form}
      label={t("stepUpLabel")}
      hint={t("stepUpHint")}
      errors={errors}
      autoComplete="one-time-code"
      autoCapitalize="none"
      spellCheck={false}
      className="max-w-48"
    />
  );
}
