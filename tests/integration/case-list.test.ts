import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { listCasePage } from "#app/modules/cases/case-list.server.ts";
import {
  type AttentionFilter,
  type CaseListQuery,
  casesPerPage,
  encodeCursor,
  parseCaseListQuery,
  type StatusFilter,
  statusesOf,
  statusFilters,
} from "#app/modules/cases/case-list.ts";
import { caseStatuses } from "#app/modules/cases/case-statuses.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import {
  agree,
  decline,
  type ItemState,
  otherSide,
  propose,
  type Side,
} from "#app/modules/plans/agreement.ts";
import { contentSchemas, itemHash, normaliseContent } from "#app/modules/plans/content.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { deadlinesOf } from "#app/modules/timelines/timeline.server.ts";
import { loader as startPage } from "#app/routes/app.tsx";
import { loader } from "#app/routes/cases.tsx";
import { createCaseTeam, planOf } from "#tests/helpers/cases.ts";
import { createMember, signInCookie } from "#tests/helpers/factories.ts";
import { callRoute, get } from "#tests/helpers/route-args.ts";
import { bulkItemsCaseId, bulkOrganization, seedBulkOrganisation } from "../../prisma/bulk.ts";

/**
 * The case list of an organisation with 2,000 cases (prisma/bulk.ts): pages
 * of 25 in a stable order, each case once; filters; only the organisation's
 * own cases, and for a manager only theirs; malformed addresses refused, never
 * a 500; a small, fixed number of statements per page, each reading through
 * an index.
 */
const bulk = await seedBulkOrganisation(db, { cases: 2000, planItems: 30 });
const other = await createCaseTeam("Elders BV");
const hr = await signInCookie("bulk-hr", bulk.organizationId);
const manager = await signInCookie("bulk-manager-1", bulk.organizationId);

// "Needs attention" in Bulk BV. Its cases began with an absence 60 to 88 days ago, so each
// has a late problem analysis (week 6) and plan of action (week 8), and nothing due this week.
const today = isoDay(0);
const asDay = (day: string) => new Date(`${day}T00:00:00Z`);
const bulkCase = (n: number) =>
  n === 0 ? bulkItemsCaseId : `bulk-case-${String(n).padStart(5, "0")}`;
const caseNumbers = Array.from({ length: 2000 }, (_, n) => n);
/** One case in 15 (absent or sustained) records an absence from 50 days ago: its plan of action is due this week. */
const dueInBulk = caseNumbers.filter((n) => n % 15 === 1).map(bulkCase);
/** One case in 4 has both steps marked done today: nothing of it is late. */
const handledInBulk = caseNumbers.filter((n) => n % 4 === 2).map(bulkCase);
await db.caseAbsence.createMany({
  data: dueInBulk.map((caseId) => ({
    organizationId: bulk.organizationId,
    caseId,
    startsOn: asDay(isoDay(-50)),
    recordedById: "bulk-hr",
  })),
});
await db.deadlineDone.createMany({
  data: handledInBulk.flatMap((caseId) =>
    ["probleemanalyse", "plan-van-aanpak"].map((ruleId) => ({
      organizationId: bulk.organizationId,
      caseId,
      ruleId,
      occurrence: 0,
      doneOn: asDay(today),
      markedById: "bulk-hr",
    })),
  ),
});

/**
 * A small organisation where each case is there for one reason (the worked
 * examples below). Dutch cases count from the first day of absence: on day 51
 * (the absence began 50 days ago) the problem analysis of week 6 (day 42) is
 * 9 days late, and the plan of action of week 8 (day 56) is due in 5 days.
 */
const small = await createCaseTeam("Aandacht BV");
async function smallCase(
  data: Partial<Prisma.CaseUncheckedCreateInput> & { status: Prisma.CaseCreateInput["status"] },
) {
  const employeeId =
    data.employeeId === undefined
      ? (await createMember(small.organization.id, "EMPLOYEE")).user.id
      : data.employeeId;
  return db.case.create({
    data: {
      organizationId: small.organization.id,
      kind: "OWN_HEALTH",
      country: "NL",
      managerId: small.manager.user.id,
      openedById: small.hr.user.id,
      ...data,
      employeeId,
    },
  });
}
const worked = {
  /** The team's own case: absent since 50 days ago. Late, and due this week. */
  fifty: await db.case.update({
    where: { id: small.record.id },
    data: { status: "ABSENT", startDate: asDay(isoDay(-50)) },
  }),
  /** Its absence recorded as from 45 days ago: late (day 42 was 3 days ago); the plan of action is due in 10 days, so not this week. */
  recorded: await smallCase({ status: "RETURNING" }),
  /** Absent since 50 days ago, both steps marked done: neither. */
  handled: await smallCase({ status: "ABSENT", startDate: asDay(isoDay(-50)) }),
  /** Absent since 10 days ago: nothing due for weeks. */
  fresh: await smallCase({ status: "PREPARING", startDate: asDay(isoDay(-10)) }),
  /** Started with the employee telling the employer, not an absence: no deadlines counted. */
  told: await smallCase({
    status: "ABSENT",
    startKind: "DISCLOSURE",
    startDate: asDay(isoDay(-50)),
  }),
  /** Closed, but absent since 50 days ago: its deadlines would be late and due, but a closed case needs no attention. */
  closedLate: await smallCase({ status: "CLOSED", startDate: asDay(isoDay(-50)) }),
  /** British, no absence: the fit note ends in 3 days (a deadline on the day of a recorded event). */
  fitNote: await smallCase({ status: "RETURNING", country: "UK", startKind: "DISCLOSURE" }),
  /** HR's own case: HR is its employee, so its employee side's answers are HR's. */
  hrOwn: await smallCase({ status: "SUSTAINED", employeeId: small.hr.user.id }),
};
await db.caseAbsence.create({
  data: {
    organizationId: small.organization.id,
    caseId: worked.recorded.id,
    startsOn: asDay(isoDay(-45)),
    recordedById: small.hr.user.id,
  },
});
await db.caseEvent.create({
  data: {
    organizationId: small.organization.id,
    caseId: worked.fitNote.id,
    event: "uk-fit-note-ends",
    on: asDay(isoDay(3)),
    recordedById: small.hr.user.id,
  },
});
await db.deadlineDone.createMany({
  data: ["probleemanalyse", "plan-van-aanpak"].map((ruleId) => ({
    organizationId: small.organization.id,
    caseId: worked.handled.id,
    ruleId,
    occurrence: 0,
    doneOn: asDay(today),
    markedById: small.hr.user.id,
  })),
});

/** A plan item as the agreement rules leave it: proposed by one side, then perhaps answered. */
async function itemOn(
  caseId: string,
  by: Side,
  then: { answer?: "agree" | "decline"; removalBy?: Side; removed?: boolean } = {},
) {
  const content = normaliseContent(
    contentSchemas.AGREEMENT.parse({
      topic: "contact",
      text: "Elke week een kort gesprek.",
      frequency: "Elke week",
    }),
  );
  let state: ItemState = propose(by, itemHash("AGREEMENT", content));
  const other = otherSide(by);
  const move =
    then.answer === "agree"
      ? agree(state, other)
      : then.answer === "decline"
        ? decline(state, other, "Liever anders.")
        : null;
  if (move?.ok) state = { ...state, ...move.value };
  await db.planItem.create({
    data: {
      organizationId: small.organization.id,
      caseId,
      kind: "AGREEMENT",
      content,
      proposedById: by === "EMPLOYEE" ? small.employee.user.id : small.manager.user.id,
      ...state,
      removalProposedBySide: then.removalBy ?? null,
      removedAt: then.removed ? new Date() : null,
    },
  });
}
// Waiting for the employee side: the team's own case, and HR's own case.
await itemOn(worked.fifty.id, "EMPLOYER");
await itemOn(worked.hrOwn.id, "EMPLOYER");
// Waiting for the employer side: a proposal of the employee, a decline by the employee
// (the employer side changes or withdraws its item), the employee proposing to take an item out.
await itemOn(worked.recorded.id, "EMPLOYEE");
await itemOn(worked.fresh.id, "EMPLOYER", { answer: "decline" });
await itemOn(worked.told.id, "EMPLOYER", { answer: "agree", removalBy: "EMPLOYEE" });
// Waiting for nobody: agreed, or taken out of the plan.
await itemOn(worked.handled.id, "EMPLOYER", { answer: "agree" });
await itemOn(worked.handled.id, "EMPLOYEE", { removed: true });

type Entry = {
  id: string;
  status: string;
  employeeName: string | null;
  invitedEmail: string | null;
  managerName: string;
  agreedVersion: number | null;
};
type Page = {
  filters: { status: StatusFilter; q: string; attention: AttentionFilter };
  total: number;
  moreThanTotal: boolean;
  counted: boolean;
  next: string | null;
  previous: string | null;
};

async function list(cookie: string, search = "") {
  const answer = await callRoute(loader, get(`/cases${search}`, { Cookie: cookie }));
  const data = answer.data as { cases: Entry[]; page: Page } | null;
  return { status: answer.status, location: answer.location, data };
}

async function walk(cookie: string, search: string, direction: "next" | "previous" = "next") {
  const pages: Entry[][] = [];
  let address = search;
  for (;;) {
    const { status, data } = await list(cookie, address);
    expect(status).toBe(200);
    if (!data) throw new Error("no data");
    pages.push(data.cases);
    const cursor = data.page[direction];
    if (!cursor) return { pages, last: data };
    const params = new URLSearchParams(search.replace(/^\?/, ""));
    params.delete("after");
    params.delete("before");
    params.set(direction === "next" ? "after" : "before", cursor);
    address = `?${params}`;
    if (pages.length > 200) throw new Error("the walk does not end");
  }
}

/** The list's order, computed here from the rows: status, newest change, id. */
async function expectedIds(where: object, organizationId: string = bulk.organizationId) {
  const rows = await db.case.findMany({
    where: { organizationId, ...where },
    select: { id: true, status: true, updatedAt: true },
  });
  return rows
    .sort(
      (a, b) =>
        caseStatuses.indexOf(a.status) - caseStatuses.indexOf(b.status) ||
        b.updatedAt.getTime() - a.updatedAt.getTime() ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    )
    .map((row) => row.id);
}

describe("paging through 2,000 cases", () => {
  test("25 a page, in a stable order, and walking on reaches every case exactly once", async () => {
    const first = await list(hr);
    expect(first.data?.cases).toHaveLength(casesPerPage);
    expect(first.data?.page.previous).toBeNull();
    // More than 1,000 is not counted further: the page says "more than 1,000".
    expect(first.data?.page).toMatchObject({ total: 1000, moreThanTotal: true });

    const { pages } = await walk(hr, "");
    expect(pages).toHaveLength(2000 / casesPerPage);
    for (const page of pages) expect(page).toHaveLength(casesPerPage);
    const ids = pages.flat().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(2000);
    expect(ids).toEqual(await expectedIds({}));
    // Ties on the moment of the last change exist, and the id orders them.
    const moments = await db.case.groupBy({
      by: ["status", "updatedAt"],
      where: { organizationId: bulk.organizationId },
      _count: true,
    });
    expect(moments.some((moment) => moment._count > 1)).toBe(true);
    // The same first page again: the order does not depend on chance.
    expect((await list(hr)).data?.cases.map((entry) => entry.id)).toEqual(ids.slice(0, 25));
  });

  test("walking back from the last page gives the same pages", async () => {
    const forward = (await walk(hr, "?status=closed")).pages;
    expect(forward.length).toBeGreaterThan(2);
    // From the last page back to the first, by "previous page".
    const after = await cursorBefore(forward, forward.length - 1);
    const back = await walk(hr, `?status=closed&after=${after}`, "previous");
    expect(back.pages.toReversed()).toEqual(forward);
  });

  test("each entry carries its employee or invited address, manager and agreed version", async () => {
    const { pages } = await walk(hr, "?status=closed");
    const entries = pages.flat();
    expect(entries.every((entry) => entry.status === "CLOSED")).toBe(true);
    expect(entries.some((entry) => entry.invitedEmail?.startsWith("bulk-invited-"))).toBe(true);
    expect(entries.some((entry) => entry.agreedVersion === 1)).toBe(true);
    for (const entry of entries) {
      expect(entry.employeeName ?? entry.invitedEmail).toBeTruthy();
      expect(entry.managerName).toBeTruthy();
    }
  });
});

/** The cursor `after` which the page with this index starts: the last case of the page before it. */
async function cursorBefore(pages: Entry[][], index: number): Promise<string> {
  const last = pages[index - 1]?.at(-1);
  if (!last) throw new Error("no page before");
  const row = await db.case.findUniqueOrThrow({
    where: { id: last.id },
    select: { id: true, status: true, updatedAt: true },
  });
  return encodeCursor(row);
}

describe("filters", () => {
  test.each(statusFilters)("the status filter %s", async (filter) => {
    const statuses = statusesOf(filter);
    const { data } = await list(hr, filter === "all" ? "" : `?status=${filter}`);
    expect(data?.page.filters).toEqual({ status: filter, q: "", attention: "all" });
    const count = await db.case.count({
      where: { organizationId: bulk.organizationId, status: { in: statuses } },
    });
    expect(data?.page).toMatchObject({ total: Math.min(count, 1000), moreThanTotal: count > 1000 });
    expect(data?.cases).toHaveLength(casesPerPage);
    for (const entry of data?.cases ?? []) expect(statuses).toContain(entry.status);
  });

  test("one status, page by page, is every case of that status in order", async () => {
    const { pages } = await walk(hr, "?status=returning");
    const ids = pages.flat().map((entry) => entry.id);
    expect(ids).toEqual(await expectedIds({ status: "RETURNING" }));
  });

  test("the search finds a part of the employee's name, in any case, and invited addresses", async () => {
    const { pages } = await walk(hr, "?q=JANSEN");
    const found = pages.flat();
    const named = await db.case.findMany({
      where: {
        organizationId: bulk.organizationId,
        employee: { name: { contains: "jansen", mode: "insensitive" } },
      },
      select: { id: true },
    });
    expect(named.length).toBeGreaterThan(casesPerPage);
    expect(found.map((entry) => entry.id).sort()).toEqual(named.map((row) => row.id).sort());
    for (const entry of found) expect(entry.employeeName).toMatch(/jansen/i);

    const invited = await list(hr, "?q=bulk-invited-00019");
    expect(invited.data?.cases.map((entry) => entry.invitedEmail)).toEqual([
      "bulk-invited-00019@demo.werkpad.test",
    ]);
    expect(invited.data?.page).toMatchObject({ total: 1, next: null, previous: null });
  });

  test("search and status together; spaces tidied; % and _ are plain characters", async () => {
    const both = await list(hr, "?status=closed&q=%20%20Jansen%20%20");
    expect(both.data?.page.filters).toEqual({ status: "closed", q: "Jansen", attention: "all" });
    for (const entry of both.data?.cases ?? []) {
      expect(entry.status).toBe("CLOSED");
      expect(entry.employeeName).toMatch(/jansen/i);
    }
    for (const q of ["%", "_", "\\", "%25"]) {
      const answer = await list(hr, `?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      expect(answer.data?.cases, q).toEqual([]);
      expect(answer.data?.page.total, q).toBe(0);
    }
  });

  test("nothing found: no cases and no pages", async () => {
    const { data } = await list(hr, "?q=nobody-is-called-this");
    expect(data?.cases).toEqual([]);
    expect(data?.page).toMatchObject({ total: 0, next: null, previous: null });
  });
});

describe("needs attention", () => {
  const smallHr = small.hr.cookie;
  const ids = (entries: Entry[] | undefined) => (entries ?? []).map((entry) => entry.id);
  /** The cases of the small organisation, in the list's order. */
  const inOrder = async (...records: Array<{ id: string }>) =>
    (await expectedIds({}, small.organization.id)).filter((id) =>
      records.some((record) => record.id === id),
    );

  test("late: a deadline not done and due before today (worked example)", async () => {
    const { status, data } = await list(smallHr, "?attention=late");
    expect(status).toBe(200);
    expect(data?.page.filters).toEqual({ status: "all", q: "", attention: "late" });
    expect(ids(data?.cases)).toEqual(await inOrder(worked.fifty, worked.recorded));
    // All there are fit on one page: then the page can say how many.
    expect(data?.page).toMatchObject({ total: 2, counted: true, next: null, previous: null });
  });

  test("due: a deadline not done, due today up to 7 days ahead (worked example)", async () => {
    const { data } = await list(smallHr, "?attention=due");
    // The plan of action on day 56 of "fifty", the fit note that ends in 3 days. Not "recorded":
    // its plan of action is due in 10 days (the timeline page calls that due within two weeks).
    expect(ids(data?.cases)).toEqual(await inOrder(worked.fifty, worked.fitNote));
    const [problemAnalysis, planOfAction] = await deadlinesOf(
      tenantDb(small.organization.id),
      worked.fifty,
      today,
    );
    expect(problemAnalysis).toMatchObject({
      ruleId: "probleemanalyse",
      due: isoDay(-9),
      state: "late",
    });
    expect(planOfAction).toMatchObject({ ruleId: "plan-van-aanpak", due: isoDay(5), state: "due" });
  });

  test("the deadline filters agree with the timeline, case by case", async () => {
    const { late, due } = await deadlineOracle(small.organization.id);
    expect(ids((await list(smallHr, "?attention=late")).data?.cases).sort()).toEqual(
      [...late].sort(),
    );
    expect(ids((await list(smallHr, "?attention=due")).data?.cases).sort()).toEqual(
      [...due].sort(),
    );
  });

  test("waiting: an item waits for the answer of the reader's own side", async () => {
    // HR is the employer side of every case, and the employee side of its own.
    const hrWaiting = await list(smallHr, "?attention=waiting");
    expect(ids(hrWaiting.data?.cases)).toEqual(
      await inOrder(worked.recorded, worked.fresh, worked.told, worked.hrOwn),
    );
    // The manager: the employer side of the cases they manage.
    const managerWaiting = await list(small.manager.cookie, "?attention=waiting");
    expect(ids(managerWaiting.data?.cases)).toEqual(
      await inOrder(worked.recorded, worked.fresh, worked.told),
    );
    // The employee: their own plan, whose item waits for them (shown as a list, as asked).
    const employeeWaiting = await list(small.employee.cookie, "?attention=waiting");
    expect(employeeWaiting.status).toBe(200);
    expect(ids(employeeWaiting.data?.cases)).toEqual([worked.fifty.id]);
    const otherEmployee = await list(small.otherEmployee.cookie, "?attention=waiting");
    expect(otherEmployee.data?.cases).toEqual([]);
  });

  test("combined with the status filter and the search", async () => {
    const open = await list(smallHr, "?status=open&attention=late");
    expect(ids(open.data?.cases)).toEqual(await inOrder(worked.fifty, worked.recorded));
    const absent = await list(smallHr, "?status=absent&attention=due");
    expect(ids(absent.data?.cases)).toEqual([worked.fifty.id]);
    // A closed case needs no attention, even when closed cases are asked for.
    const closed = await list(smallHr, "?status=closed&attention=due");
    expect(ids(closed.data?.cases)).toEqual([]);
    expect(ids((await list(smallHr, "?status=closed")).data?.cases)).toContain(
      worked.closedLate.id,
    );
    const returning = await list(smallHr, "?status=returning&attention=waiting");
    expect(ids(returning.data?.cases)).toEqual([worked.recorded.id]);
    const name = (entry: Entry | undefined) => entry?.employeeName ?? "";
    const recorded = open.data?.cases.find((entry) => entry.id === worked.recorded.id);
    const searched = await list(smallHr, `?attention=late&q=${encodeURIComponent(name(recorded))}`);
    expect(ids(searched.data?.cases)).toEqual([worked.recorded.id]);
    expect(searched.data?.page.filters).toEqual({
      status: "all",
      q: name(recorded),
      attention: "late",
    });
    // Nothing passes: no cases and no pages.
    const none = await list(smallHr, "?status=preparing&attention=late");
    expect(none.data?.cases).toEqual([]);
    expect(none.data?.page).toMatchObject({ total: 0, counted: true, next: null, previous: null });
  });

  test("Bulk BV's late and due cases are what the timeline says, case by case", async () => {
    const first = caseNumbers.slice(0, 200).map(bulkCase);
    const { late, due } = await deadlineOracle(bulk.organizationId, { id: { in: first } });
    expect(late).toEqual(new Set(first.filter((id) => bulkLate.has(id))));
    expect(due).toEqual(new Set(first.filter((id) => bulkDue.has(id))));
    // The sample holds cases of each kind: due, marked done, both, neither.
    expect(first.filter((id) => bulkDue.has(id)).length).toBeGreaterThan(5);
    expect(first.filter((id) => dueInBulk.includes(id) && handledInBulk.includes(id))).not.toEqual(
      [],
    );
  });

  test("paging through Bulk BV: late, 25 a page, every case with a late deadline once, in order", async () => {
    const late = bulkLate;
    expect(late.size).toBeGreaterThan(10 * casesPerPage);
    expect(late.size).toBeLessThan(2000);
    const { pages } = await walk(hr, "?attention=late");
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(casesPerPage);
    expect(pages.flat().map((entry) => entry.id)).toEqual(
      (await expectedIds({})).filter((id) => late.has(id)),
    );
    // More than a page: the matching cases are not counted, the page says what it shows.
    const first = await list(hr, "?attention=late");
    expect(first.data?.page).toMatchObject({ total: casesPerPage, counted: false });
  });

  test("paging through Bulk BV: due this week, forward and back, alone and with a status", async () => {
    const due = bulkDue;
    expect(due.size).toBeGreaterThan(3 * casesPerPage);
    const forward = (await walk(hr, "?attention=due")).pages;
    expect(forward.flat().map((entry) => entry.id)).toEqual(
      (await expectedIds({})).filter((id) => due.has(id)),
    );
    // From the last page back to the first, by "previous page".
    const after = await cursorBefore(forward, forward.length - 1);
    const back = await walk(hr, `?attention=due&after=${after}`, "previous");
    expect(back.pages.toReversed()).toEqual(forward);

    const sustained = (await walk(hr, "?status=sustained&attention=due")).pages.flat();
    expect(sustained.length).toBeGreaterThan(casesPerPage);
    expect(sustained.map((entry) => entry.id)).toEqual(
      (await expectedIds({ status: "SUSTAINED" })).filter((id) => due.has(id)),
    );
    // A closed case needs no attention: asking for closed cases that do finds none.
    const closed = await list(hr, "?status=closed&attention=due");
    expect(closed.data?.cases).toEqual([]);
    expect(closed.data?.page).toMatchObject({ next: null, previous: null });
  });

  test("a case whose absences overlap (the timeline cannot count them) is left out, never a 500", async () => {
    const team = await createCaseTeam("Overlap BV");
    await db.case.update({ where: { id: team.record.id }, data: { status: "ABSENT" } });
    await db.caseAbsence.createMany({
      data: [isoDay(-50), isoDay(-40)].map((startsOn) => ({
        organizationId: team.organization.id,
        caseId: team.record.id,
        startsOn: asDay(startsOn),
        recordedById: team.hr.user.id,
      })),
    });
    for (const attention of ["late", "due"]) {
      const answer = await list(team.hr.cookie, `?attention=${attention}`);
      expect(answer.status, attention).toBe(200);
      expect(answer.data?.cases, attention).toEqual([]);
    }
    expect(ids((await list(team.hr.cookie)).data?.cases)).toEqual([team.record.id]);
  });

  test("paging through Bulk BV: a manager's own cases only, and waiting in the big plan", async () => {
    const late = bulkLate;
    const theirs = await expectedIds({ managerId: "bulk-manager-1" });
    const managerLate = (await walk(manager, "?attention=late")).pages.flat();
    expect(managerLate.map((entry) => entry.id)).toEqual(theirs.filter((id) => late.has(id)));
    // The big plan holds items waiting for either side; the other plans are agreed.
    expect(ids((await list(hr, "?attention=waiting")).data?.cases)).toEqual([bulkItemsCaseId]);
    expect(ids((await list(manager, "?attention=waiting")).data?.cases)).toEqual([bulkItemsCaseId]);
    // Another organisation's HR never meets a case of Bulk BV, with a cursor of Bulk BV too.
    const cursor = (await list(hr, "?attention=late")).data?.page.next;
    for (const search of ["?attention=late", `?attention=late&after=${cursor}`]) {
      const { data } = await list(other.hr.cookie, search);
      expect(data?.cases, search).toEqual([]);
    }
  });
});

/**
 * The reference for the deadline filters: deadlinesOf(), the timeline page's
 * own reading, case by case (three queries a case): late (not done, due
 * before today), due this week (not done, due today up to 7 days ahead).
 */
async function deadlineOracle(organizationId: string, where: Prisma.CaseWhereInput = {}) {
  const tdb = tenantDb(organizationId);
  const records = await db.case.findMany({
    where: { organizationId, status: { not: "CLOSED" }, ...where },
    select: { id: true, country: true, startKind: true, startDate: true },
  });
  const late = new Set<string>();
  const due = new Set<string>();
  for (const record of records) {
    const deadlines = await deadlinesOf(tdb, record, today);
    if (deadlines.some((deadline) => deadline.state === "late")) late.add(record.id);
    if (
      deadlines.some(
        (deadline) =>
          deadline.state !== "done" && deadline.due >= today && deadline.due <= isoDay(7),
      )
    )
      due.add(record.id);
  }
  return { late, due };
}

/**
 * What is late and due in Bulk BV, from how the cases were made above: every
 * case is late but those with both steps marked done; due are those that
 * record an absence from 50 days ago, but for those marked done.
 * (deadlinesOf() for all 2,000 would take 5 to 9 seconds; a test below
 * checks this reasoning against it on the first 200 cases.)
 */
const closedInBulk = new Set(
  (
    await db.case.findMany({
      where: { organizationId: bulk.organizationId, status: "CLOSED" },
      select: { id: true },
    })
  ).map((record) => record.id),
);
/** A closed case needs no attention: the filters leave it out, whatever its deadlines. */
const needsAttention = (id: string) => !handledInBulk.includes(id) && !closedInBulk.has(id);
const bulkLate = new Set(caseNumbers.map(bulkCase).filter(needsAttention));
const bulkDue = new Set(dueInBulk.filter(needsAttention));

describe("whose cases", () => {
  test("another organisation's HR sees only its own case, also with a cursor of Bulk BV", async () => {
    const bulkPage = (await list(hr)).data?.page;
    const otherHr = other.hr.cookie;
    for (const search of [
      "",
      "?q=Jansen",
      `?after=${bulkPage?.next}`,
      `?before=${bulkPage?.next}`,
    ]) {
      const { status, data } = await list(otherHr, search);
      expect(status, search).toBe(200);
      for (const entry of data?.cases ?? []) expect(entry.id, search).toBe(other.record.id);
    }
    expect((await list(otherHr)).data?.cases.map((entry) => entry.id)).toEqual([other.record.id]);
    // And Bulk BV's HR never meets it.
    const everyone = (await walk(hr, "")).pages.flat().map((entry) => entry.id);
    expect(everyone).not.toContain(other.record.id);
  });

  test("a manager pages through their own cases only", async () => {
    const { pages } = await walk(manager, "");
    const ids = pages.flat().map((entry) => entry.id);
    const theirs = await expectedIds({
      OR: [{ managerId: "bulk-manager-1" }, { employeeId: "bulk-manager-1" }],
    });
    expect(theirs.length).toBe(400);
    expect(ids).toEqual(theirs);
    const closed = (await walk(manager, "?status=closed")).pages.flat();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.map((entry) => entry.id)).toEqual(
      theirs.filter((id) => closed.some((entry) => entry.id === id)),
    );
  });

  test("an employee with one case goes straight to it; one without sees an empty list", async () => {
    const own = await list(other.employee.cookie);
    expect(own).toMatchObject({ status: 302, location: `/cases/${other.record.id}` });
    // With a filter in the address the list is shown, as asked.
    expect((await list(other.employee.cookie, "?status=open")).status).toBe(200);
    const none = await list(other.otherEmployee.cookie);
    expect(none.status).toBe(200);
    expect(none.data?.cases).toEqual([]);
  });
});

test("the start page shows the list's first cases without reading them all", async () => {
  const answer = await callRoute(startPage, get("/app", { Cookie: hr }));
  const data = answer.data as { cases: { total: number; shown: Array<{ id: string }> } };
  const first = (await list(hr)).data?.cases.slice(0, 5).map((entry) => entry.id);
  expect(data.cases.shown.map((entry) => entry.id)).toEqual(first);
  expect(data.cases.total).toBeGreaterThan(0);
});

describe("addresses the page never makes", () => {
  const valid = encodeCursor({ status: "ABSENT", updatedAt: new Date(), id: "bulk-case-00001" });
  const refused = [
    "?status=nope",
    "?status=CLOSED",
    "?status=open%20",
    "?after=not-a-cursor!",
    `?after=${btoa("CLOSED~abc~bulk-case-00001")}`,
    `?after=${btoa("NOPE~1~bulk-case-00001")}`,
    `?after=${btoa("CLOSED~1~bulk case")}`,
    `?after=${btoa("CLOSED~99999999999999999~x")}`,
    `?after=${btoa("CLOSED~1~x~y")}`,
    `?after=${btoa("CLOSED~8640000000000000~x")}`,
    `?after=${"A".repeat(5000)}`,
    "?after=%F0%9F%99%82",
    `?after=${valid}&before=${valid}`,
    `?q=${"x".repeat(101)}`,
    "?attention=nope",
    "?attention=LATE",
    "?attention=late%20",
    "?attention=overdue",
    "?attention=late&status=nope",
  ];
  test.each(refused)("%s is refused as unreadable (400)", async (search) => {
    const answer = await callRoute(loader, get(`/cases${search}`, { Cookie: hr }));
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ refused: "unreadable" });
  });

  const normalised: Array<[string, Partial<Page["filters"]>]> = [
    ["?status=&q=", { status: "all", q: "" }],
    ["?after=", { status: "all" }],
    [`?q=${"x".repeat(100)}`, { q: "x".repeat(100) }],
    ["?q=%20%0A%09", { q: "" }],
    ["?q=%F0%9F%99%82%E2%80%AE", { q: "🙂\u202e" }],
    ["?status=closed&status=open", { status: "closed" }],
    ["?attention=", { attention: "all" }],
    ["?attention=all", { attention: "all" }],
    ["?attention=due&attention=late", { attention: "due" }],
    ["?status=open&attention=waiting&q=x", { status: "open", q: "x", attention: "waiting" }],
    [`?after=${encodeCursor({ status: "CLOSED", updatedAt: new Date(0), id: "x" })}`, {}],
    [
      `?before=${encodeCursor({ status: "PREPARING", updatedAt: new Date("9999-12-31"), id: "x" })}`,
      {},
    ],
  ];
  test.each(normalised)("%s is read as its defaults or as it says", async (search, filters) => {
    const { status, data } = await list(hr, search);
    expect(status).toBe(200);
    expect(data?.page.filters).toMatchObject(filters);
  });
});

describe("what each page costs the database", () => {
  type Statement = { sql: string; params: unknown[] };
  const originals = {
    pglite: PGlite.prototype.query,
    pg: pg.Client.prototype.query,
  };
  afterEach(() => {
    PGlite.prototype.query = originals.pglite;
    pg.Client.prototype.query = originals.pg;
  });

  /** The statements a page of the list sends, whichever database the tests use. */
  async function statementsOf(actor: Actor, search: string, day = today) {
    const statements: Statement[] = [];
    PGlite.prototype.query = function (
      this: PGlite,
      sql: string,
      params?: unknown[],
      options?: never,
    ) {
      statements.push({ sql, params: params ?? [] });
      return originals.pglite.call(this, sql, params as never, options);
    } as never;
    pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      if (config && typeof config === "object" && "text" in config)
        statements.push(config as { text: string; values?: unknown[] } as never);
      return (originals.pg as (...args: unknown[]) => unknown).call(this, config, ...rest);
    } as never;
    const query = parseCaseListQuery(new URLSearchParams(search)) as CaseListQuery;
    const page = await listCasePage(tenantDb(actor.organizationId), actor, query, day);
    PGlite.prototype.query = originals.pglite;
    pg.Client.prototype.query = originals.pg;
    return {
      page,
      statements: statements.map((statement) =>
        "text" in statement
          ? {
              sql: (statement as unknown as { text: string }).text,
              params: (statement as unknown as { values?: unknown[] }).values ?? [],
            }
          : statement,
      ),
    };
  }

  const bulkHr: Actor = {
    userId: "bulk-hr",
    organizationId: bulkOrganization.id,
    role: "HR",
    emailVerified: true,
  };
  const bulkManager: Actor = { ...bulkHr, userId: "bulk-manager-1", role: "MANAGER" };
  // Prisma names the table by an alias ("t0") when it joins relations in the same statement.
  const isKeys = (statement: Statement) =>
    statement.sql.includes('FROM "public"."Case"') &&
    /ORDER BY ("public"\."Case"|"t0")\."updatedAt"/.test(statement.sql);

  test("a fixed handful of statements, however many cases: no query per case", async () => {
    const small: Actor = {
      userId: other.hr.user.id,
      organizationId: other.organization.id,
      role: "HR",
      emailVerified: true,
    };
    const firstPage = await statementsOf(bulkHr, "");
    const late = await statementsOf(bulkHr, `after=${await lateCursor()}`);
    const tiny = await statementsOf(small, "");
    for (const { page, statements } of [firstPage, late, tiny]) {
      expect(page.cases.length).toBeGreaterThan(0);
      // At most one query of sort keys per status of the filter…
      expect(statements.filter(isKeys).length).toBeLessThanOrEqual(caseStatuses.length);
      // …then the page's cases with their employee, manager, open invitation and
      // latest agreed version (joined in one statement), and the count: two, for 1 case or 25.
      expect(statements.filter((statement) => !isKeys(statement))).toHaveLength(2);
    }
    // A page inside one status reads one query of keys.
    expect(firstPage.statements.filter(isKeys)).toHaveLength(1);
    expect(late.statements.filter(isKeys)).toHaveLength(1);
  });

  // "Needs attention" tests the open cases the status and search select in batches of 50,
  // 100, 200, then 400 (case-list.server.ts): for Bulk BV's 1,400 open cases, 6 batches.
  const batchesForOpen = 6;
  /** A day 200 days back: every deadline of Bulk BV is still far ahead, so no case is late or due. */
  const longAgo = isoDay(-200);

  test("needs attention: one statement per kind of fact per batch, never one per case", async () => {
    const from = (table: string) => (statement: Statement) =>
      statement.sql.includes(`FROM "public"."${table}"`);
    // A page full at once: half the first cases were handled, so two batches (50, then 100)
    // find the 26 late cases it needs. Each batch: its keys, then its absences, dated steps
    // and done marks in one query each; then the page's cases. Nothing counted.
    const late = await statementsOf(bulkHr, "attention=late");
    expect(late.page.cases).toHaveLength(casesPerPage);
    expect(late.statements.filter(isKeys)).toHaveLength(2);
    for (const table of ["CaseAbsence", "CaseEvent", "DeadlineDone"])
      expect(late.statements.filter(from(table)), table).toHaveLength(2);
    expect(late.statements).toHaveLength(2 + 3 * 2 + 1);

    // Nothing passes: every open case of the organisation is tested, in 6 batches.
    expect(2000 - closedInBulk.size).toBe(1400);
    const due = await statementsOf(bulkHr, "attention=due", longAgo);
    expect(due.page.cases).toEqual([]);
    // A batch may cross from one status into the next: one more query of keys each time.
    expect(due.statements.filter(isKeys).length).toBeLessThanOrEqual(
      batchesForOpen + caseStatuses.length,
    );
    expect(due.statements.filter((statement) => !isKeys(statement))).toHaveLength(
      3 * batchesForOpen,
    );

    // One case passes (the big plan, first in the list): still all 1,400 are tested, to know
    // that no second page follows. One query of items per batch, then the page's case.
    const waiting = await statementsOf(bulkHr, "attention=waiting");
    expect(waiting.page.cases.map((entry) => entry.id)).toEqual([bulkItemsCaseId]);
    expect(waiting.statements.filter((statement) => !isKeys(statement))).toHaveLength(
      batchesForOpen + 1,
    );
  });

  /**
   * Time budget for "needs attention" on Bulk BV's 2,000 cases, on the tests'
   * database (embedded PGlite, or PostgreSQL through DATABASE_URL):
   * - a page that must test every case (a filter that no case passes, or only
   *   one, so that no second page is missed): under 2,000 ms;
   * - a page filled by its first batches: under 300 ms.
   * Measured while writing this (PGlite, 2 cores, best of three): testing all
   * 2,000 cases for a deadline filter 190 to 340 ms on a quiet machine, up to
   * 1,150 ms under heavy load (load average 13, other test runs alongside);
   * for "waiting" 60 to 210 ms; the 600 closed cases for "due" 60 to 300 ms;
   * a first page of "late" 22 to 145 ms; the plain first page 6 to 46 ms.
   * Most of a deadline filter's time is computing each case's deadlines
   * (deadlinesFor, 0.1 to 0.2 ms a case), then reading the keys. For
   * comparison, deadlinesOf() case by case (three queries a case) took 5 to
   * 9 s for the 2,000. The best of three runs counts, so a busy moment does
   * not fail the test.
   */
  test("needs attention stays within its time budget on 2,000 cases", async () => {
    const tdb = tenantDb(bulkHr.organizationId);
    async function fastest(search: string, day = today) {
      const query = parseCaseListQuery(new URLSearchParams(search)) as CaseListQuery;
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        await listCasePage(tdb, bulkHr, query, day);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    }
    const timings = {
      plain: await fastest(""),
      late: await fastest("attention=late"),
      dueEverywhere: await fastest("attention=due", longAgo),
      waitingEverywhere: await fastest("attention=waiting"),
      dueClosed: await fastest("status=closed&attention=due"),
    };
    console.info("case list timings (ms)", timings);
    expect(timings.late).toBeLessThan(300);
    expect(timings.dueEverywhere).toBeLessThan(2000);
    expect(timings.waitingEverywhere).toBeLessThan(2000);
    expect(timings.dueClosed).toBeLessThan(2000);
  }, 60_000);

  /** A cursor deep in the closed cases: page 70 or so of 80. */
  async function lateCursor() {
    const closed = await expectedIds({ status: "CLOSED" });
    const row = await db.case.findUniqueOrThrow({
      where: { id: closed[closed.length - 150] ?? "" },
      select: { id: true, status: true, updatedAt: true },
    });
    return encodeCursor(row);
  }

  /** The plan PostgreSQL makes for a statement; with seqscan off, whether an index can serve it at all. */
  async function plan(statement: Statement, options: { seqscan: boolean }) {
    return db.$transaction(async (tx) => {
      if (!options.seqscan) await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<Array<Record<string, string>>>(
        `EXPLAIN ${statement.sql}`,
        ...statement.params,
      );
      return rows.map((row) => Object.values(row)[0]).join("\n");
    });
  }

  test("every page reads Bulk BV's cases through an index (EXPLAIN after ANALYZE)", async () => {
    await db.$executeRawUnsafe('ANALYZE "Case", "User", "Invitation", "PlanVersion"');
    const listIndex = "Case_organizationId_status_updatedAt_id_idx";
    const pages: Array<[string, Actor, string]> = [
      ["first page", bulkHr, ""],
      ["late page", bulkHr, `after=${await lateCursor()}`],
      ["back a page", bulkHr, `before=${await lateCursor()}`],
      ...statusFilters.map((filter): [string, Actor, string] => [
        filter,
        bulkHr,
        `status=${filter}`,
      ]),
      ["a manager's first page", bulkManager, ""],
      ["late", bulkHr, "attention=late"],
      ["due, a late page", bulkHr, `attention=due&after=${await lateCursor()}`],
      ["due, every case", bulkHr, "attention=due"],
      ["a manager's waiting", bulkManager, "attention=waiting"],
    ];
    for (const [name, actor, search] of pages) {
      const { statements } = await statementsOf(actor, search);
      for (const statement of statements.filter(isKeys)) {
        // As the planner chooses on 2,000 cases: an index range from the cursor on, never the table.
        const chosen = await plan(statement, { seqscan: true });
        expect(chosen, name).not.toMatch(/Seq Scan on "Case"/);
        if (actor === bulkHr) expect(chosen, name).toContain(listIndex);
        if (search.includes("after=") || search.includes("before="))
          expect(chosen, name).toMatch(/Index Cond: .*"updatedAt" [<>]=/);
      }
    }
  });

  test("the page's cases, their relations, the count and the search can all use an index", async () => {
    await db.$executeRawUnsafe(
      'ANALYZE "Case", "User", "Invitation", "PlanVersion", "PlanItem", "CaseAbsence", "CaseEvent", "DeadlineDone"',
    );
    // On 2,000 rows the planner may rightly read a small table whole (a count, the
    // search's join, a few invitations). enable_seqscan = off shows that an index can
    // serve each of these statements: the organisation's cases are never read unfiltered.
    for (const search of [
      "",
      "status=closed",
      "q=jansen",
      "status=open&q=bulk-invited",
      "attention=due",
      "attention=waiting",
      "status=closed&attention=late&q=jansen",
    ]) {
      const { statements } = await statementsOf(bulkHr, search);
      for (const statement of statements) {
        const forced = await plan(statement, { seqscan: false });
        expect(forced, statement.sql).not.toMatch(
          /Seq Scan on "(Case|Invitation|PlanVersion|PlanItem|CaseAbsence|CaseEvent|DeadlineDone)"/,
        );
      }
    }
  });
});

test("the bulk data is complete: the big plan's case and Bulk BV's people", async () => {
  expect(await db.case.count({ where: { organizationId: bulk.organizationId } })).toBe(2000);
  expect(await db.planItem.count({ where: { caseId: bulkItemsCaseId } })).toBe(30);
  // The big plan opens as the app wrote it: every item, one agreed version, items in every state.
  const plan = await planOf(hr, bulkItemsCaseId);
  expect(plan.items).toHaveLength(30);
  expect(plan.latestVersion?.number).toBe(1);
  expect(new Set(plan.items.map((item) => item.kind)).size).toBe(5);
  expect(new Set(plan.items.map((item) => item.status.kind))).toEqual(
    new Set(["agreed", "awaiting", "declined"]),
  );
  // Seeding again with the same numbers changes nothing; with others it says so.
  await expect(seedBulkOrganisation(db, { cases: 2000, planItems: 30 })).resolves.toMatchObject({
    organizationId: "bulk-org",
  });
  await expect(seedBulkOrganisation(db, { cases: 20, planItems: 30 })).rejects.toThrow(
    /already in this database/,
  );
});
