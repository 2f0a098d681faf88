import type { PlanItem, Prisma } from "#app/generated/prisma/client.ts";
import { voidWaitingAgreements } from "#app/modules/agreements/notify.server.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { inviteToReview } from "#app/modules/calendar/review-invitations.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import { db } from "#app/modules/db.server.ts";
import { type Actor, planSide } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lockFor, type TenantDb, type TenantTx } from "#app/modules/tenant.server.ts";
import {
  type AgreementRefusal,
  agree,
  answerRemoval,
  awaitingSide,
  decline,
  edit,
  type ItemState,
  isAgreed,
  otherSide,
  planIsAgreed,
  propose,
  proposeRemoval,
  type Side,
  statusOf,
  type Transition,
  withdraw,
} from "./agreement.ts";
import { type ContentOf, itemHash, normaliseContent, type StoredContent } from "./content.ts";
import type { ItemKind } from "./kinds.ts";
import { noteChangeFor, sendPlanAgreed } from "./notify.server.ts";
import { diffVersions, planHash, type SnapshotItem, snapshotOf } from "./versions.ts";

/**
 * A case's plan: items negotiated one by one (agreement.ts decides the
 * moves), agreed versions frozen when every item is agreed, and a version
 * number per item so that two people editing at once never overwrite each
 * other silently.
 */
export type PlanItemView = ReturnType<typeof viewOf>;

function viewOf(
  item: PlanItem,
  agreedIds: Set<string>,
  names = new Map<string, string>(),
  conversations = new Map<string, Date>(),
) {
  return {
    id: item.id,
    kind: item.kind as ItemKind,
    content: item.content as Record<string, unknown>,
    proposedBySide: item.proposedBySide as Side,
    /** The person who proposed the current content (on either side, HR or the manager alike). */
    proposedBy: { id: item.proposedById, name: names.get(item.proposedById) ?? "" },
    lockVersion: item.lockVersion,
    status: statusOf(item as ItemState),
    awaiting: awaitingSide(item as ItemState),
    inAgreedVersion: agreedIds.has(item.id),
    // When the conversation it came from was started; left out otherwise (the plan page's size).
    ...fromConversation(item.conversationId, conversations),
  };
}

function fromConversation(
  conversationId: string | null,
  conversations: Map<string, Date>,
): { fromConversation?: Date } {
  const started = conversationId ? conversations.get(conversationId) : undefined;
  return started ? { fromConversation: started } : {};
}

function snapshotIds(snapshot: unknown): Set<string> {
  return new Set((snapshot as SnapshotItem[] | undefined)?.map((item) => item.id) ?? []);
}

/** What a plan is read from, as a nested select of its case: the live items and the latest agreed version. */
export const planSelect = {
  items: { where: { removedAt: null }, orderBy: { createdAt: "asc" } },
  conversations: { select: { id: true, createdAt: true, status: true } },
  versions: {
    orderBy: { number: "desc" },
    take: 1,
    select: { number: true, contentHash: true, agreedAt: true, snapshot: true },
  },
} as const satisfies Prisma.CaseSelect;

type LatestVersion = { number: number; contentHash: string; agreedAt: Date; snapshot: unknown };

/**
 * A case's plan as its pages show it, from the items and latest version read
 * with `planSelect`: one statement, two when someone outside the case
 * proposed an item (their name is read then). `known` are names the caller
 * has already read: the case's parties and the reader (namesKnownIn).
 */
export async function planFrom(
  items: PlanItem[],
  latest: LatestVersion | undefined,
  known: Map<string, string>,
  conversations: Array<{ id: string; createdAt: Date }> = [],
) {
  const agreedIds = snapshotIds(latest?.snapshot);
  const names = await withNamesOf(
    items.map((item) => item.proposedById),
    known,
  );
  const started = new Map(
    conversations.map((conversation) => [conversation.id, conversation.createdAt]),
  );
  const views = items.map((item) => viewOf(item, agreedIds, names, started));
  const agreedNow = planIsAgreed(items as ItemState[]);
  const unchangedSinceLatest =
    latest !== undefined && agreedNow && planHash(snapshotOfItems(items)) === latest.contentHash;
  return {
    items: views,
    latestVersion: latest
      ? { number: latest.number, contentHash: latest.contentHash, agreedAt: latest.agreedAt }
      : null,
    /** The version being negotiated now, or null when the plan is exactly the latest agreed version. */
    draftNumber: unchangedSinceLatest ? null : (latest?.number ?? 0) + 1,
  };
}

/** `known` with the names of the people among `ids` it lacks, read in one statement if any. */
async function withNamesOf(ids: string[], known: Map<string, string>) {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length === 0) return known;
  const people = await db.user.findMany({
    where: { id: { in: missing } },
    select: { id: true, name: true },
  });
  return new Map([...known, ...people.map((person): [string, string] => [person.id, person.name])]);
}

/** The names a case's pages know without reading: its parties' and the reader's. */
export function namesKnownIn(record: CaseRecord, reader: { id: string; name: string }) {
  const people = [record.employee, record.manager, record.physician, reader];
  return new Map(
    people.flatMap((person) => (person ? [[person.id, person.name] as [string, string]] : [])),
  );
}

/** How many of a plan's items wait for one side's answer: for a start page, without loading the plan. */
export async function waitingFor(tdb: TenantDb, caseId: string, side: Side): Promise<number> {
  const items = await tdb.planItem.findMany({ where: { caseId, removedAt: null } });
  return items.filter((item) => awaitingSide(item as ItemState) === side).length;
}

function snapshotOfItems(items: PlanItem[]): SnapshotItem[] {
  return snapshotOf(
    items
      .filter((item) => !item.removedAt)
      .map((item) => ({
        id: item.id,
        kind: item.kind as ItemKind,
        content: item.content as StoredContent,
        proposedBySide: item.proposedBySide as Side,
      })),
  );
}

/** Whether the plan is, right now, exactly the agreed version with this fingerprint. */
export async function planMatchesVersion(
  tdb: TenantDb,
  caseId: string,
  versionHash: string,
): Promise<boolean> {
  const items = await tdb.planItem.findMany({ where: { caseId, removedAt: null } });
  return planIsAgreed(items as ItemState[]) && planHash(snapshotOfItems(items)) === versionHash;
}

/** One live item of a case's plan, as the pages show it. */
export async function findItem(tdb: TenantDb, caseId: string, itemId: string) {
  const [item, latest] = await Promise.all([
    tdb.planItem.findFirst({ where: { id: itemId, caseId, removedAt: null } }),
    tdb.planVersion.findFirst({
      where: { caseId },
      orderBy: { number: "desc" },
      select: { snapshot: true },
    }),
  ]);
  return item ? viewOf(item, snapshotIds(latest?.snapshot)) : null;
}

/**
 * Every agreed version, newest first, each with what changed since the one
 * before: the plan's history.
 */
export async function loadHistory(tdb: TenantDb, caseId: string) {
  const versions = await tdb.planVersion.findMany({
    where: { caseId },
    orderBy: { number: "asc" },
  });
  return versions
    .map((version, index) => ({
      number: version.number,
      contentHash: version.contentHash,
      agreedAt: version.agreedAt,
      snapshot: version.snapshot as SnapshotItem[],
      changes:
        index === 0
          ? null
          : diffVersions(
              versions[index - 1]?.snapshot as SnapshotItem[],
              version.snapshot as SnapshotItem[],
            ),
    }))
    .reverse();
}

export type PlanRefusal = AgreementRefusal | "forbidden" | "not-found";

/** The side the actor negotiates on in this case, or null when they may not. */
export function sideIn(actor: Actor, record: CaseRecord): Side | null {
  return planSide(actor, partiesOf(record));
}

export async function proposeItem<K extends ItemKind>(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  kind: K,
  content: ContentOf[K],
  client: Client,
): Promise<Result<{ itemId: string }, Refusal<"forbidden">>> {
  const side = sideIn(actor, record);
  if (!side) return refused("forbidden");
  const itemId = await tdb.$transaction((tx) =>
    proposeIn(tx, actor, side, record, kind, content, client),
  );
  return done({ itemId });
}

/** Adds a proposal inside a transaction the caller opened (through the tenant door). */
export async function proposeIn<K extends ItemKind>(
  tx: TenantTx,
  actor: Actor,
  side: Side,
  record: CaseRecord,
  kind: K,
  content: ContentOf[K],
  client: Client,
  /** The conversation whose outcome this is (conversations.server.ts). */
  from?: { conversationId: string },
): Promise<string> {
  const stored = normaliseContent(content);
  const hash = itemHash(kind, stored);
  const item = await tx.planItem.create({
    data: {
      organizationId: actor.organizationId,
      caseId: record.id,
      kind,
      content: stored,
      proposedById: actor.userId,
      conversationId: from?.conversationId ?? null,
      ...propose(side, hash),
    },
  });
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action: "plan.item_proposed",
    targetType: "PlanItem",
    targetId: item.id,
    data: { caseId: record.id, kind, side },
    ...client,
  });
  await noteChangeFor(tx, record, otherSide(side));
  await voidWaitingAgreements(tx, record, actor.userId, client);
  return item.id;
}

export type Answer =
  | { type: "agree" }
  | { type: "decline"; reason: string }
  | { type: "edit"; content: ContentOf[ItemKind] }
  | { type: "withdraw" }
  | { type: "propose-removal" }
  | { type: "answer-removal"; accept: boolean };

/** Done (with the number of the version it completed, if any), a conflict, or refused. */
export type AnswerResult = Result<
  { agreedVersion: number | null },
  Refusal<PlanRefusal> | { reason: "conflict"; current: PlanItemView }
>;

const auditAction = {
  agree: "plan.item_agreed",
  decline: "plan.item_declined",
  edit: "plan.item_changed",
  withdraw: "plan.item_withdrawn",
  "propose-removal": "plan.item_removal_proposed",
} as const;

/**
 * One side answers an item: agree, decline with a reason, change it (a
 * counter-proposal), withdraw it, or propose or answer its removal. The
 * answer names the item's version it was given on; if someone changed the
 * item since, nothing is written and the current item comes back.
 */
export async function answerItem(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  itemId: string,
  lockVersion: number,
  answer: Answer,
  client: Client,
): Promise<AnswerResult> {
  const side = sideIn(actor, record);
  if (!side) return refused("forbidden");
  return tdb.$transaction((tx) =>
    answerIn(tx, actor, side, record, itemId, lockVersion, answer, client),
  );
}

/** Answers an item inside a transaction the caller opened (through the tenant door). */
export async function answerIn(
  tx: TenantTx,
  actor: Actor,
  side: Side,
  record: CaseRecord,
  itemId: string,
  lockVersion: number,
  answer: Answer,
  client: Client,
): Promise<AnswerResult> {
  const item = await tx.planItem.findFirst({ where: { id: itemId, caseId: record.id } });
  if (!item) return refused("not-found");
  const latest = await tx.planVersion.findFirst({
    where: { caseId: record.id },
    orderBy: { number: "desc" },
  });
  const agreedIds = snapshotIds(latest?.snapshot);
  if (item.lockVersion !== lockVersion)
    return refused("conflict", { current: viewOf(item, agreedIds) });

  const state = item as ItemState;
  const now = new Date();
  let content: StoredContent | undefined;
  let transition: Transition;
  switch (answer.type) {
    case "agree":
      transition = agree(state, side);
      break;
    case "decline":
      transition = decline(state, side, answer.reason);
      break;
    case "edit":
      content = normaliseContent(answer.content);
      transition = edit(state, side, itemHash(item.kind as ItemKind, content));
      break;
    case "withdraw":
      transition = withdraw(state, side, agreedIds.has(item.id), now);
      break;
    case "propose-removal":
      transition = proposeRemoval(state, side, agreedIds.has(item.id));
      break;
    case "answer-removal":
      transition = answerRemoval(state, side, answer.accept, now);
      break;
  }
  if (!transition.ok) return refused(transition.reason);

  const { count } = await tx.planItem.updateMany({
    where: { id: item.id, lockVersion },
    data: {
      ...transition.value,
      ...(content ? { content, proposedById: actor.userId } : {}),
      lockVersion: { increment: 1 },
    },
  });
  if (count !== 1) {
    const current = await tx.planItem.findFirstOrThrow({ where: { id: item.id } });
    return refused("conflict", { current: viewOf(current, agreedIds) });
  }
  // A review date both sides now agree to: an invitation for each calendar.
  if (
    answer.type === "agree" &&
    item.kind === "REVIEW" &&
    isAgreed({ ...state, ...transition.value } as ItemState)
  )
    await inviteToReview(tx, record, {
      id: item.id,
      lockVersion: item.lockVersion + 1,
      content: item.content as { date?: unknown; time?: unknown },
    });
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action:
      answer.type === "answer-removal"
        ? answer.accept
          ? "plan.item_removed"
          : "plan.item_removal_declined"
        : auditAction[answer.type],
    targetType: "PlanItem",
    targetId: item.id,
    data: { caseId: record.id, kind: item.kind, side },
    ...client,
  });
  // The other side has something to answer, except after an agreement or a withdrawal.
  if (answer.type !== "agree" && answer.type !== "withdraw" && answer.type !== "answer-removal") {
    await noteChangeFor(tx, record, otherSide(side));
  }
  // Any change makes an agreement waiting for signatures stale. (An agreement
  // waits only while the plan is exactly its version, where every item is
  // agreed already: no answer leaves that plan as it was.)
  await voidWaitingAgreements(tx, record, actor.userId, client);
  const agreedVersion = await settleVersion(tx, actor, record, client);
  return done({ agreedVersion });
}

/**
 * When every item is agreed and the plan differs from the last agreed
 * version, it becomes the next agreed version: frozen, fingerprinted, and
 * announced to both sides.
 */
async function settleVersion(
  tx: TenantTx,
  actor: Actor,
  record: CaseRecord,
  client: Client,
): Promise<number | null> {
  // Serialise per case, so two last agreements at once make one version.
  await lockFor(tx, `plan:${record.id}`);
  const items = await tx.planItem.findMany({
    where: { caseId: record.id },
  });
  if (!planIsAgreed(items as ItemState[])) return null;
  const snapshot = snapshotOfItems(items);
  const hash = planHash(snapshot);
  const latest = await tx.planVersion.findFirst({
    where: { caseId: record.id },
    orderBy: { number: "desc" },
  });
  if (latest?.contentHash === hash) return null;
  const number = (latest?.number ?? 0) + 1;
  const version = await tx.planVersion.create({
    data: {
      organizationId: actor.organizationId,
      caseId: record.id,
      number,
      contentHash: hash,
      snapshot,
    },
  });
  await recordAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action: "plan.version_agreed",
    targetType: "PlanVersion",
    targetId: version.id,
    data: { caseId: record.id, number },
    ...client,
  });
  await sendPlanAgreed(tx, record, number);
  return number;
}
