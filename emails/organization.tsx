import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type OrganizationEvent =
  | "ownership-received"
  | "deletion-scheduled"
  | "deletion-cancelled"
  | "deleted"
  | "two-factor-reset";

export type OrganizationProps = {
  name: string;
  organizationName: string;
  event: OrganizationEvent;
  /** Who did it (the owner who handed over, scheduled or cancelled); empty for the deletion itself. */
  byName: string;
  /** The day the data is deleted, as YYYY-MM-DD (for a scheduled deletion). */
  deletionOn?: string;
  link: string;
};

export function subject(t: EmailT, { event, organizationName }: OrganizationProps): string {
  return t(`organization.${event}.subject`, { organization: organizationName });
}

/**
 * About the organisation itself: to the member who became its owner, and to
 * every owner and HR colleague when its deletion is scheduled, cancelled or
 * done; and to a member whose two-factor sign-in an owner turned off. Says
 * what happens and when, never anything about a case.
 */
export default function OrganizationEmail({
  name,
  organizationName,
  event,
  byName,
  deletionOn,
  link,
}: OrganizationProps) {
  const t = useEmailT();
  const { i18n } = useTranslation("emails");
  const values = {
    organization: organizationName,
    by: byName,
    date: deletionOn ? formatDay(i18n.language, deletionOn) : "",
  };
  return (
    <EmailLayout preview={t(`organization.${event}.subject`, values)}>
      <Greeting name={name} />
      <Paragraph>{t(`organization.${event}.intro`, values)}</Paragraph>
      <Paragraph>{t(`organization.${event}.next`, values)}</Paragraph>
      <ActionButton href={link}>{t(`organization.${event}.button`)}</ActionButton>
    </EmailLayout>
  );
}
