import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { badRequest, forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import type { Toast } from "#app/modules/http/toast.ts";
import { proposeAdvised } from "./advised.server.ts";
import { answeredMessage, declineSchema, isAnswerIntent, itemRefSchema } from "./answers.ts";
import type { CaseAccess } from "./case-access.server.ts";
import { catalogueProblems } from "./catalogue-check.server.ts";
import { contentSchemas } from "./content.ts";
import { isItemKind } from "./kinds.ts";
import { type Answer, answerItem, proposeItem } from "./plans.server.ts";
import { repeatPhase } from "./schedule.server.ts";

/**
 * What the plan page's forms do: propose an item, add an advised adjustment,
 * repeat or step back in the schedule, and answer an item. The answer is
 * where to go next with a message (`to`, relative to the plan, and `toast`),
 * or a form to show again with its input and errors (`form`, `reply`).
 * Malformed requests end in 400; what the policy refuses in 403 or 404.
 */
export type PlanActionAnswer =
  | { to: string; toast: Toast }
  | { form: string; reply: SubmissionResult<string[]> };

export async function planAction(
  { member, tdb, record, side }: CaseAccess,
  formData: FormData,
  client: Client,
): Promise<PlanActionAnswer> {
  // Seeing a case is not negotiating it: the physician reads, the two sides answer.
  if (!side) forbidden();
  const intent = formData.get("intent");
  const toast = (
    to: string,
    kind: "success" | "error",
    message: string,
    values?: Toast["values"],
  ) => ({ to, toast: { kind, message, values } }) as const;

  if (intent === "propose") {
    const kind = formData.get("kind");
    if (!isItemKind(kind)) badRequest();
    const submission = parseWithZod(formData, { schema: contentSchemas[kind] });
    if (submission.status !== "success") return { form: kind, reply: submission.reply() };
    const problems = await catalogueProblems(kind, submission.value);
    if (problems) return { form: kind, reply: submission.reply({ fieldErrors: problems }) };
    const result = orRespond(
      await proposeItem(tdb, member.actor, record, kind, submission.value as never, client),
    );
    return toast(`#item-${result.value.itemId}`, "success", "plans:proposed");
  }

  if (intent === "propose-advised") {
    const catalogueId = String(formData.get("catalogueId") ?? "");
    const result = orRespond(await proposeAdvised(tdb, member.actor, record, catalogueId, client));
    if (!result.ok) return toast("#physician", "error", `plans:refusals.${result.reason}`);
    return toast(`#item-${result.value.itemId}`, "success", "plans:physicianSection.addedToPlan");
  }

  if (intent === "repeat-phase" || intent === "step-back-phase") {
    const itemId = String(formData.get("itemId") ?? "");
    const stepBack = intent === "step-back-phase";
    const result = orRespond(
      await repeatPhase(tdb, member.actor, record, itemId, stepBack, client),
    );
    if (!result.ok) return toast("#schedule", "error", `plans:refusals.${result.reason}`);
    return toast("#schedule", "success", "plans:proposed");
  }

  if (!isAnswerIntent(intent)) badRequest();
  const ref = itemRefSchema.safeParse(Object.fromEntries(formData));
  if (!ref.success) badRequest();
  const declined = intent === "decline" ? parseWithZod(formData, { schema: declineSchema }) : null;
  let answer: Answer;
  if (declined) {
    if (declined.status !== "success") {
      return { form: `decline-${ref.data.itemId}`, reply: declined.reply() };
    }
    answer = { type: "decline", reason: declined.value.reason };
  } else if (intent === "answer-removal") {
    answer = { type: "answer-removal", accept: formData.get("accept") === "yes" };
  } else {
    answer = { type: intent as "agree" | "withdraw" | "propose-removal" };
  }
  const { itemId, lockVersion } = ref.data;
  const result = orRespond(
    await answerItem(tdb, member.actor, record, itemId, lockVersion, answer, client),
  );
  // A reason typed for an item someone changed meanwhile comes back to be sent again.
  if (!result.ok && result.reason === "conflict" && declined) {
    return {
      form: `decline-${itemId}`,
      reply: declined.reply({ formErrors: ["plans:conflict.declineStale"] }),
    };
  }
  if (!result.ok) {
    const message =
      result.reason === "conflict"
        ? "plans:conflict.answerStale"
        : `plans:refusals.${result.reason}`;
    return toast(`#item-${itemId}`, "error", message);
  }
  if (result.value.agreedVersion) {
    return toast("", "success", "plans:actions.planAgreed", {
      number: String(result.value.agreedVersion),
    });
  }
  return toast(
    `#item-${itemId}`,
    "success",
    answeredMessage(intent, answer.type === "answer-removal" && answer.accept),
  );
}
