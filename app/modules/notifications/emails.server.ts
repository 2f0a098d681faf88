import { render, toPlainText } from "@react-email/render";
import { type ComponentType, createElement } from "react";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { I18nProvider } from "#app/modules/i18n/use-translation.ts";
import type { AccountExistsProps } from "../../../emails/account-exists.tsx";
import type { AgreementProps } from "../../../emails/agreement.tsx";
import type { BillingProps } from "../../../emails/billing.tsx";
import type { ConversationPlannedProps } from "../../../emails/conversation-planned.tsx";
import type { DataExportProps } from "../../../emails/data-export.tsx";
import type { InvitationProps } from "../../../emails/invitation.tsx";
import type { EmailT } from "../../../emails/layout.tsx";
import type { MagicLinkProps } from "../../../emails/magic-link.tsx";
import type { OrganizationProps } from "../../../emails/organization.tsx";
import type { PlanAgreedProps } from "../../../emails/plan-agreed.tsx";
import type { PlanChangesProps } from "../../../emails/plan-changes.tsx";
import type { RemindersProps } from "../../../emails/reminders.tsx";
import type { ResetPasswordProps } from "../../../emails/reset-password.tsx";
import type { RetentionProps } from "../../../emails/retention.tsx";
import type { ReviewPlannedProps } from "../../../emails/review-planned.tsx";
import type { SigningCodeProps } from "../../../emails/signing-code.tsx";
import type { VerifyEmailProps } from "../../../emails/verify-email.tsx";

/** Every e-mail Werkpad sends, by kind, with the props its template takes. */
export type EmailProps = {
  "verify-email": VerifyEmailProps;
  "magic-link": MagicLinkProps;
  invitation: InvitationProps;
  "reset-password": ResetPasswordProps;
  "account-exists": AccountExistsProps;
  "plan-changes": PlanChangesProps;
  "plan-agreed": PlanAgreedProps;
  agreement: AgreementProps;
  "signing-code": SigningCodeProps;
  "conversation-planned": ConversationPlannedProps;
  billing: BillingProps;
  reminders: RemindersProps;
  "review-planned": ReviewPlannedProps;
  retention: RetentionProps;
  "data-export": DataExportProps;
  organization: OrganizationProps;
};
export type EmailKind = keyof EmailProps;

export type RenderedEmail = { subject: string; html: string; text: string };

/** An e-mail module: its component (default export) and its subject line. */
type Template<P> = { default: ComponentType<P>; subject: (t: EmailT, props: P) => string };

// Loaded on first use: @react-email/components also loads a Tailwind compiler
// (about half a second and 40 MB), which the server should not pay at start-up.
const templates: { [K in EmailKind]: () => Promise<Template<EmailProps[K]>> } = {
  "verify-email": () => import("../../../emails/verify-email.tsx"),
  "magic-link": () => import("../../../emails/magic-link.tsx"),
  invitation: () => import("../../../emails/invitation.tsx"),
  "reset-password": () => import("../../../emails/reset-password.tsx"),
  "account-exists": () => import("../../../emails/account-exists.tsx"),
  "plan-changes": () => import("../../../emails/plan-changes.tsx"),
  "plan-agreed": () => import("../../../emails/plan-agreed.tsx"),
  agreement: () => import("../../../emails/agreement.tsx"),
  "signing-code": () => import("../../../emails/signing-code.tsx"),
  "conversation-planned": () => import("../../../emails/conversation-planned.tsx"),
  billing: () => import("../../../emails/billing.tsx"),
  reminders: () => import("../../../emails/reminders.tsx"),
  "review-planned": () => import("../../../emails/review-planned.tsx"),
  retention: () => import("../../../emails/retention.tsx"),
  "data-export": () => import("../../../emails/data-export.tsx"),
  organization: () => import("../../../emails/organization.tsx"),
};

export const emailKinds = Object.keys(templates) as EmailKind[];

export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === "string" && Object.hasOwn(templates, value);
}

/**
 * Renders one e-mail in the reader's language: the subject, the HTML and the
 * plain-text part (the same content, for clients and people who prefer text).
 */
export async function renderEmail<K extends EmailKind>(
  kind: K,
  props: EmailProps[K],
  language: Language,
): Promise<RenderedEmail> {
  assertAbsoluteLinks(kind, props);
  const template: Template<EmailProps[K]> = await templates[kind]();
  const i18n = serverI18n(language);
  const t = i18n.getFixedT(language, "emails");
  const html = await render(
    createElement(I18nProvider, { i18n }, createElement(template.default, props)),
  );
  return {
    // Names people typed go into subjects: keep them on one line.
    subject: template.subject(t, props).replace(/\s+/g, " ").trim(),
    html,
    text: toPlainText(html).trim(),
  };
}

/** A link in an e-mail is opened outside the app: a relative one would go nowhere. */
function assertAbsoluteLinks(kind: EmailKind, props: object) {
  for (const [name, value] of Object.entries(props)) {
    if (!/link$/i.test(name)) continue;
    const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
      throw new Error(`E-mail "${kind}": ${name} must be an absolute http(s) address`);
    }
  }
}
