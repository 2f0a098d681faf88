import type { CaseStartKind, CaseStatus, Country, Prisma } from "#app/generated/prisma/client.ts";
import { isoDay } from "#app/modules/dates.ts";
import { awaitingSide } from "#app/modules/plans/agreement.ts";
import {
  type Actor,
  type CaseParties,
  can,
  caseRole,
  planSide,
  rolesForPart,
  seesEveryCase,
} from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { deadlinesOfMany } from "#app/modules/timelines/timeline.server.ts";
import {
  type AttentionFilter,
  type CaseCursor,
  type CaseListQuery,
  casesPerPage,
  dueWithinDays,
  encodeCursor,
  statusesOf,
} from "./case-list.ts";
import { caseStatuses } from "./case-statuses.ts";

/**
 * One page of the case list (app/modules/cases/case-list.ts has its address),
 * read with keyset pagination: a page starts right after the case where the
 * previous one ended, so a late page costs what the first costs.
 *
 * How each page reads through an index: the list is ordered by status, then
 * newest change, then id, which is the index
 * Case(organizationId, status, updatedAt DESC, id DESC). A page is read one
 * status at a time: in the cursor's status from the cursor on (an index range
 * that starts at the cursor), then the next statuses of the filter from their
 * start, until the page is full. So a page takes at most one small query per
 * status of the filter, usually one (twice that when going back reaches the
 * first page, which is then read from its start). The cases of the page are
 * then read with their parties, open invitation and latest agreed version in
 * one query per relation (never a query per case), and counted.
 *
 * The search (a part of the employee's name or of the invited address,
 * ILIKE) has no index of its own: a trigram index would need the pg_trgm
 * extension. It filters the organisation's cases, which the index above
 * still narrows to the organisation and the status; with a search a page
 * reads the cases of the organisation until it has found enough.
 *
 * "Needs attention" (late or due statutory deadlines, items waiting for the
 * reader's side) is computed, not stored: deadlines come from the case's
 * absences, dated steps and done marks through the timelines module, and
 * what waits from each item's agreement state. No index can serve it. So a
 * page walks the cases the status and search select, in the list's order,
 * in batches (50, then twice as many each time up to 400), tests each batch
 * with one query per kind of fact (never a query per case), and stops as soon
 * as it has a page and one more case (which says there is a next page). The
 * cursor stays the last case shown, so paging is exact: the cases between
 * the last shown and the end of its batch are simply tested again by the
 * next page. A page costs one walk; a filter that few cases pass reads the
 * whole selection (for 2,000 cases 8 batches and about 35 statements; the
 * time budget is in tests/integration/case-list.test.ts). Matching cases are not counted:
 * that would test every case of the selection on every page.
 */

/**
 * Matching cases are counted up to this many, so that counting costs no more
 * in a large organisation; past it the page says "more than".
 */
export const countLimit = 1000;

const key = { id: true, status: true, updatedAt: true } as const;
type Key = { id: string; status: CaseStatus; updatedAt: Date };

/** What the attention filters test a case on, read with its sort key. */
const candidate = {
  ...key,
  country: true,
  startKind: true,
  startDate: true,
  employeeId: true,
  managerId: true,
  physicianId: true,
} as const;
type Candidate = Key &
  CaseParties & { country: Country; startKind: CaseStartKind; startDate: Date | null };

/** The first batch the attention filters test: two pages' worth… */
const firstBatch = 2 * casesPerPage;
/** …then twice as many each time, up to this many. */
const largestBatch = 400;

const rank = (status: CaseStatus) => caseStatuses.indexOf(status);

/** The cases the person may see at all: every case for HR and owners, else those they take a part in. */
function visibleTo(actor: Actor): Prisma.CaseWhereInput {
  if (seesEveryCase(actor)) return {};
  // Only the parts the person's organisation role may take (the policy's rolesForPart):
  // a part held by anyone else does not count, so the page is never cut short below.
  const parts = [
    rolesForPart.EMPLOYEE.includes(actor.role) ? { employeeId: actor.userId } : null,
    rolesForPart.MANAGER.includes(actor.role) ? { managerId: actor.userId } : null,
    rolesForPart.PHYSICIAN.includes(actor.role) ? { physicianId: actor.userId } : null,
  ].filter((part) => part !== null);
  return { OR: parts.length > 0 ? parts : [{ id: { in: [] } }] };
}

function matching(q: string): Prisma.CaseWhereInput {
  if (!q) return {};
  // Prisma passes the text to LIKE as it is: % and _ would match anything.
  const text = { contains: q.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" } as const;
  return {
    OR: [
      { employee: { name: text } },
      {
        employeeId: null,
        invitations: { some: { acceptedAt: null, revokedAt: null, email: text } },
      },
    ],
  };
}

/**
 * The cases after (or before) the cursor in the list's order, at most
 * `limit`, walking the filter's statuses from the cursor's. Only sort keys
 * (and, for the attention filters, the few columns they test): the cases
 * themselves are read once the page is known.
 */
async function keysFrom<Row extends Key = Key>(
  tdb: TenantDb,
  where: Prisma.CaseWhereInput,
  statuses: CaseStatus[],
  cursor: CaseCursor | null,
  direction: "forward" | "backward",
  limit: number,
  select: typeof key | typeof candidate = key,
): Promise<Row[]> {
  const forward = direction === "forward";
  const keys: Row[] = [];
  for (const status of forward ? statuses : statuses.toReversed()) {
    if (keys.length >= limit) break;
    const from = cursor ? Math.sign(rank(status) - rank(cursor.status)) : forward ? 1 : -1;
    // Statuses the cursor is already past.
    if (from === (forward ? -1 : 1)) continue;
    const within = cursor && from === 0 ? beyond(cursor, forward) : {};
    const rows = await tdb.case.findMany({
      where: { AND: [where, { status }, within] },
      orderBy: forward
        ? [{ updatedAt: "desc" }, { id: "desc" }]
        : [{ updatedAt: "asc" }, { id: "asc" }],
      take: limit - keys.length,
      select,
    });
    keys.push(...(rows as Row[]));
  }
  return forward ? keys : keys.toReversed();
}

/**
 * After (forward) or before the cursor within its status. The first condition
 * is implied by the second: it is there because an index range can start at it.
 */
function beyond(cursor: CaseCursor, forward: boolean): Prisma.CaseWhereInput {
  const { updatedAt, id } = cursor;
  return forward
    ? {
        updatedAt: { lte: updatedAt },
        OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { lt: id } }],
      }
    : {
        updatedAt: { gte: updatedAt },
        OR: [{ updatedAt: { gt: updatedAt } }, { updatedAt, id: { gt: id } }],
      };
}

const partiesOf = (record: CaseParties): CaseParties => ({
  employeeId: record.employeeId,
  managerId: record.managerId,
  physicianId: record.physicianId,
});

/** Which cases of a batch pass an attention filter. */
type Test = (batch: Candidate[]) => Promise<Set<string>>;

/**
 * Up to `want` cases after (or before) the cursor that pass the test, in the
 * list's order, testing the cases the status and search select a batch at a
 * time and stopping once enough have passed.
 */
async function passingFrom(
  tdb: TenantDb,
  actor: Actor,
  where: Prisma.CaseWhereInput,
  statuses: CaseStatus[],
  cursor: CaseCursor | null,
  direction: "forward" | "backward",
  want: number,
  test: Test,
): Promise<Key[]> {
  const forward = direction === "forward";
  const passed: Key[] = [];
  let from = cursor;
  for (let size = firstBatch; ; size = Math.min(2 * size, largestBatch)) {
    const listed = await keysFrom<Candidate>(
      tdb,
      where,
      statuses,
      from,
      direction,
      size,
      candidate,
    );
    // In the order of the walk: backwards, the case nearest the cursor first.
    const batch = forward ? listed : listed.toReversed();
    // The query only narrows; the policy decides each case.
    const passing = await test(
      batch.filter((record) => can(actor, "case.view", partiesOf(record))),
    );
    for (const record of batch) {
      if (!passing.has(record.id)) continue;
      passed.push({ id: record.id, status: record.status, updatedAt: record.updatedAt });
      if (passed.length === want) return forward ? passed : passed.toReversed();
    }
    const last = batch.at(-1);
    if (!last || batch.length < size) return forward ? passed : passed.toReversed();
    from = { status: last.status, updatedAt: last.updatedAt, id: last.id };
  }
}

function dayAfter(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Cases with a statutory deadline that is late, or due this week; neither when it is done. */
function deadlineTest(tdb: TenantDb, which: "late" | "due", today: string): Test {
  const until = dayAfter(today, dueWithinDays);
  return async (batch) => {
    const passing = new Set<string>();
    if (batch.length === 0) return passing;
    const deadlines = await deadlinesOfMany(tdb, batch, today);
    for (const record of batch) {
      const found = (deadlines.get(record.id) ?? []).some((deadline) =>
        which === "late"
          ? deadline.state === "late"
          : deadline.state === "due" && deadline.due <= until,
      );
      if (found) passing.add(record.id);
    }
    return passing;
  };
}

/** Cases where an item waits for the answer of the reader's own side (policy: planSide). */
function waitingTest(tdb: TenantDb, actor: Actor): Test {
  return async (batch) => {
    const sides = new Map<string, "EMPLOYEE" | "EMPLOYER">();
    for (const record of batch) {
      const side = planSide(actor, partiesOf(record));
      if (side) sides.set(record.id, side);
    }
    if (sides.size === 0) return new Set();
    const items = await tdb.planItem.findMany({
      where: { caseId: { in: [...sides.keys()] }, removedAt: null },
      select: {
        caseId: true,
        contentHash: true,
        proposedBySide: true,
        employeeAgreedHash: true,
        employerAgreedHash: true,
        declinedHash: true,
        declinedBySide: true,
        declineReason: true,
        removalProposedBySide: true,
        removedAt: true,
      },
    });
    return new Set(
      items
        .filter((item) => awaitingSide(item) === sides.get(item.caseId))
        .map((item) => item.caseId),
    );
  };
}

function attentionTest(
  tdb: TenantDb,
  actor: Actor,
  attention: AttentionFilter,
  today: string,
): Test | null {
  if (attention === "late" || attention === "due") return deadlineTest(tdb, attention, today);
  if (attention === "waiting") return waitingTest(tdb, actor);
  return null;
}

const cursorOf = (record: Key) =>
  encodeCursor({ status: record.status, updatedAt: record.updatedAt, id: record.id });

export type CaseListPage = Awaited<ReturnType<typeof listCasePage>>;

/**
 * One page of the cases a person may see, each with what the person is in it:
 * every case for HR and owners (their own one as its employee), and for
 * everyone else the cases they take part in. `next` and `previous` are the
 * cursors of the pages around it (null at either end of the list). With an
 * attention filter the matching cases are not counted: `counted` is false,
 * and `total` is the page's cases unless they are all there are.
 * `today` (YYYY-MM-DD) is what deadlines are late or due on.
 */
export async function listCasePage(
  tdb: TenantDb,
  actor: Actor,
  query: CaseListQuery,
  today = isoDay(0),
) {
  const where: Prisma.CaseWhereInput = { AND: [visibleTo(actor), matching(query.q)] };
  const attention = query.attention ?? "all";
  const test = attentionTest(tdb, actor, attention, today);
  // A closed case needs no attention, whatever its deadlines or items say
  // (the start page's to-do list leaves closed cases out too).
  const statuses = statusesOf(query.status).filter((status) => !test || status !== "CLOSED");
  const full = casesPerPage + 1;
  const read = (cursor: CaseCursor | null, direction: "forward" | "backward") =>
    test
      ? passingFrom(tdb, actor, where, statuses, cursor, direction, full, test)
      : keysFrom(tdb, where, statuses, cursor, direction, full);

  let keys: Key[];
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (query.before) {
    keys = await read(query.before, "backward");
    hasPrevious = keys.length === full;
    hasNext = true;
    if (hasPrevious) keys = keys.slice(1);
  } else {
    keys = await read(query.after, "forward");
    hasNext = keys.length === full;
    hasPrevious = query.after !== null;
    if (hasNext) keys = keys.slice(0, casesPerPage);
  }
  // Going back reached the start of the list: show the whole first page.
  if (query.before && !hasPrevious) {
    keys = await read(null, "forward");
    hasNext = keys.length === full;
    if (hasNext) keys = keys.slice(0, casesPerPage);
  }

  const [records, counted] = await Promise.all([
    keys.length === 0
      ? []
      : tdb.case.findMany({
          where: { id: { in: keys.map((record) => record.id) } },
          select: {
            id: true,
            kind: true,
            status: true,
            employeeId: true,
            managerId: true,
            physicianId: true,
            employee: { select: { name: true, erasedAt: true } },
            manager: { select: { name: true } },
            invitations: {
              where: { acceptedAt: null, revokedAt: null },
              orderBy: { createdAt: "desc" },
              take: 1,
              select: { email: true },
            },
            versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
          },
        }),
    // Counted through the same index; past countLimit the page says "more than".
    // Not with an attention filter: counting would test every case.
    test
      ? null
      : tdb.case.count({
          where: {
            AND: [where, statuses.length < caseStatuses.length ? { status: { in: statuses } } : {}],
          },
          take: countLimit + 1,
        }),
  ]);
  const byId = new Map(records.map((record) => [record.id, record]));
  const cases = keys
    .map((found) => byId.get(found.id))
    .filter((record) => record !== undefined)
    // The query only narrows; the policy decides each case.
    .filter((record) => can(actor, "case.view", partiesOf(record)))
    .map(({ invitations, versions, employee, manager, ...record }) => ({
      id: record.id,
      kind: record.kind,
      status: record.status,
      employeeName: employee?.name ?? null,
      employeeErased: Boolean(employee?.erasedAt),
      invitedEmail: employee ? null : (invitations[0]?.email ?? null),
      managerName: manager.name,
      agreedVersion: versions[0]?.number ?? null,
      caseRole: caseRole(actor, partiesOf(record)),
    }));
  const first = keys[0];
  const last = keys.at(-1);
  // Without a count, the page's cases are all there are when there is no page around it.
  const total = counted ?? cases.length;
  return {
    cases,
    total: Math.min(total, countLimit),
    moreThanTotal: total > countLimit,
    counted: counted !== null || (!hasNext && !hasPrevious),
    next: hasNext && last ? cursorOf(last) : null,
    previous: hasPrevious && first ? cursorOf(first) : null,
  };
}
