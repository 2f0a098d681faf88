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

export type BillingEvent = "trial-ends" | "payment-failed" | "cancelled";

export type BillingProps = {
  name: string;
  organizationName: string;
  event: BillingEvent;
  /** The last day of the trial, as YYYY-MM-DD. */
  trialEndsOn: string;
  link: string;
};

export function subject(t: EmailT, { event, organizationName }: BillingProps): string {
  return t(`billing.${event}.subject`, { organization: organizationName });
}

/**
 * To an organisation's owners: the trial ends in 7 days, a payment failed,
 * or the subscription was cancelled. Each says what still works (every
 * existing case, for everyone) and what stops (new cases and members).
 */
export default function BillingEmail({
  name,
  organizationName,
  event,
  trialEndsOn,
  link,
}: BillingProps) {
  const t = useEmailT();
  const { i18n } = useTranslation("emails");
  const values = { organization: organizationName, date: formatDay(i18n.language, trialEndsOn) };
  return (
    <EmailLayout preview={t(`billing.${event}.subject`, values)}>
      <Greeting name={name} />
      <Paragraph>{t(`billing.${event}.intro`, values)}</Paragraph>
      <Paragraph>{t("billing.stillWorks")}</Paragraph>
      <ActionButton href={link}>{t(`billing.${event}.button`)}</ActionButton>
    </EmailLayout>
  );
}
