import { localize } from "#app/modules/content/localize.ts";
import { isoDay } from "#app/modules/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { awaitingSide, type ItemState, isAgreed } from "#app/modules/plans/agreement.ts";
import { type Actor, type CaseParties, caseRole } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { deadlinesOfMany } from "#app/modules/timelines/timeline.server.ts";
import type { Responsible } from "#app/modules/timelines/timelines.ts";

/**
 * What needs a person now, for the top of their start page (issue 13): items
 * that wait for their answer, agreements that wait for their signature,
 * conversations planned, and reviews due. Only for the cases in which they
 * are a side in person: their own plan (the employee) and the cases they
 * manage (the employer side's person, as the e-mails address them). HR and
 * owners who see every case are not asked to answer for every manager.
 *
 * Ordered by what unblocks someone else first: answers, then signatures,
 * then meetings and reviews by date.
 */
type About = {
  caseId: string;
  /** The person's own plan (they are its employee), or a case they handle for the employer. */
  own: boolean;
  /** Whose case, for the employer side: the employee's name, or null while they are invited. */
  who: string | null;
};
export type Todo = About &
  (
    | { kind: "answer"; count: number }
    | { kind: "sign"; agreementId: string; version: number }
    | {
        kind: "conversation";
        conversationId: string;
        on: string | null;
      }
    | { kind: "review"; itemId: string; on: string }
    | {
        kind: "deadline";
        ruleId: string;
        occurrence: number;
        title: string;
        on: string;
        late: boolean;
      }
  );

/** Reviews show from this many days before their date… */
export const reviewDaysAhead = 14;
/** …until this many days after it (a review is agreed, then held: we cannot tell when). */
const reviewDaysAfter = 7;

export async function todosFor(
  tdb: TenantDb,
  actor: Actor,
  language: Language,
  today = isoDay(0),
): Promise<Todo[]> {
  const cases = await openCasesTakingPart(tdb, actor);
  const deadlines = await deadlineTodos(tdb, actor, cases, language, today);
  if (actor.role === "PHYSICIAN") return deadlines;
  // The side this person takes in each case, as the policy says (an HR colleague's own case makes them its employee).
  const sides = new Map<string, { side: "EMPLOYEE" | "EMPLOYER" } & Omit<About, "caseId">>();
  for (const record of cases) {
    const role = caseRole(actor, record);
    if (role !== "EMPLOYEE" && role !== "EMPLOYER") continue;
    sides.set(record.id, {
      side: role,
      own: role === "EMPLOYEE",
      who: record.employee?.name ?? null,
    });
  }
  const caseIds = [...sides.keys()];
  if (caseIds.length === 0) return deadlines;
  const about = (caseId: string): About => {
    const { own, who } = sides.get(caseId) ?? { own: false, who: null };
    return { caseId, own, who };
  };

  const [items, agreements, conversations] = await Promise.all([
    tdb.planItem.findMany({
      where: { caseId: { in: caseIds }, removedAt: null },
      orderBy: { createdAt: "asc" },
    }),
    tdb.agreement.findMany({
      where: { caseId: { in: caseIds }, status: "AWAITING_SIGNATURES" },
      select: {
        id: true,
        caseId: true,
        versionNumber: true,
        signatures: { select: { side: true } },
      },
    }),
    tdb.conversation.findMany({
      where: { caseId: { in: caseIds }, status: "PLANNED" },
      select: { id: true, caseId: true, plannedFor: true },
      orderBy: { plannedFor: "asc" },
    }),
  ]);

  const answers: Todo[] = [];
  const reviews: Todo[] = [];
  const waiting = new Map<string, number>();
  const from = isoDayFrom(today, -reviewDaysAfter);
  const until = isoDayFrom(today, reviewDaysAhead);
  for (const item of items) {
    const mine = sides.get(item.caseId);
    if (!mine) continue;
    if (awaitingSide(item as ItemState) === mine.side)
      waiting.set(item.caseId, (waiting.get(item.caseId) ?? 0) + 1);
    const date = (item.content as { date?: unknown }).date;
    if (
      item.kind === "REVIEW" &&
      isAgreed(item as ItemState) &&
      typeof date === "string" &&
      date >= from &&
      date <= until
    )
      reviews.push({ kind: "review", ...about(item.caseId), itemId: item.id, on: date });
  }
  for (const [caseId, count] of waiting) answers.push({ kind: "answer", ...about(caseId), count });

  const signatures: Todo[] = agreements
    .filter((agreement) => {
      const mine = sides.get(agreement.caseId);
      return mine && !agreement.signatures.some((signature) => signature.side === mine.side);
    })
    .map((agreement) => ({
      kind: "sign",
      ...about(agreement.caseId),
      agreementId: agreement.id,
      version: agreement.versionNumber,
    }));

  const meetings: Todo[] = conversations.map((conversation) => ({
    kind: "conversation",
    ...about(conversation.caseId),
    conversationId: conversation.id,
    // A calendar day, stored as midnight UTC.
    on: conversation.plannedFor ? conversation.plannedFor.toISOString().slice(0, 10) : null,
  }));

  const byDate = (a: Todo, b: Todo) => dateOf(a).localeCompare(dateOf(b));
  const late = deadlines.filter((todo) => todo.kind === "deadline" && todo.late);
  const soon = deadlines.filter((todo) => !(todo.kind === "deadline" && todo.late));
  return [...late, ...answers, ...signatures, ...[...meetings, ...reviews, ...soon].sort(byDate)];
}

/** Undated meetings last. */
function dateOf(todo: Todo): string {
  return todo.kind === "conversation" || todo.kind === "review" || todo.kind === "deadline"
    ? (todo.on ?? "9999")
    : "";
}

/**
 * The open cases a person takes a part in themselves (employee, manager or
 * physician), with what their timelines and to-dos read: the start page's
 * and the calendar feed's round.
 */
export function openCasesTakingPart(tdb: TenantDb, actor: Actor) {
  return tdb.case.findMany({
    where: {
      status: { not: "CLOSED" },
      OR: [
        { employeeId: actor.userId },
        { managerId: actor.userId },
        { physicianId: actor.userId },
      ],
    },
    select: {
      id: true,
      country: true,
      startKind: true,
      startDate: true,
      employeeId: true,
      managerId: true,
      physicianId: true,
      checkInRhythm: true,
      employee: { select: { name: true } },
    },
    orderBy: { updatedAt: "desc" },
  });
}

/** Who is asked about a deadline: the person in the case who carries the duty. */
export const askedFor: Record<Responsible, ReadonlyArray<"employee" | "manager" | "physician">> = {
  employer: ["manager"],
  employee: ["employee"],
  physician: ["physician"],
  "employer-and-employee": ["employee", "manager"],
  // Steps an authority takes: the employer side keeps an eye on them.
  uwv: ["manager"],
  preventieadviseur: ["manager"],
  "adviserend-arts": ["employee"],
};

/** The parts a person takes in a case that a deadline can ask of them. */
export function partsOf(
  actor: Actor,
  record: CaseParties,
): Set<"employee" | "manager" | "physician"> {
  const parts = new Set<"employee" | "manager" | "physician">();
  const role = caseRole(actor, record);
  if (role === "EMPLOYEE") parts.add("employee");
  if (role === "EMPLOYER" && record.managerId === actor.userId) parts.add("manager");
  if (role === "PHYSICIAN") parts.add("physician");
  return parts;
}

/** Statutory deadlines due within 14 days, or late, for the person who must act. */
async function deadlineTodos(
  tdb: TenantDb,
  actor: Actor,
  cases: Array<
    Parameters<typeof deadlinesOfMany>[1][number] &
      CaseParties & { employee: { name: string } | null }
  >,
  language: Language,
  today: string,
): Promise<Todo[]> {
  const todos: Todo[] = [];
  const deadlines = await deadlinesOfMany(tdb, cases, today);
  for (const record of cases) {
    const parts = partsOf(actor, record);
    if (parts.size === 0) continue;
    const role = caseRole(actor, record);
    for (const deadline of deadlines.get(record.id) ?? []) {
      if (deadline.state !== "due" && deadline.state !== "late") continue;
      if (!askedFor[deadline.responsible].some((part) => parts.has(part))) continue;
      todos.push({
        kind: "deadline",
        caseId: record.id,
        own: role === "EMPLOYEE",
        who: record.employee?.name ?? null,
        ruleId: deadline.ruleId,
        occurrence: deadline.occurrence ?? 0,
        title: localize(deadline.rule.title, language),
        on: deadline.due,
        late: deadline.state === "late",
      });
    }
  }
  return todos;
}

function isoDayFrom(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
