import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { listCasePage } from "#app/modules/cases/case-list.server.ts";
import {
  type CaseListQuery,
  casesPerPage,
  encodeCursor,
  parseCaseListQuery,
  type StatusFilter,
  statusesOf,
  statusFilters,
} from "#app/modules/cases/case-list.ts";
import { caseStatuses } from "#app/modules/cases/case-statuses.ts";
import { db } from "#app/modules/db.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { loader as startPage } from "#app/routes/app.tsx";
import { loader } from "#app/routes/cases.tsx";
import { createCaseTeam, planOf } from "#tests/helpers/cases.ts";
import { signInCookie } from "#tests/helpers/factories.ts";
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

type Entry = {
  id: string;
  status: string;
  employeeName: string | null;
  invitedEmail: string | null;
  managerName: string;
  agreedVersion: number | null;
};
type Page = {
  filters: { status: StatusFilter; q: string };
  total: number;
  moreThanTotal: boolean;
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
async function expectedIds(where: object) {
  const rows = await db.case.findMany({
    where: { organizationId: bulk.organizationId, ...where },
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
    expect(data?.page.filters).toEqual({ status: filter, q: "" });
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
    expect(both.data?.page.filters).toEqual({ status: "closed", q: "Jansen" });
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
  async function statementsOf(actor: Actor, search: string) {
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
    const page = await listCasePage(tenantDb(actor.organizationId), actor, query);
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
    await db.$executeRawUnsafe('ANALYZE "Case", "User", "Invitation", "PlanVersion"');
    // On 2,000 rows the planner may rightly read a small table whole (a count, the
    // search's join, a few invitations). enable_seqscan = off shows that an index can
    // serve each of these statements: the organisation's cases are never read unfiltered.
    for (const search of ["", "status=closed", "q=jansen", "status=open&q=bulk-invited"]) {
      const { statements } = await statementsOf(bulkHr, search);
      for (const statement of statements) {
        const forced = await plan(statement, { seqscan: false });
        expect(forced, statement.sql).not.toMatch(/Seq Scan on "(Case|Invitation|PlanVersion)"/);
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
