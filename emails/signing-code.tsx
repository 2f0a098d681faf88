import {
  Code,
  duration,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type SigningCodeProps = { name: string; code: string; expiresInMinutes: number };

export function subject(t: EmailT, _props: SigningCodeProps): string {
  return t("signingCode.subject");
}

/** The code that confirms a signature, for people who sign without a password. */
export default function SigningCode({ name, code, expiresInMinutes }: SigningCodeProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("signingCode.subject")}>
      <Greeting name={name} />
      <Paragraph>{t("signingCode.intro")}</Paragraph>
      <Code>{code}</Code>
      <Paragraph>
        {t("signingCode.expires", { duration: duration(t, expiresInMinutes, "minutes") })}
      </Paragraph>
      <Paragraph>{t("signingCode.notYou")}</Paragraph>
    </EmailLayout>
  );
}
