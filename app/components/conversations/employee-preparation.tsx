import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { HubLinks, type LocalGuide, TextList } from "#app/components/guides/guide-body.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { UserText } from "#app/components/user-text.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import type { ConversationView } from "#app/modules/conversations/conversations.server.ts";
import {
  noteMaxLength,
  reactionMaxLength,
  reactionSchema,
  topicMaxLength,
  topicSchema,
} from "#app/modules/conversations/forms.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { AutosaveField } from "./autosave-field.tsx";
import { Proposals } from "./employer-meeting.tsx";

type Props = {
  caseId: string;
  conversation: Omit<ConversationView, "guide"> & { guide: LocalGuide };
  catalogue: CatalogueView;
  hubPages: Array<{ id: string; title: string }>;
  actionData?: { form: string; reply: SubmissionResult<string[]> } | undefined;
};

/**
 * The employee's side of a conversation: how to prepare, what they never
 * have to tell, their rights, topics they want to raise (the manager reads
 * them), notes of their own (nobody else does); after the meeting, what came
 * of it and their reaction.
 */
export function EmployeePreparation({
  caseId,
  conversation,
  catalogue,
  hubPages,
  actionData,
}: Props) {
  const { t } = useTranslation("guides");
  const { guide } = conversation;
  const adding = useSubmittingIntent("add-topic");
  const reacting = useSubmittingIntent("react");
  const savingPreparation = useSubmittingIntent("save-preparation");
  const [topicForm, topicFields] = useForm({
    id: "topic",
    lastResult: actionData?.form === "topic" ? actionData.reply : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: topicSchema }),
  });
  const [reactionForm, reactionFields] = useForm({
    id: "reaction",
    lastResult: actionData?.form === "reaction" ? actionData.reply : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reactionSchema }),
  });
  return (
    <div className="flex flex-col gap-6">
      {conversation.status === "HELD" ? (
        <section id="summary" aria-labelledby="summary-heading" className="flex flex-col gap-3">
          <h2 id="summary-heading" className="text-xl font-semibold">
            {t("summary.heading")}
          </h2>
          <p>{t("summary.intro")}</p>
          <Proposals conversation={conversation} catalogue={catalogue} caseId={caseId} />
          {conversation.reaction ? (
            <div className="item-card">
              <h3 className="font-semibold">{t("summary.yourReaction")}</h3>
              <p className="mt-1 whitespace-pre-line">
                <UserText>{conversation.reaction}</UserText>
              </p>
            </div>
          ) : (
            <Form
              method="post"
              {...getFormProps(reactionForm)}
              noValidate
              className="item-card flex flex-col gap-3"
            >
              <FormError errors={reactionForm.errors} id={reactionForm.errorId} />
              <TextAreaField
                {...fieldProps(reactionFields.body)}
                label={t("summary.reaction")}
                hint={t("summary.reactionHint")}
                limit={reactionMaxLength}
              />
              <div>
                <Button
                  type="submit"
                  name="intent"
                  value="react"
                  pending={reacting}
                  pendingLabel={t("autosave.saving")}
                >
                  {t("summary.send")}
                </Button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      <section aria-labelledby="prepare-heading" className="item-card flex flex-col gap-3">
        <h2 id="prepare-heading" className="text-xl font-semibold">
          {t("prepare.heading")}
        </h2>
        <p>{guide.employee.intro}</p>
        <TextList heading={t("prepare.think")} items={guide.employee.think} />
        <TextList heading={t("prepare.neverTell")} items={guide.employee.neverTell} />
        <TextList heading={t("prepare.rights")} items={guide.employee.rights} />
        <HubLinks pages={hubPages} />
      </section>
      <section
        id="topics"
        aria-labelledby="topics-heading"
        className="item-card flex flex-col gap-3"
      >
        <h2 id="topics-heading" className="text-xl font-semibold">
          {t("prepare.topics")}
        </h2>
        <p className="text-muted">{t("prepare.topicsIntro")}</p>
        {conversation.topics.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5">
            {conversation.topics.map((topic) => (
              <li key={topic.id}>
                <UserText>{topic.body}</UserText>
              </li>
            ))}
          </ul>
        ) : null}
        {/* A new key per added topic: the form starts empty again after each. */}
        <Form
          key={conversation.topics.length}
          method="post"
          {...getFormProps(topicForm)}
          noValidate
          className="flex flex-col gap-3"
        >
          <FormError errors={topicForm.errors} id={topicForm.errorId} />
          <TextAreaField
            {...fieldProps(topicFields.body)}
            label={t("prepare.topic")}
            rows={2}
            limit={topicMaxLength}
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="add-topic"
              pending={adding}
              pendingLabel={t("autosave.saving")}
            >
              {t("prepare.addTopic")}
            </Button>
          </div>
        </Form>
      </section>
      <section id="preparation" aria-labelledby="preparation-heading" className="item-card">
        <h2 id="preparation-heading" className="text-xl font-semibold">
          {t("prepare.ownNotes")}
        </h2>
        <p className="mb-3 text-muted">{t("prepare.ownNotesIntro")}</p>
        <Form method="post" className="flex flex-col gap-3">
          <AutosaveField
            id="preparation-body"
            name="body"
            label={t("prepare.ownNotesLabel")}
            defaultValue={conversation.preparation?.body ?? ""}
            savedAt={conversation.preparation?.updatedAt ?? null}
            autosave={{
              action: `/cases/${caseId}/conversations/${conversation.id}/autosave`,
              fields: { intent: "preparation" },
            }}
            limit={noteMaxLength}
          />
          <div>
            <Button
              type="submit"
              name="intent"
              value="save-preparation"
              variant="secondary"
              pending={savingPreparation}
              pendingLabel={t("autosave.saving")}
            >
              {t("prepare.save")}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
