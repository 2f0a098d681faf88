import { Link, Section, Text } from "@react-email/components";
import { EmailLayout, type EmailT, Greeting, Paragraph, useEmailT } from "./layout.tsx";

export type RemindersProps = {
  name: string;
  /** Each thing to do, in the reader's language, with a link straight to it. */
  lines: Array<{ text: string; link: string }>;
  settingsLink: string;
  stopLink: string;
};

export function subject(t: EmailT, { lines }: RemindersProps): string {
  return t("reminders.subject", { count: lines.length });
}

/**
 * One e-mail a day at most: what waits for the reader, each line a link.
 * Names and kinds of steps only: no plan content, no health information.
 */
export default function RemindersEmail({ name, lines, settingsLink, stopLink }: RemindersProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("reminders.subject", { count: lines.length })}>
      <Greeting name={name} />
      <Paragraph>{t("reminders.intro")}</Paragraph>
      <Section>
        {lines.map((line) => (
          <Text key={line.link + line.text} style={{ margin: "0 0 12px", fontSize: "16px" }}>
            <Link href={line.link}>{line.text}</Link>
          </Text>
        ))}
      </Section>
      <Paragraph>
        {t("reminders.settings")} <Link href={settingsLink}>{t("reminders.settingsLink")}</Link>
      </Paragraph>
      <Paragraph>
        <Link href={stopLink}>{t("reminders.stop")}</Link>
      </Paragraph>
    </EmailLayout>
  );
}
