/**
 * The kinds of plan items and the choices and limits of their fields: what
 * pages show, without the schemas that check them (content.ts), so that a
 * page can name them without loading the validation library.
 */
export const itemKinds = [
  "CAPACITY",
  "ADJUSTMENT",
  "SCHEDULE_PHASE",
  "AGREEMENT",
  "REVIEW",
] as const;
export type ItemKind = (typeof itemKinds)[number];

export function isItemKind(value: unknown): value is ItemKind {
  return typeof value === "string" && (itemKinds as readonly string[]).includes(value);
}

/** The six groups of the Dutch Functionele Mogelijkhedenlijst (FML). */
export const capacityAreas = [
  "personal",
  "social",
  "environment",
  "dynamic",
  "static",
  "hours",
] as const;
export const adjustmentStages = ["planned", "in_place", "stopped", "refused"] as const;
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const agreementTopics = ["contact", "colleagues", "other"] as const;
export const tellers = ["employee", "manager", "hr", "together"] as const;
/** A schedule covers at most two years: phases start in week 1 to 104. */
export const lastWeek = 104;

/** The longest text each free-text field takes; the forms show it, with a count. */
export const textLimits = {
  whatHelps: 600,
  whatIsHard: 600,
  details: 600,
  stageReason: 400,
  tasksIncluded: 400,
  tasksExcluded: 400,
  text: 800,
  note: 300,
} as const;
