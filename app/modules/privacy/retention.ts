import type { Country, Role } from "#app/generated/prisma/enums.ts";
import { addCalendarMonths } from "#app/modules/dates.ts";

/**
 * How long Werkpad keeps what, and why: one configuration that the retention
 * job (retention.server.ts), the erasure of an account (erasure.server.ts) and
 * the records of processing page (/privacy) all read, so what the page
 * promises is what the job does.
 */

/** A closed case is kept this many months by default, per country. */
export const defaultCaseRetentionMonths: Record<Country, number> = {
  // The Dutch DPA: the re-integration dossier at most about two years after the re-integration ends.
  NL: 24,
  // No fixed Belgian term for the employer's re-integration file; the same two years, shorter if the organisation chooses.
  BE: 24,
  // UK GDPR sets no term: no longer than needed; the same two years as the default.
  UK: 24,
};

/** An organisation may choose a shorter period, never a longer one than the Dutch guidance allows. */
export const caseRetentionBounds = { min: 6, max: 24 } as const;

/** HR and owners are told this many days before the job deletes a closed case. */
export const retentionWarningDays = 30;

export function caseRetentionMonths(organization: {
  country: Country;
  caseRetentionMonths: number | null;
}): number {
  return organization.caseRetentionMonths ?? defaultCaseRetentionMonths[organization.country];
}

/** The day a case closed on `closedAt` is deleted, `months` later (the same day of the month, or the month's last). */
export function deletionDate(closedAt: Date, months: number): Date {
  return addCalendarMonths(closedAt, months);
}

/** How long something is kept, as the records page says it. */
export type Retention =
  | { kind: "whileAccount" }
  | { kind: "caseRetention" }
  | { kind: "days"; days: number }
  /** JOB_RETENTION_DAYS: the e-mails go with the jobs that sent them. */
  | { kind: "jobRetention" }
  | { kind: "auditTrail" };

/** One row of the records of processing (GDPR article 30). Texts are in the `privacy` namespace under `records.<id>`. */
export type ProcessingRecord = {
  id:
    | "account"
    | "sessions"
    | "dossier"
    | "agreements"
    | "medical"
    | "privateNotes"
    | "checkIns"
    | "exports"
    | "emails"
    | "auditTrail"
    | "billing";
  /** Who in the organisation can see it, by organisation role (the case's own people are named in the text). */
  visibleTo: readonly (Role | "caseParties" | "employeeAndPhysician" | "employeeOnly" | "self")[];
  retention: Retention;
  /** The sub-processors the data passes through, besides the hosting. */
  processors: readonly SubProcessor["id"][];
};

export const processingRecords: readonly ProcessingRecord[] = [
  {
    id: "account",
    visibleTo: ["self", "OWNER", "HR"],
    retention: { kind: "whileAccount" },
    processors: [],
  },
  { id: "sessions", visibleTo: ["self"], retention: { kind: "days", days: 30 }, processors: [] },
  {
    id: "dossier",
    visibleTo: ["caseParties", "HR", "OWNER"],
    retention: { kind: "caseRetention" },
    processors: ["resend"],
  },
  {
    id: "agreements",
    visibleTo: ["caseParties", "HR", "OWNER"],
    retention: { kind: "caseRetention" },
    processors: ["resend"],
  },
  {
    id: "medical",
    visibleTo: ["employeeAndPhysician"],
    retention: { kind: "caseRetention" },
    processors: [],
  },
  {
    id: "privateNotes",
    visibleTo: ["employeeOnly"],
    retention: { kind: "caseRetention" },
    processors: [],
  },
  {
    id: "checkIns",
    visibleTo: ["caseParties"],
    retention: { kind: "caseRetention" },
    processors: [],
  },
  {
    id: "exports",
    visibleTo: ["self"],
    retention: { kind: "days", days: 7 },
    processors: ["resend"],
  },
  {
    id: "emails",
    visibleTo: ["self"],
    retention: { kind: "jobRetention" },
    processors: ["resend"],
  },
  {
    id: "auditTrail",
    visibleTo: ["OWNER", "HR"],
    retention: { kind: "auditTrail" },
    processors: [],
  },
  {
    id: "billing",
    visibleTo: ["OWNER"],
    retention: { kind: "whileAccount" },
    processors: ["stripe"],
  },
];

/** Who processes data for Werkpad. Texts in the `privacy` namespace under `processors.<id>`. */
export type SubProcessor = { id: "hosting" | "resend" | "stripe" };
export const subProcessors: readonly SubProcessor[] = [
  { id: "hosting" },
  { id: "resend" },
  { id: "stripe" },
];
