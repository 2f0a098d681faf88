import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type ConversationPlannedProps = {
  name: string;
  /** Who planned it: the manager or HR. */
  plannedBy: string;
  link: string;
};

export function subject(t: EmailT, _props: ConversationPlannedProps): string {
  return t("conversationPlanned.subject");
}

/**
 * Tells the employee a conversation is planned, so they can prepare. It
 * names no guide and no topic: what the conversation is about stays in Werkpad.
 */
export default function ConversationPlanned({ name, plannedBy, link }: ConversationPlannedProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("conversationPlanned.subject")}>
      <Greeting name={name} />
      <Paragraph>{t("conversationPlanned.intro", { name: plannedBy })}</Paragraph>
      <Paragraph>{t("conversationPlanned.prepare")}</Paragraph>
      <ActionButton href={link}>{t("conversationPlanned.button")}</ActionButton>
    </EmailLayout>
  );
}
