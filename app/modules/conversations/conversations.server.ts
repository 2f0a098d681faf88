import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CalendarEvent, icsFileName, invitation } from "#app/modules/calendar/ics.ts";
import { shortName } from "#app/modules/calendar/names.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import { medicalWordsIn } from "#app/modules/content/medical-words.ts";
import { instantIn, isoDay } from "#app/modules/dates.ts";
import { env } from "#app/modules/env.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import type { Guide, GuideId } from "#app/modules/guides/guides.ts";
import { contentHash } from "#app/modules/hash.ts";
import { countryTimeZones } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import type { ContentOf } from "#app/modules/plans/content.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { proposeIn, sideIn } from "#app/modules/plans/plans.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * Conversations on a case, led by a guide. The employer side (the manager,
 * HR) starts one with the guide the case's state suggests, keeps notes per
 * step (saved as they type: work, not health), and turns each outcome into a
 * plan proposal in one step, marked as coming from this conversation. The
 * employee prepares: topics the manager will see, and notes that are theirs
 * alone. After the meeting both see what came of it and the employee may react.
 *
 * The guide is kept with the conversation as it was used (and its hash), so
 * a later edit to the guide does not rewrite what was discussed.
 *
 * Who reads what (the policy): notes, the employer side only; preparation,
 * the employee only; topics and the summary, both; the physician, none of it.
 */
export type ConversationRefusal = "forbidden" | "not-found" | "unknown-step" | "held";

/** The guide the case's state calls for (DOMAIN.md §5). */
export function suggestedGuide(
  record: Pick<CaseRecord, "kind" | "status">,
  reviewDue: boolean,
): GuideId {
  if (record.kind === "CARER") return "carers";
  if (reviewDue) return "review-meeting";
  switch (record.status) {
    case "PREPARING":
      return "first-conversation";
    case "ABSENT":
      return "keeping-in-touch";
    case "RETURNING":
      return "planning-the-return";
    default:
      return "review-meeting";
  }
}

/** Whether a review date of the plan has come, or comes within two weeks. */
export async function reviewIsDue(tdb: TenantDb, caseId: string, now = new Date()) {
  const reviews = await tdb.planItem.findMany({
    where: { caseId, kind: "REVIEW", removedAt: null },
    select: { content: true },
  });
  const horizon = isoDay(14, now);
  return reviews.some((review) => {
    const date = (review.content as { date?: unknown }).date;
    return typeof date === "string" && date <= horizon;
  });
}

/** How long a planned conversation is, in the invitation. */
const meetingMinutes = 60;

function conversationInvitation(input: {
  conversationId: string;
  language: Language;
  employee: { name: string; email: string };
  planner: { name: string; email: string };
  link: string;
  when: CalendarEvent["when"];
}) {
  const { t } = serverI18n(input.language);
  const title = t("calendar.conversation", { ns: "auth", who: shortName(input.employee.name) });
  return {
    filename: icsFileName(title),
    ics: invitation({
      uid: `conversation-${input.conversationId}@werkpad`,
      sequence: 0,
      title,
      url: input.link,
      when: input.when,
      organizer: input.planner,
      attendees: [input.employee, input.planner],
      stamp: new Date(),
    }),
  };
}

export async function startConversation(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { guideId: GuideId; plannedFor?: string; plannedAt?: string },
  client: Client,
): Promise<Result<{ conversationId: string }, Refusal<"forbidden">>> {
  if (!can(actor, "conversation.run", partiesOf(record))) return refused("forbidden");
  const guide = (await loadGuides())[input.guideId];
  const timeZone = countryTimeZones[record.country];
  const startsAt =
    input.plannedFor && input.plannedAt
      ? instantIn(input.plannedFor, input.plannedAt, timeZone)
      : null;
  const conversation = await tdb.$transaction(async (tx) => {
    const created = await tx.conversation.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        guideId: guide.id,
        guideHash: contentHash(guide),
        guide: guide as object,
        plannedFor: input.plannedFor ? new Date(`${input.plannedFor}T00:00:00Z`) : null,
        startsAt,
        startedById: actor.userId,
      },
      select: { id: true },
    });
    // The employee hears of it, to prepare (once they have joined).
    const [employee, planner] = await Promise.all([
      record.employeeId
        ? tx.user.findUnique({
            where: { id: record.employeeId },
            select: { email: true, name: true, language: true },
          })
        : null,
      tx.user.findUniqueOrThrow({
        where: { id: actor.userId },
        select: { name: true, email: true },
      }),
    ]);
    const link = `${env().APP_URL}/cases/${record.id}/conversations/${created.id}`;
    if (employee)
      await enqueue(
        tx,
        "email",
        {
          template: "conversation-planned",
          to: employee.email,
          language: employee.language,
          props: { name: employee.name, plannedBy: planner.name, link },
          // With a day, an invitation for the employee's calendar: the kind of meeting and whose, nothing more.
          ...(input.plannedFor
            ? {
                calendar: conversationInvitation({
                  conversationId: created.id,
                  language: employee.language,
                  employee,
                  planner,
                  link,
                  when: startsAt
                    ? {
                        start: startsAt,
                        end: new Date(startsAt.getTime() + meetingMinutes * 60_000),
                        timeZone,
                      }
                    : { day: input.plannedFor },
                }),
              }
            : {}),
        },
        { organizationId: actor.organizationId },
      );
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "conversation.started",
      targetType: "Case",
      targetId: record.id,
      data: { caseId: record.id, guide: guide.id },
      ...client,
    });
    return created;
  });
  return done({ conversationId: conversation.id });
}

async function findConversation(tdb: TenantDb, caseId: string, conversationId: string) {
  const conversation = await tdb.conversation.findFirst({ where: { id: conversationId, caseId } });
  return conversation ? { ...conversation, guide: conversation.guide as unknown as Guide } : null;
}

/**
 * Saves the employer side's note on one step (the page saves as people type,
 * and on submit without JavaScript). Says whether it reads like health
 * information, for the soft warning.
 */
export async function saveNote(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { conversationId: string; stepId: string; body: string },
): Promise<Result<{ savedAt: Date; healthWords: boolean }, Refusal<ConversationRefusal>>> {
  if (!can(actor, "conversation.run", partiesOf(record))) return refused("not-found");
  const conversation = await findConversation(tdb, record.id, input.conversationId);
  if (!conversation) return refused("not-found");
  if (!conversation.guide.steps.some((step) => step.id === input.stepId))
    return refused("unknown-step");
  const note = await tdb.conversationNote.upsert({
    where: {
      conversationId_stepId: { conversationId: conversation.id, stepId: input.stepId },
      organizationId: actor.organizationId,
    },
    create: {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      stepId: input.stepId,
      body: input.body,
      updatedById: actor.userId,
    },
    update: { body: input.body, updatedById: actor.userId },
    select: { updatedAt: true },
  });
  return done({ savedAt: note.updatedAt, healthWords: medicalWordsIn(input.body).length > 0 });
}

/**
 * An outcome of the conversation becomes a plan proposal from the employer
 * side, marked as coming from this conversation; the employee answers it on
 * the plan as any other.
 */
export async function proposeOutcome<K extends ItemKind>(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { conversationId: string; kind: K; content: ContentOf[K] },
  client: Client,
): Promise<Result<{ itemId: string }, Refusal<ConversationRefusal>>> {
  const side = sideIn(actor, record);
  if (!can(actor, "conversation.run", partiesOf(record)) || !side) return refused("not-found");
  const conversation = await findConversation(tdb, record.id, input.conversationId);
  if (!conversation) return refused("not-found");
  const itemId = await tdb.$transaction((tx) =>
    proposeIn(tx, actor, side, record, input.kind, input.content, client, {
      conversationId: conversation.id,
    }),
  );
  return done({ itemId });
}

export async function markHeld(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  conversationId: string,
  client: Client,
): Promise<Result<undefined, Refusal<ConversationRefusal>>> {
  if (!can(actor, "conversation.run", partiesOf(record))) return refused("not-found");
  const { count } = await tdb.conversation.updateMany({
    where: { id: conversationId, caseId: record.id, status: "PLANNED" },
    data: { status: "HELD", heldAt: new Date() },
  });
  if (count !== 1) return refused("held");
  await tdb.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "conversation.held",
      targetType: "Case",
      targetId: record.id,
      data: { caseId: record.id },
      ...client,
    }),
  );
  return done();
}

/** The employee adds a topic they want to raise: the employer side reads it. */
export async function addTopic(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { conversationId: string; body: string },
): Promise<Result<undefined, Refusal<ConversationRefusal>>> {
  if (!can(actor, "conversation.prepare", partiesOf(record))) return refused("not-found");
  const conversation = await findConversation(tdb, record.id, input.conversationId);
  if (!conversation) return refused("not-found");
  await tdb.conversationTopic.create({
    data: {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      body: input.body,
    },
  });
  return done();
}

/** The employee's private preparation: saved as they type, read by nobody else. */
export async function savePreparation(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { conversationId: string; body: string },
): Promise<Result<{ savedAt: Date }, Refusal<ConversationRefusal>>> {
  if (!can(actor, "conversation.prepare", partiesOf(record))) return refused("not-found");
  const conversation = await findConversation(tdb, record.id, input.conversationId);
  if (!conversation) return refused("not-found");
  const saved = await tdb.conversationPreparation.upsert({
    where: {
      conversationId_employeeId: { conversationId: conversation.id, employeeId: actor.userId },
      organizationId: actor.organizationId,
    },
    create: {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      employeeId: actor.userId,
      body: input.body,
    },
    update: { body: input.body },
    select: { updatedAt: true },
  });
  return done({ savedAt: saved.updatedAt });
}

/** After the meeting, the employee's reaction to what came of it. */
export async function react(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { conversationId: string; body: string },
): Promise<Result<undefined, Refusal<ConversationRefusal>>> {
  if (!can(actor, "conversation.prepare", partiesOf(record))) return refused("not-found");
  const { count } = await tdb.conversation.updateMany({
    where: { id: input.conversationId, caseId: record.id, status: "HELD" },
    data: { reaction: input.body, reactedAt: new Date() },
  });
  return count === 1 ? done() : refused("not-found");
}

/** A case's conversations, newest first, for its list. */
export async function conversationsOf(tdb: TenantDb, caseId: string) {
  const conversations = await tdb.conversation.findMany({
    where: { caseId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      guideId: true,
      guide: true,
      status: true,
      plannedFor: true,
      createdAt: true,
      heldAt: true,
    },
  });
  return conversations.map(({ guide, ...conversation }) => ({
    ...conversation,
    title: (guide as unknown as Guide).title,
  }));
}

/**
 * One conversation as this reader may see it: the employer side gets the
 * guide, its notes and the employee's topics; the employee the guide's
 * preparation part, their topics and their own preparation; both the
 * proposals it led to and the reaction. Nobody else gets anything.
 */
export async function conversationFor(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  conversationId: string,
) {
  const parties = partiesOf(record);
  const employer = can(actor, "conversation.run", parties);
  const employee = can(actor, "conversation.prepare", parties);
  if (!employer && !employee) return null;
  const conversation = await findConversation(tdb, record.id, conversationId);
  if (!conversation) return null;
  const [notes, topics, preparation, proposals] = await Promise.all([
    employer
      ? tdb.conversationNote.findMany({
          where: { conversationId: conversation.id },
          select: { stepId: true, body: true, updatedAt: true },
        })
      : [],
    tdb.conversationTopic.findMany({
      where: { conversationId: conversation.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, createdAt: true },
    }),
    employee
      ? tdb.conversationPreparation.findFirst({
          where: { conversationId: conversation.id, employeeId: actor.userId },
          select: { body: true, updatedAt: true },
        })
      : null,
    tdb.planItem.findMany({
      where: { caseId: record.id, conversationId: conversation.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, content: true, removedAt: true },
    }),
  ]);
  const { guide } = conversation;
  return {
    id: conversation.id,
    status: conversation.status,
    plannedFor: conversation.plannedFor,
    createdAt: conversation.createdAt,
    heldAt: conversation.heldAt,
    reaction: conversation.reaction,
    reactedAt: conversation.reactedAt,
    // Guides are public (/guides): both sides get the whole guide.
    guide,
    role: employer ? ("EMPLOYER" as const) : ("EMPLOYEE" as const),
    notes,
    topics,
    preparation,
    proposals: proposals.map((item) => ({
      id: item.id,
      kind: item.kind as ItemKind,
      content: item.content as Record<string, unknown>,
      removed: item.removedAt !== null,
    })),
  };
}

export type ConversationView = NonNullable<Awaited<ReturnType<typeof conversationFor>>>;
