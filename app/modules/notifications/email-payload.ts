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
  agreement: z.object({
    name: text,
    event: z.enum(["ready", "signed-by-other", "declined", "void", "sealed", "reminder"]),
    version: count,
    link,
  }),
  "conversation-planned": z.object({ name: text, plannedBy: text, link }),
  billing: z.object({
    name: text,
    organizationName: text,
    event: z.enum(["trial-ends", "payment-failed", "cancelled"]),
    trialEndsOn: z.iso.date(),
    link,
  }),
  "review-planned": z.object({
    name: text,
    date: z.iso.date(),
    time: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional(),
    link,
  }),
  reminders: z.object({
    name: text,
    lines: z.array(z.object({ text, link })).min(1).max(20),
    settingsLink: link,
    stopLink: link,
  }),
  "data-export": z.object({ name: text, link, expiresOn: z.iso.date() }),
  "signing-code": z.object({
    name: text,
    code: z.string().regex(/^\d{6}$/),
    expiresInMinutes: count,
  }),
  retention: z.object({
    name: text,
    organizationName: text,
    cases: count,
    deletedFrom: z.iso.date(),
    link,
  }),
  organization: z.object({
    name: text,
    organizationName: text,
    event: z.enum([
      "ownership-received",
      "deletion-scheduled",
      "deletion-cancelled",
      "deleted",
      "two-factor-reset",
    ]),
    byName: text,
    deletionOn: z.iso.date().optional(),
    link,
  }),
} satisfies { [K in EmailKind]: z.ZodType<EmailProps[K]> };

/** A calendar invitation to attach (app/modules/calendar/ics.ts makes it). */
export const calendarAttachment = z.object({
  filename: z.string().regex(/^[\w.-]{1,80}\.ics$/),
  ics: z.string().startsWith("BEGIN:VCALENDAR").max(20_000),
});
export type CalendarAttachment = z.infer<typeof calendarAttachment>;

function emailOf<K extends EmailKind>(template: K) {
  return z.object({
    template: z.literal(template),
    to: z.email().max(254),
    language: z.enum(languages),
    props: propsSchemas[template],
    calendar: calendarAttachment.optional(),
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
  emailOf("agreement"),
  emailOf("signing-code"),
  emailOf("conversation-planned"),
  emailOf("billing"),
  emailOf("reminders"),
  emailOf("review-planned"),
  emailOf("retention"),
  emailOf("data-export"),
  emailOf("organization"),
]);
export type EmailPayload = z.infer<typeof emailPayload>;
