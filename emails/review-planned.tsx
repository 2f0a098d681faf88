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

export type ReviewPlannedProps = {
  name: string;
  /** The review's day (YYYY-MM-DD) and, when agreed with one, its time (HH:MM). */
  date: string;
  time?: string;
  link: string;
};

export function subject(t: EmailT, _props: ReviewPlannedProps): string {
  return t("reviewPlanned.subject");
}

/**
 * To both sides when a review date is agreed, with the invitation attached
 * for their calendar. It says when, never what the plan holds.
 */
export default function ReviewPlanned({ name, date, time, link }: ReviewPlannedProps) {
  const t = useEmailT();
  const { i18n } = useTranslation("emails");
  const day = formatDay(i18n.language, date);
  return (
    <EmailLayout preview={t("reviewPlanned.subject")}>
      <Greeting name={name} />
      <Paragraph>
        {time
          ? t("reviewPlanned.introAt", { date: day, time })
          : t("reviewPlanned.intro", { date: day })}
      </Paragraph>
      <Paragraph>{t("reviewPlanned.calendar")}</Paragraph>
      <ActionButton href={link}>{t("reviewPlanned.button")}</ActionButton>
    </EmailLayout>
  );
}
