import type { CaseStatus, Prisma } from "#app/generated/prisma/client.ts";
import {
  type Actor,
  type CaseParties,
  can,
  caseRole,
  rolesForPart,
  seesEveryCase,
} from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import {
  type CaseCursor,
  type CaseListQuery,
  casesPerPage,
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
 */

/**
 * Matching cases are counted up to this many, so that counting costs no more
 * in a large organisation; past it the page says "more than".
 */
export const countLimit = 1000;

const key = { id: true, status: true, updatedAt: true } as const;
type Key = { id: string; status: CaseStatus; updatedAt: Date };

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
 * `limit`, walking the filter's statuses from the cursor's. Only sort keys:
 * the cases themselves are read once the page is known.
 */
async function keysFrom(
  tdb: TenantDb,
  where: Prisma.CaseWhereInput,
  statuses: CaseStatus[],
  cursor: CaseCursor | null,
  direction: "forward" | "backward",
  limit: number,
): Promise<Key[]> {
  const forward = direction === "forward";
  const keys: Key[] = [];
  for (const status of forward ? statuses : statuses.toReversed()) {
    if (keys.length >= limit) break;
    const from = cursor ? Math.sign(rank(status) - rank(cursor.status)) : forward ? 1 : -1;
    // Statuses the cursor is already past.
    if (from === (forward ? -1 : 1)) continue;
    const within = cursor && from === 0 ? beyond(cursor, forward) : {};
    keys.push(
      ...(await tdb.case.findMany({
        where: { AND: [where, { status }, within] },
        orderBy: forward
          ? [{ updatedAt: "desc" }, { id: "desc" }]
          : [{ updatedAt: "asc" }, { id: "asc" }],
        take: limit - keys.length,
        select: key,
      })),
    );
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

const cursorOf = (record: Key) =>
  encodeCursor({ status: record.status, updatedAt: record.updatedAt, id: record.id });

export type CaseListPage = Awaited<ReturnType<typeof listCasePage>>;

/**
 * One page of the cases a person may see, each with what the person is in it:
 * every case for HR and owners (their own one as its employee), and for
 * everyone else the cases they take part in. `next` and `previous` are the
 * cursors of the pages around it (null at either end of the list).
 */
export async function listCasePage(tdb: TenantDb, actor: Actor, query: CaseListQuery) {
  const where: Prisma.CaseWhereInput = { AND: [visibleTo(actor), matching(query.q)] };
  const statuses = statusesOf(query.status);
  const full = casesPerPage + 1;

  let keys: Key[];
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (query.before) {
    keys = await keysFrom(tdb, where, statuses, query.before, "backward", full);
    hasPrevious = keys.length === full;
    hasNext = true;
    if (hasPrevious) keys = keys.slice(1);
  } else {
    keys = await keysFrom(tdb, where, statuses, query.after, "forward", full);
    hasNext = keys.length === full;
    hasPrevious = query.after !== null;
    if (hasNext) keys = keys.slice(0, casesPerPage);
  }
  // Going back reached the start of the list: show the whole first page.
  if (query.before && !hasPrevious) {
    keys = await keysFrom(tdb, where, statuses, null, "forward", full);
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
            employee: { select: { name: true } },
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
    tdb.case.count({
      where: {
        AND: [where, statuses.length < caseStatuses.length ? { status: { in: statuses } } : {}],
      },
      take: countLimit + 1,
    }),
  ]);
  const byId = new Map(records.map((record) => [record.id, record]));
  const parties = (record: CaseParties) => ({
    employeeId: record.employeeId,
    managerId: record.managerId,
    physicianId: record.physicianId,
  });
  const cases = keys
    .map((found) => byId.get(found.id))
    .filter((record) => record !== undefined)
    // The query only narrows; the policy decides each case.
    .filter((record) => can(actor, "case.view", parties(record)))
    .map(({ invitations, versions, employee, manager, ...record }) => ({
      id: record.id,
      kind: record.kind,
      status: record.status,
      employeeName: employee?.name ?? null,
      invitedEmail: employee ? null : (invitations[0]?.email ?? null),
      managerName: manager.name,
      agreedVersion: versions[0]?.number ?? null,
      caseRole: caseRole(actor, parties(record)),
    }));
  const first = keys[0];
  const last = keys.at(-1);
  return {
    cases,
    total: Math.min(counted, countLimit),
    moreThanTotal: counted > countLimit,
    next: hasNext && last ? cursorOf(last) : null,
    previous: hasPrevious && first ? cursorOf(first) : null,
  };
}
