import type { SubmissionResult } from "@conform-to/react";
import { Form } from "react-router";
import {
  HubLinks,
  type LocalGuide,
  MayNotAsk,
  TextList,
} from "#app/components/guides/guide-body.tsx";
import { ItemTitle } from "#app/components/plan/item-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { UserText } from "#app/components/user-text.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import type { ConversationView } from "#app/modules/conversations/conversations.server.ts";
import { noteMaxLength } from "#app/modules/conversations/forms.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { AutosaveField } from "./autosave-field.tsx";
import { OutcomeForm } from "./outcome-form.tsx";

type Props = {
  caseId: string;
  conversation: Omit<ConversationView, "guide"> & { guide: LocalGuide };
  catalogue: CatalogueView;
  hubPages: Array<{ id: string; title: string }>;
  country: "NL" | "BE" | "UK";
  actionData?: { form: string; reply: SubmissionResult<string[]> } | undefined;
};

/**
 * The meeting, for the manager or HR: on a laptop or a phone, step by step,
 * with a note per step that saves itself, the employee's topics, what may
 * not be asked here, and each outcome turned into a plan proposal.
 */
export function EmployerMeeting({
  caseId,
  conversation,
  catalogue,
  hubPages,
  country,
  actionData,
}: Props) {
  const { t } = useTranslation("guides");
  const { guide } = conversation;
  const holding = useSubmittingIntent("held");
  const savingNotes = useSubmittingIntent("save-notes");
  const noteOf = (stepId: string) => conversation.notes.find((note) => note.stepId === stepId);
  const autosave = `/cases/${caseId}/conversations/${conversation.id}/autosave`;
  return (
    <div className="flex flex-col gap-6">
      <p className="rounded-lg border border-line bg-info-50 px-4 py-3 font-medium">
        {t("meeting.workNotHealth")}
      </p>
      {conversation.topics.length > 0 ? (
        <section aria-labelledby="topics" className="item-card">
          <h2 id="topics" className="text-xl font-semibold">
            {t("meeting.topics")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {conversation.topics.map((topic) => (
              <li key={topic.id}>
                <UserText>{topic.body}</UserText>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" id="steps" className="flex flex-col gap-4">
        <ol className="flex flex-col gap-4">
          {guide.steps.map((step, index) => (
            <li key={step.id} className="item-card flex flex-col gap-3">
              <h2 className="text-xl font-semibold">
                {t("guide.step", { number: index + 1, title: step.title })}
              </h2>
              <p>{step.intro}</p>
              <details>
                <summary className="cursor-pointer font-medium text-brand-700">
                  {t("meeting.phrasings")}
                </summary>
                <div className="mt-2 flex flex-col gap-3">
                  <TextList heading={t("guide.say")} items={step.say} />
                  <TextList heading={t("guide.ask")} items={step.ask} />
                  <TextList heading={t("guide.avoid")} items={step.avoid} />
                </div>
              </details>
              <AutosaveField
                id={`note-${step.id}`}
                name={`note-${step.id}`}
                label={t("meeting.note")}
                hint={t("meeting.noteHint")}
                defaultValue={noteOf(step.id)?.body ?? ""}
                savedAt={noteOf(step.id)?.updatedAt ?? null}
                autosave={{ action: autosave, fields: { intent: "note", stepId: step.id } }}
                limit={noteMaxLength}
                warnHealth
              />
            </li>
          ))}
        </ol>
        <div>
          <Button
            type="submit"
            name="intent"
            value="save-notes"
            variant="secondary"
            pending={savingNotes}
            pendingLabel={t("autosave.saving")}
          >
            {t("meeting.saveNotes")}
          </Button>
        </div>
      </Form>
      <MayNotAsk guide={guide} country={country} />
      <section id="outcomes" aria-labelledby="outcomes-heading" className="flex flex-col gap-4">
        <h2 id="outcomes-heading" className="text-xl font-semibold">
          {t("guide.outcomes")}
        </h2>
        <p>{t("meeting.outcomesIntro")}</p>
        {guide.outcomes.map((outcome) => (
          <div key={outcome.id} className="item-card flex flex-col gap-2">
            <h3 className="text-lg font-semibold">{outcome.label}</h3>
            <p className="text-muted">{outcome.hint}</p>
            <OutcomeForm
              outcome={{
                ...outcome,
                catalogueTitle: catalogue.adjustments.find((a) => a.id === outcome.catalogueId)
                  ?.title,
              }}
              lastResult={
                actionData?.form === `outcome-${outcome.id}` ? actionData.reply : undefined
              }
            />
          </div>
        ))}
        <Proposals conversation={conversation} catalogue={catalogue} caseId={caseId} />
      </section>
      <TextList heading={t("guide.followUp")} items={guide.followUp} />
      <HubLinks pages={hubPages} />
      {conversation.status === "PLANNED" ? (
        <Form method="post">
          <Button
            type="submit"
            name="intent"
            value="held"
            pending={holding}
            pendingLabel={t("meeting.holding")}
          >
            {t("meeting.held")}
          </Button>
        </Form>
      ) : (
        <Summary conversation={conversation} />
      )}
    </div>
  );
}

/** The plan proposals this conversation led to, with a link to answer them on the plan. */
export function Proposals({
  conversation,
  catalogue,
  caseId,
}: {
  conversation: Pick<ConversationView, "proposals">;
  catalogue: CatalogueView;
  caseId: string;
}) {
  const { t } = useTranslation("guides");
  if (conversation.proposals.length === 0) return null;
  return (
    <div className="item-card">
      <h3 className="text-lg font-semibold">{t("summary.proposals")}</h3>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {conversation.proposals.map((item) => (
          <li key={item.id}>
            <a href={`/cases/${caseId}#item-${item.id}`} className="text-brand-700 underline">
              <ItemTitle kind={item.kind} content={item.content} catalogue={catalogue} />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** After the meeting: the employee's reaction, if they gave one. */
function Summary({ conversation }: { conversation: Pick<ConversationView, "reaction"> }) {
  const { t } = useTranslation("guides");
  return (
    <section id="summary" className="item-card">
      <h2 className="text-xl font-semibold">{t("summary.reactionHeading")}</h2>
      <p className="mt-2 whitespace-pre-line">
        {conversation.reaction ? (
          <UserText>{conversation.reaction}</UserText>
        ) : (
          t("summary.noReaction")
        )}
      </p>
    </section>
  );
}
