import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type PlanChangesProps = {
  name: string;
  /** The employee whose plan it is; empty when the reader is that employee. */
  employeeName: string;
  changes: number;
  link: string;
};

export function subject(t: EmailT, { employeeName }: PlanChangesProps): string {
  return employeeName
    ? t("planChanges.subjectFor", { employee: employeeName })
    : t("planChanges.subjectOwn");
}

/**
 * One message for all the changes waiting for the reader, however many were
 * made. It never quotes the plan: what it says stays in Werkpad.
 */
export default function PlanChanges({ name, employeeName, changes, link }: PlanChangesProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("planChanges.preview")}>
      <Greeting name={name} />
      <Paragraph>
        {employeeName
          ? t("planChanges.introFor", { employee: employeeName, count: changes })
          : t("planChanges.introOwn", { count: changes })}
      </Paragraph>
      <ActionButton href={link}>{t("planChanges.button")}</ActionButton>
      <Paragraph>{t("planChanges.noRush")}</Paragraph>
    </EmailLayout>
  );
}
