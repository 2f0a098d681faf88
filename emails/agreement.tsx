import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type AgreementEvent =
  | "ready"
  | "signed-by-other"
  | "declined"
  | "void"
  | "sealed"
  | "reminder";

export type AgreementProps = {
  name: string;
  event: AgreementEvent;
  version: number;
  link: string;
};

export function subject(t: EmailT, { event, version }: AgreementProps): string {
  return t(`agreement.${event}.subject`, { version });
}

/**
 * Where a signed agreement stands: ready to sign, signed by the other side,
 * declined, void because the plan changed, sealed, or a reminder. Never the
 * plan's content or a reason typed by someone: the link leads to them.
 */
export default function AgreementEmail({ name, event, version, link }: AgreementProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t(`agreement.${event}.subject`, { version })}>
      <Greeting name={name} />
      <Paragraph>{t(`agreement.${event}.intro`, { version })}</Paragraph>
      <ActionButton href={link}>{t(`agreement.${event}.button`)}</ActionButton>
    </EmailLayout>
  );
}
