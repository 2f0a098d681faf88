import {
  ActionButton,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export type PlanAgreedProps = {
  name: string;
  /** The employee whose plan it is; empty when the reader is that employee. */
  employeeName: string;
  version: number;
  link: string;
};

export function subject(t: EmailT, { version }: PlanAgreedProps): string {
  return t("planAgreed.subject", { version });
}

/** Both sides agreed to every part of the plan. */
export default function PlanAgreed({ name, employeeName, version, link }: PlanAgreedProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("planAgreed.preview")}>
      <Greeting name={name} />
      <Paragraph>
        {employeeName
          ? t("planAgreed.introFor", { employee: employeeName, version })
          : t("planAgreed.introOwn", { version })}
      </Paragraph>
      <ActionButton href={link}>{t("planAgreed.button")}</ActionButton>
      <Paragraph>{t("planAgreed.changeLater")}</Paragraph>
    </EmailLayout>
  );
}
