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

export type DataExportProps = {
  name: string;
  /** The download: it asks the owner of the export to sign in; the link alone opens nothing. */
  link: string;
  /** The last day it can be downloaded, as YYYY-MM-DD. */
  expiresOn: string;
};

export function subject(t: EmailT): string {
  return t("dataExport.subject");
}

/** The copy of their data a person asked for on their account page is ready (app/modules/privacy/). */
export default function DataExport({ name, link, expiresOn }: DataExportProps) {
  const t = useEmailT();
  const { i18n } = useTranslation("emails");
  return (
    <EmailLayout preview={t("dataExport.preview")}>
      <Greeting name={name} />
      <Paragraph>{t("dataExport.intro")}</Paragraph>
      <ActionButton href={link}>{t("dataExport.button")}</ActionButton>
      <Paragraph>{t("dataExport.until", { date: formatDay(i18n.language, expiresOn) })}</Paragraph>
      <Paragraph>{t("dataExport.notYou")}</Paragraph>
    </EmailLayout>
  );
}
