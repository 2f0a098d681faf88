import { parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { EmployeePreparation } from "#app/components/conversations/employee-preparation.tsx";
import { EmployerMeeting } from "#app/components/conversations/employer-meeting.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { catalogueIn } from "#app/modules/catalog/view.ts";
import { localize } from "#app/modules/content/localize.ts";
import {
  addTopic,
  conversationFor,
  markHeld,
  proposeOutcome,
  react,
  saveNote,
  savePreparation,
} from "#app/modules/conversations/conversations.server.ts";
import {
  noteMaxLength,
  outcomeContent,
  reactionSchema,
  topicSchema,
} from "#app/modules/conversations/forms.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { loadHub } from "#app/modules/hub/hub.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import type { Route } from "./+types/cases.$caseId.conversations.$conversationId";

/**
 * One conversation. The employer side runs it step by step (notes saved as
 * they type, outcomes turned into plan proposals, then "held"); the employee
 * prepares (what to think about, what they never have to tell, their rights,
 * topics, private notes) and, after the meeting, reads what came of it and
 * reacts. Anyone else gets 404.
 */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  const conversation = await conversationFor(tdb, member.actor, record, args.params.conversationId);
  if (!conversation) notFound();
  const language = languageOfRequest(args.request);
  const [catalogue, hub] = await Promise.all([loadCatalogue(), loadHub()]);
  const named = new Set([
    ...conversation.guide.outcomes.flatMap((outcome) =>
      outcome.catalogueId ? [outcome.catalogueId] : [],
    ),
    ...conversation.proposals.flatMap((item) =>
      typeof item.content.catalogueId === "string" ? [item.content.catalogueId] : [],
    ),
  ]);
  return {
    caseId: record.id,
    employeeName: record.employee?.name ?? record.invitedEmail ?? "",
    conversation: { ...conversation, guide: localize(conversation.guide, language) },
    catalogue: catalogueIn(catalogue, language, { name: named, describe: new Set() }),
    hubPages: conversation.guide.hub.flatMap((pageId) => {
      const page = hub[pageId as keyof typeof hub];
      return page && page.country === record.country
        ? [{ id: page.id, title: localize(page.title, language) }]
        : [];
    }),
    country: record.country,
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const conversationId = args.params.conversationId;
  const here = `/cases/${record.id}/conversations/${conversationId}`;
  const client = clientOf(args);
  const saved = (message: string, anchor = "") =>
    redirectWithToast(`${here}${anchor}`, { kind: "success", message });

  if (intent === "save-notes") {
    // Without JavaScript: every step's note, sent with the form's button.
    for (const [name, value] of formData) {
      if (!name.startsWith("note-") || typeof value !== "string" || value.length > noteMaxLength)
        continue;
      orRespond(
        await saveNote(tdb, member.actor, record, {
          conversationId,
          stepId: name.slice("note-".length),
          body: value,
        }),
      );
    }
    return saved("guides:meeting.notesSaved", "#steps");
  }
  if (intent === "propose-outcome") {
    const outcomeId = String(formData.get("outcomeId") ?? "");
    const conversation = await conversationFor(tdb, member.actor, record, conversationId);
    const outcome = conversation?.guide.outcomes.find((candidate) => candidate.id === outcomeId);
    if (!conversation || !outcome) badRequest();
    const { kind, schema } = outcomeContent(outcome.kind);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success")
      return { form: `outcome-${outcome.id}`, reply: submission.reply() };
    orRespond(
      await proposeOutcome(
        tdb,
        member.actor,
        record,
        { conversationId, kind, content: submission.value as never },
        client,
      ),
    );
    return saved("guides:meeting.proposed", "#outcomes");
  }
  if (intent === "held") {
    const result = orRespond(await markHeld(tdb, member.actor, record, conversationId, client));
    if (!result.ok)
      return redirectWithToast(here, { kind: "error", message: "guides:meeting.alreadyHeld" });
    return saved("guides:meeting.heldSaved");
  }
  if (intent === "add-topic") {
    const submission = parseWithZod(formData, { schema: topicSchema });
    if (submission.status !== "success") return { form: "topic", reply: submission.reply() };
    orRespond(
      await addTopic(tdb, member.actor, record, { conversationId, body: submission.value.body }),
    );
    return saved("guides:prepare.topicAdded", "#topics");
  }
  if (intent === "save-preparation") {
    const body = String(formData.get("body") ?? "");
    if (body.length > noteMaxLength) badRequest();
    orRespond(await savePreparation(tdb, member.actor, record, { conversationId, body }));
    return saved("guides:prepare.saved", "#preparation");
  }
  if (intent === "react") {
    const submission = parseWithZod(formData, { schema: reactionSchema });
    if (submission.status !== "success") return { form: "reaction", reply: submission.reply() };
    const result = orRespond(
      await react(tdb, member.actor, record, { conversationId, body: submission.value.body }),
    );
    if (!result.ok) notFound();
    return saved("guides:summary.reacted", "#summary");
  }
  badRequest();
}

export default function ConversationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("guides");
  const { conversation, caseId } = loaderData;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link
          to={`/cases/${caseId}/conversations`}
          className="font-medium text-brand-700 underline"
        >
          ← {t("conversations.title")}
        </Link>
      </p>
      <PageHeader
        title={conversation.guide.title}
        intro={<p>{t("conversation.with", { name: loaderData.employeeName })}</p>}
      />
      {conversation.role === "EMPLOYER" ? (
        <EmployerMeeting {...loaderData} actionData={actionData} />
      ) : (
        <EmployeePreparation {...loaderData} actionData={actionData} />
      )}
    </div>
  );
}
