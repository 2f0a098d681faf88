import {
  ActionButton,
  Code,
  duration,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type VerifyEmailProps = {
  name: string;
  code: string;
  link: string;
  expiresInMinutes: number;
};

export function subject(t: EmailT, _props: VerifyEmailProps): string {
  return t("verifyEmail.subject");
}

/** Confirms a new address: a code to type over, or one click. */
export default function VerifyEmail({ name, code, link, expiresInMinutes }: VerifyEmailProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("verifyEmail.preview")}>
      <Greeting name={name} />
      <Paragraph>{t("verifyEmail.intro")}</Paragraph>
      <Paragraph>{t("verifyEmail.codeLabel")}</Paragraph>
      <Code>{code}</Code>
      <Paragraph>{t("verifyEmail.codeHelp")}</Paragraph>
      <Paragraph>{t("verifyEmail.buttonIntro")}</Paragraph>
      <ActionButton href={link}>{t("verifyEmail.button")}</ActionButton>
      <Paragraph>
        {t("verifyEmail.expires", { duration: duration(t, expiresInMinutes, "minutes") })}
      </Paragraph>
      <Paragraph>{t("verifyEmail.notYou")}</Paragraph>
    </EmailLayout>
  );
}
