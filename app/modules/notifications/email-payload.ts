import { z } from "zod";
import { languages } from "#app/modules/i18n/languages.ts";
import { roles } from "#app/modules/policy/policy.ts";
import type { EmailKind, EmailProps } from "./emails.server.ts";

/**
 * What an e-mail job carries: which template, to whom, in which language, and
 * the template's props, each checked by a schema. The e-mail is rendered from
 * this in the worker, never in the transaction that queues it.
 */
const link = z.url({ protocol: /^https?$/ });
const text = z.string().max(500);
const count = z.number().int().positive();

const propsSchemas = {
  "verify-email": z.object({
    name: text,
    code: z.string().regex(/^\d{6}$/),
    link,
    expiresInMinutes: count,
  }),
  "magic-link": z.object({ name: text, link, expiresInMinutes: count }),
  invitation: z.object({
    organizationName: text,
    inviterName: text,
    role: z.enum(roles),
    link,
    expiresInDays: count,
  }),
  "reset-password": z.object({ name: text, link, expiresInMinutes: count }),
  "account-exists": z.object({ name: text, signInLink: link, resetLink: link }),
  "plan-changes": z.object({ name: text, employeeName: text, changes: count, link }),
  "plan-agreed": z.object({ name: text, employeeName: text, version: count, link }),
} satisfies { [K in EmailKind]: z.ZodType<EmailProps[K]> };

function emailOf<K extends EmailKind>(template: K) {
  return z.object({
    template: z.literal(template),
    to: z.email().max(254),
    language: z.enum(languages),
    props: propsSchemas[template],
  });
}

export const emailPayload = z.discriminatedUnion("template", [
  emailOf("verify-email"),
  emailOf("magic-link"),
  emailOf("invitation"),
  emailOf("reset-password"),
  emailOf("account-exists"),
  emailOf("plan-changes"),
  emailOf("plan-agreed"),
]);
export type EmailPayload = z.infer<typeof emailPayload>;
