import { z } from "zod";
import type { OutcomeKind } from "#app/modules/guides/guides.ts";
import {
  adjustmentSchema,
  agreementSchema,
  reviewSchema,
  schedulePhaseSchema,
} from "#app/modules/plans/content.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { requiredText } from "#app/modules/validation.ts";

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
