import {
  ActionButton,
  duration,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type MagicLinkProps = {
  name: string;
  link: string;
  expiresInMinutes: number;
};

export function subject(t: EmailT, _props: MagicLinkProps): string {
  return t("magicLink.subject");
}

/** Signs someone in with one click, without a password. */
export default function MagicLink({ name, link, expiresInMinutes }: MagicLinkProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("magicLink.preview")}>
      <Greeting name={name} />
      <Paragraph>{t("magicLink.intro")}</Paragraph>
      <ActionButton href={link}>{t("magicLink.button")}</ActionButton>
      <Paragraph>
        {t("magicLink.expires", { duration: duration(t, expiresInMinutes, "minutes") })}
      </Paragraph>
      <Paragraph>{t("magicLink.notYou")}</Paragraph>
    </EmailLayout>
  );
}
