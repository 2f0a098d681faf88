import { z } from "zod";
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
const nothing = z.strictObject({});
const minutes = (n: number) => n * 60_000;

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
  /** Turns due plan digests into e-mails. */
  "plan.digests": kind({ payload: nothing, every: 30_000 }),
  /** Removes rate-limit windows that ended a day ago. */
  "rate-limits.prune": kind({ payload: nothing, every: minutes(60) }),
  /** Removes ended jobs, and the e-mails they sent, after the retention period. */
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
