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

export type RetentionProps = {
  name: string;
  organizationName: string;
  /** How many closed cases the retention job deletes. */
  cases: number;
  /** The first of them goes on this day, as YYYY-MM-DD. */
  deletedFrom: string;
  link: string;
};

export function subject(t: EmailT, { organizationName, cases }: RetentionProps): string {
  return t("retention.subject", { organization: organizationName, count: cases });
}

/**
 * To HR and owners, 30 days before the retention job deletes closed cases:
 * how many and from when, never whose (the link shows them to who may see).
 */
export default function RetentionEmail({
  name,
  organizationName,
  cases,
  deletedFrom,
  link,
}: RetentionProps) {
  const t = useEmailT();
  const { i18n } = useTranslation("emails");
  const values = {
    organization: organizationName,
    count: cases,
    date: formatDay(i18n.language, deletedFrom),
  };
  return (
    <EmailLayout preview={t("retention.subject", values)}>
      <Greeting name={name} />
      <Paragraph>{t("retention.intro", values)}</Paragraph>
      <Paragraph>{t("retention.why")}</Paragraph>
      <ActionButton href={link}>{t("retention.button")}</ActionButton>
    </EmailLayout>
  );
}
