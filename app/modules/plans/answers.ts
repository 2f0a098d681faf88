import { z } from "zod";
import { errorMessage } from "#app/modules/error-messages.ts";
import { databaseIntMax, wholeNumber } from "#app/modules/validation.ts";

/**
 * The answers on an item (agree, say no, withdraw, take out), as the plan
 * page's buttons send them. Shared by the browser and the server.
 */
export const answerIntents = [
  "agree",
  "decline",
  "withdraw",
  "propose-removal",
  "answer-removal",
] as const;
export type AnswerIntent = (typeof answerIntents)[number];

export function isAnswerIntent(value: unknown): value is AnswerIntent {
  return typeof value === "string" && (answerIntents as readonly string[]).includes(value);
}

/** Which item, at which of its versions: a stale version is a conflict, never a silent overwrite. */
export const itemRefSchema = z.object({
  itemId: z.string().min(1).max(64),
  lockVersion: wholeNumber(1, databaseIntMax, "validation.choose"),
});

export const declineReasonMaxLength = 500;

export const declineSchema = z.object({
  reason: z
    .string({ error: "plans:errors.declineReason" })
    .trim()
    .min(1, "plans:errors.declineReason")
    .max(
      declineReasonMaxLength,
      errorMessage("validation.tooLong", { max: declineReasonMaxLength }),
    ),
});

/** What the person is told after an answer went through (a translation key). */
export function answeredMessage(intent: AnswerIntent, removalAccepted: boolean): string {
  const said = {
    agree: "agreed",
    decline: "declined",
    withdraw: "withdrawn",
    "propose-removal": "removalProposed",
    "answer-removal": removalAccepted ? "removed" : "kept",
  } as const;
  return `plans:actions.${said[intent]}`;
}
