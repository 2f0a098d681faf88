import { saveNote, savePreparation } from "#app/modules/conversations/conversations.server.ts";
import { noteMaxLength } from "#app/modules/conversations/forms.ts";
import { badRequest, orRespond } from "#app/modules/http/errors.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import type { Route } from "./+types/cases.$caseId.conversations.$conversationId.autosave";

/**
 * Where a conversation's texts save themselves as people type (and, when a
 * tab closes, through the browser's beacon): the employer side's note on a
 * step, or the employee's private preparation. Answers when it was saved.
 */
export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const body = formData.get("body");
  if (typeof body !== "string" || body.length > noteMaxLength) badRequest();
  const conversationId = args.params.conversationId;
  if (formData.get("intent") === "note") {
    const stepId = String(formData.get("stepId") ?? "");
    const result = orRespond(
      await saveNote(tdb, member.actor, record, { conversationId, stepId, body }),
    );
    if (!result.ok) badRequest();
    return Response.json(result.value);
  }
  if (formData.get("intent") === "preparation") {
    const result = orRespond(
      await savePreparation(tdb, member.actor, record, { conversationId, body }),
    );
    if (!result.ok) badRequest();
    return Response.json({ ...result.value, healthWords: false });
  }
  badRequest();
}
