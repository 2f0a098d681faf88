import { z } from "zod";
import { Country } from "#app/generated/prisma/enums.ts";
import { languages } from "#app/modules/i18n/languages.ts";
import { type EmailPayload, emailPayload } from "#app/modules/notifications/email-payload.ts";

/**
 * Every kind of background job: the schema its payload must match (checked
 * when it is queued and again before it runs), what the organisation's owner
 * may read about it if it fails, and, for recurring work, how often it runs.
 * What each kind does is in worker.server.ts.
 *
 * Payloads carry what the work needs and no more; they are erased when the
 * job ends, because some (a link that signs someone in, a password hash) must
 * not outlive their use.
 */
const email = z.email().max(254);
const nothing = z.strictObject({});
const minutes = (n: number) => n * 60_000;

export const accountEmailPayload = z.object({
  /**
   * Which e-mail, if the address has an account: a sign-in link, a reset
   * link, or a new verification code (only while the address is unconfirmed).
   */
  purpose: z.enum(["magic-link", "reset-password", "verify-email"]),
  email,
});

export const signUpPayload = z.object({
  email,
  name: z.string().min(1),
  organizationName: z.string().min(1),
  country: z.enum(Country),
  language: z.enum(languages),
  /** Hashed on the request, so that the job never sees the password. */
  passwordHash: z.string().min(1),
  client: z.object({ ipAddress: z.string(), userAgent: z.string() }),
});

/** An employer-side visit to a case, to record in the organisation's trail (audit.server.ts). */
export const caseViewPayload = z.object({
  organizationId: z.string().min(1),
  actorId: z.string().min(1),
  caseId: z.string().min(1),
  ipAddress: z.string(),
  userAgent: z.string(),
});

/** An agreement both sides signed, to seal (app/modules/agreements/). */
export const agreementSealPayload = z.object({
  organizationId: z.string().min(1),
  agreementId: z.string().min(1),
});

/** A person's copy of their data, to put together (app/modules/privacy/). */
export const dataExportPayload = z.object({ exportId: z.string().min(1) });

/** A verified Stripe event in the ledger, to process once (app/modules/billing/webhook.server.ts). */
export const stripeEventPayload = z.object({ eventId: z.string().regex(/^evt_\w+$/) });

/** An organisation whose active cases may have outgrown the seats it pays for. */
export const organizationPayload = z.object({ organizationId: z.string().min(1) });

type Kind<P extends z.ZodType> = {
  payload: P;
  /** What an owner may read about a failed job of this kind; never secret. */
  summary?: (payload: z.infer<P>) => JobSummary;
  /** Recurring work: one job of this kind exists at any time and runs again this long after each run. */
  every?: number;
};

/** What the owner's page says about a failed job: today only e-mails have one. */
export type JobSummary = { template: EmailPayload["template"]; to: string };

function kind<P extends z.ZodType>(definition: Kind<P>): Kind<P> {
  return definition;
}

export const jobKinds = {
  /** Renders an e-mail, records it in the outbox, and sends it through Resend. */
  email: kind({
    payload: emailPayload,
    summary: ({ template, to }) => ({ template, to }),
  }),
  /** Sends an account e-mail if the address has an account (the request cannot tell). */
  "account.email": kind({ payload: accountEmailPayload }),
  /** Creates the account and organisation, or tells the address's owner it already has one. */
  "account.sign-up": kind({ payload: signUpPayload }),
  /** Records an employer-side visit to a case, unless one was recorded in the last ten minutes. */
  "audit.case-viewed": kind({ payload: caseViewPayload }),
  /** Appends the signing certificate page to a signed agreement and seals it. */
  "agreement.seal": kind({ payload: agreementSealPayload }),
  /** Reminds signers who have not signed: after three days, then weekly, three times at most. */
  "agreement.reminders": kind({ payload: nothing, every: minutes(60) }),
  /** Puts a person's copy of their data together in a ZIP, stores it and e-mails the link. */
  "privacy.export": kind({ payload: dataExportPayload }),
  /** Re-reads a Stripe event's customer from Stripe and writes our copy, once per event. */
  "stripe.event": kind({ payload: stripeEventPayload }),
  /** Raises the subscription's quantity when the active cases outgrow it. */
  "billing.seats": kind({ payload: organizationPayload }),
  /** Fixes seat drift, and lowers the quantity to the active cases once a new period has started. */
  "billing.reconcile": kind({ payload: nothing, every: minutes(60) }),
  /** Tells owners, once, that the trial ends within 7 days. */
  "billing.trial-reminders": kind({ payload: nothing, every: minutes(60) }),
  /** Reminds people of deadlines and of answers they owe: at most one e-mail a day each. */
  "reminders.send": kind({ payload: nothing, every: minutes(60) }),
  /** Turns due plan digests into e-mails. */
  "plan.digests": kind({ payload: nothing, every: 30_000 }),
  /** Deletes closed cases whose retention period ended (warning HR 30 days before), and erased accounts no case names. */
  "privacy.retention": kind({ payload: nothing, every: minutes(60) }),
  /** Removes rate-limit windows that ended a day ago. */
  "rate-limits.prune": kind({ payload: nothing, every: minutes(60) }),
  /** Deletes the data of organisations whose 30 days after a scheduled deletion have passed. */
  "organizations.delete": kind({ payload: nothing, every: minutes(60) }),
  /** Removes ended jobs, and the e-mails they sent, after the retention period; and expired data exports. */
  "jobs.purge": kind({ payload: nothing, every: minutes(60) }),
};

export type JobKind = keyof typeof jobKinds;
export type JobPayload<K extends JobKind> = z.infer<(typeof jobKinds)[K]["payload"]>;

export function isJobKind(value: string): value is JobKind {
  return Object.hasOwn(jobKinds, value);
}

/** The kind's definition, seen through what every kind has in common. */
export function definitionOf(kind: JobKind): Kind<z.ZodType> {
  return jobKinds[kind] as Kind<z.ZodType>;
}

export const recurringKinds = (Object.keys(jobKinds) as JobKind[]).filter(
  (kind) => definitionOf(kind).every !== undefined,
);
