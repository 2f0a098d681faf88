import { z } from "zod";
import { guideIds, type OutcomeKind } from "#app/modules/guides/guides.ts";
import {
  adjustmentSchema,
  agreementSchema,
  reviewSchema,
  schedulePhaseSchema,
} from "#app/modules/plans/content.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { dateRanges, optionalDate, requiredChoice, requiredText } from "#app/modules/validation.ts";

/** The forms of a conversation, for the browser and the server alike. */
export const noteMaxLength = 4000;
export const topicMaxLength = 500;
export const reactionMaxLength = 1500;
export const topicSchema = z.object({ body: requiredText(topicMaxLength) });
export const reactionSchema = z.object({ body: requiredText(reactionMaxLength) });

/**
 * The plan item an outcome becomes, and the schema its form is checked with:
 * the plan's own (content.ts), so a proposal from a conversation is exactly
 * like one made on the plan. A colleague-communication outcome is an
 * agreement about colleagues.
 */
export function outcomeContent(kind: OutcomeKind): { kind: ItemKind; schema: z.ZodType } {
  switch (kind) {
    case "ADJUSTMENT":
      return { kind, schema: adjustmentSchema };
    case "AGREEMENT":
    case "COLLEAGUES":
      return { kind: "AGREEMENT", schema: agreementSchema };
    case "REVIEW":
      return { kind, schema: reviewSchema };
    case "SCHEDULE_PHASE":
      return { kind, schema: schedulePhaseSchema };
  }
}

/**
 * Starting a conversation: the guide, and optionally the day and the hour.
 * A time needs its day; with both, the employee's invitation holds the hour.
 */
export const startSchema = z
  .object({
    guideId: requiredChoice(guideIds),
    plannedFor: optionalDate(dateRanges.upcoming),
    plannedAt: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), {
        message: "guides:start.errors.time",
      }),
  })
  .refine((value) => !value.plannedAt || value.plannedFor, {
    path: ["plannedFor"],
    message: "guides:start.errors.timeNeedsDay",
  });
