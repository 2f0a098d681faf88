import {
  ActionButton,
  duration,
  EmailLayout,
  type EmailT,
  Greeting,
  Paragraph,
  useEmailT,
} from "./layout.tsx";

export const invitationRoles = ["OWNER", "HR", "MANAGER", "EMPLOYEE", "PHYSICIAN"] as const;
export type InvitationRole = (typeof invitationRoles)[number];

export type InvitationProps = {
  organizationName: string;
  inviterName: string;
  role: InvitationRole;
  link: string;
  expiresInDays: number;
};

export function subject(t: EmailT, { inviterName, organizationName }: InvitationProps): string {
  return t("invitation.subject", { inviterName, organizationName });
}

/** Invites someone into an organisation, with their role in words and what it means. */
export default function Invitation({
  organizationName,
  inviterName,
  role,
  link,
  expiresInDays,
}: InvitationProps) {
  const t = useEmailT();
  return (
    <EmailLayout preview={t("invitation.preview", { organizationName })}>
      <Greeting />
      <Paragraph>{t("invitation.intro", { inviterName, organizationName })}</Paragraph>
      <Paragraph>
        {t("invitation.role", { role: t(`roles.${role}`) })}
        <br />
        {t(`invitation.roleDescription.${role}`)}
      </Paragraph>
      <ActionButton href={link}>{t("invitation.button")}</ActionButton>
      <Paragraph>
        {t("invitation.expires", { duration: duration(t, expiresInDays, "days") })}
      </Paragraph>
      <Paragraph>{t("invitation.notExpected")}</Paragraph>
    </EmailLayout>
  );
}
