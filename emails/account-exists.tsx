import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type AccountExistsProps = {
  name: string;
  signInLink: string;
  resetLink: string;
};

export function subject(t: EmailT, _props: AccountExistsProps): string {
  return t("accountExists.subject");
}

/**
 * Someone tried to sign up with an address that already has an account. The
 * sign-up page does not say so (that would reveal who has an account); the
 * owner of the address hears it here instead.
 */
export default function AccountExists({ name, signInLink, resetLink }: AccountExistsProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("accountExists.preview")}>
      <Greeting name={name} />
      <Paragraph>{t("accountExists.intro")}</Paragraph>
      <Paragraph>{t("accountExists.wasYou")}</Paragraph>
      <ActionButton href={signInLink}>{t("accountExists.signIn")}</ActionButton>
      <Paragraph>{t("accountExists.forgotPassword")}</Paragraph>
      <ActionButton href={resetLink} variant="secondary">
        {t("accountExists.reset")}
      </ActionButton>
      <Paragraph>{t("accountExists.notYou")}</Paragraph>
    </EmailLayout>
  );
}
