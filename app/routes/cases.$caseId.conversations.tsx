import { Form, Link } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { localize } from "#app/modules/content/localize.ts";
import {
  conversationsOf,
  reviewIsDue,
  startConversation,
  suggestedGuide,
} from "#app/modules/conversations/conversations.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { guideIds } from "#app/modules/guides/guides.ts";
import { badRequest, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatDay, formatMoment } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import { dateRanges, optionalDate } from "#app/modules/validation.ts";
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

const startSchema = z
  .object({
    guideId: z.enum(guideIds),
    plannedFor: optionalDate(dateRanges.upcoming),
    /** Optional: with a time, the employee's invitation holds the meeting's hour. */
    plannedAt: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  // A time needs its day.
  .refine((value) => !value.plannedAt || value.plannedFor);

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
  const parsed = startSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return redirectWithToast(`/cases/${record.id}/conversations`, {
      kind: "error",
      message: "guides:start.invalid",
    });
  }
  const result = orRespond(
    await startConversation(tdb, member.actor, record, parsed.data, clientOf(args)),
  );
  if (!result.ok) notFound();
  return redirectWithToast(`/cases/${record.id}/conversations/${result.value.conversationId}`, {
    kind: "success",
    message: "guides:start.started",
  });
}

export default function Conversations({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("guides");
  const { caseId, conversations, suggested, guides, employer } = loaderData;
  const starting = useSubmittingIntent("start");
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
          <Form method="post" className="flex flex-col gap-4">
            <SelectField
              id="start-guide"
              name="guideId"
              label={t("start.guide")}
              defaultValue={suggested}
              options={guides.map((guide) => ({ value: guide.id, label: guide.title }))}
            />
            <TextField
              id="start-date"
              name="plannedFor"
              type="date"
              label={t("start.plannedFor")}
              hint={t("start.plannedForHint")}
            />
            <TextField
              id="start-time"
              name="plannedAt"
              type="time"
              label={t("start.plannedAt")}
              hint={t("start.plannedAtHint")}
            />
            <div>
              <Button
                type="submit"
                name="intent"
                value="start"
                pending={starting}
                pendingLabel={t("start.pending")}
              >
                {t("start.button")}
              </Button>
            </div>
          </Form>
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
