import { parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { StartConversationForm } from "#app/components/conversations/start-form.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { localize } from "#app/modules/content/localize.ts";
import {
  conversationsOf,
  reviewIsDue,
  startConversation,
  suggestedGuide,
} from "#app/modules/conversations/conversations.server.ts";
import { startSchema } from "#app/modules/conversations/forms.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { guideIds } from "#app/modules/guides/guides.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatDay, formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.conversations";

/**
 * A case's conversations: the employer side starts one with the guide the
 * case's state suggests (or another); the employee finds each one here to
 * prepare. The physician has no part in them (404).
 */
async function requireParty(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireCase(args);
  const parties = partiesOf(access.record);
  const employer = can(access.member.actor, "conversation.run", parties);
  if (!employer && !can(access.member.actor, "conversation.prepare", parties)) notFound();
  return { ...access, employer };
}

export async function loader(args: Route.LoaderArgs) {
  const { tdb, record, employer } = await requireParty(args);
  const language = languageOfRequest(args.request);
  const [conversations, guides, due] = await Promise.all([
    conversationsOf(tdb, record.id),
    loadGuides(),
    employer ? reviewIsDue(tdb, record.id) : false,
  ]);
  return {
    caseId: record.id,
    employer,
    conversations: conversations.map((conversation) => ({
      ...conversation,
      title: localize(conversation.title, language),
    })),
    suggested: employer ? suggestedGuide(record, due) : null,
    guides: guideIds.map((id) => ({ id, title: localize(guides[id].title, language) })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireParty(args);
  const formData = await args.request.formData();
  if (formData.get("intent") !== "start") badRequest();
  const submission = parseWithZod(formData, { schema: startSchema });
  if (submission.status !== "success") return { reply: submission.reply() };
  const result = orRespond(
    await startConversation(tdb, member.actor, record, submission.value, clientOf(args)),
  );
  if (!result.ok) notFound();
  return redirectWithToast(`/cases/${record.id}/conversations/${result.value.conversationId}`, {
    kind: "success",
    message: "guides:start.started",
  });
}

export default function Conversations({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("guides");
  const { caseId, conversations, suggested, guides, employer } = loaderData;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("backToPlan")}
        </Link>
      </p>
      <PageHeader
        title={t("conversations.title")}
        intro={
          <p>{employer ? t("conversations.introEmployer") : t("conversations.introEmployee")}</p>
        }
      />
      {employer && suggested ? (
        <Card title={t("start.title")}>
          <p className="mb-4">
            {t("start.suggested", {
              guide: guides.find((guide) => guide.id === suggested)?.title ?? "",
            })}
          </p>
          <StartConversationForm
            guides={guides}
            suggested={suggested}
            lastResult={actionData?.reply}
          />
        </Card>
      ) : null}
      {conversations.length === 0 ? (
        <p className="text-lg text-muted">{t("conversations.none")}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {conversations.map((conversation) => (
            <li key={conversation.id} className="item-card">
              <h2 className="text-lg font-semibold">
                <Link to={conversation.id} className="text-brand-800 underline">
                  {conversation.title}
                </Link>
              </h2>
              <p className="text-muted">
                {conversation.status === "HELD" && conversation.heldAt
                  ? t("conversations.heldOn", {
                      date: formatMoment(i18n.language, conversation.heldAt),
                    })
                  : conversation.plannedFor
                    ? t("conversations.plannedFor", {
                        date: formatDay(i18n.language, conversation.plannedFor),
                      })
                    : t("conversations.startedOn", {
                        date: formatMoment(i18n.language, conversation.createdAt),
                      })}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to="/guides" className="font-medium text-brand-700 underline">
          {t("list.title")}
        </Link>
      </p>
    </div>
  );
}
