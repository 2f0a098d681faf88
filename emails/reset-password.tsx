import {
  ActionButton,
  duration,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type ResetPasswordProps = {
  name: string;
  link: string;
  expiresInMinutes: number;
};

export function subject(t: EmailT, _props: ResetPasswordProps): string {
  return t("resetPassword.subject");
}

/** Lets someone choose a new password; says plainly that ignoring it changes nothing. */
export default function ResetPassword({ name, link, expiresInMinutes }: ResetPasswordProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("resetPassword.preview")}>
      <Greeting name={name} />
      <Paragraph>{t("resetPassword.intro")}</Paragraph>
      <ActionButton href={link}>{t("resetPassword.button")}</ActionButton>
      <Paragraph>
        {t("resetPassword.expires", { duration: duration(t, expiresInMinutes, "minutes") })}
      </Paragraph>
      <Paragraph>{t("resetPassword.notYou")}</Paragraph>
    </EmailLayout>
  );
}
