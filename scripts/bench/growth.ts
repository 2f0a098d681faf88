/**
 * Growth: do pages stay fast as an organisation grows? Bulk BV (prisma/bulk.ts,
 * seedBulkOrganisation) holds 2,000 cases and one case with 100 plan items;
 * its pages are timed one request at a time against the demo's:
 *
 * - the plan page with 100 items against the demo plan: the time per item
 *   shows whether the page grows at most linearly with its items;
 * - the case list's first page on 2,000 cases against the demo's /cases, and
 *   a later page (the list is paged by cursor, ?after=…): both should take
 *   about as long as the demo's.
 */
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { seedBulkOrganisation } from "../../prisma/bulk.ts";
import { fetchAnswer, signIn } from "./app-client.ts";
import { kb, markdownTable, ms, whole } from "./format.ts";
import { type Headers, type LoneSample, sampleLone } from "./measure.ts";

export const bulkSize = { cases: 2000, planItems: 100 };
const bulkHrEmail = "bulk-hr@demo.werkpad.test";
const bulkPlanPath = "/cases/bulk-case-items";
const demoOrganizationId = "demo-org-nl";
const demoCaseId = "demo-case-nl";
/** Requests per page, one at a time: enough for a steady median (at most 10 s of a slow page). */
const loneRequests = 30;

/** The demo's sizes, to compare Bulk BV's pages with. */
export type GrowthSetup = { demoPlanItems: number; demoCases: number };

/**
 * Adds Bulk BV to the database and counts the demo plan's items and the demo
 * organisation's cases. Runs before the server starts: PGlite has one user.
 */
export async function seedGrowth(databaseUrl: string): Promise<GrowthSetup> {
  const adapter = openAdapter(parseDatabaseUrl(databaseUrl));
  const db = new PrismaClient({ adapter: adapter.factory });
  try {
    await seedBulkOrganisation(db, bulkSize);
    const [demoPlanItems, demoCases] = await Promise.all([
      db.planItem.count({ where: { caseId: demoCaseId, removedAt: null } }),
      db.case.count({ where: { organizationId: demoOrganizationId } }),
    ]);
    return { demoPlanItems, demoCases };
  } finally {
    await db.$disconnect();
    await adapter.close();
  }
}

type GrowthPage = { page: string; size: number; unit: string; path: string; headers: Headers };

export type GrowthRow = GrowthPage & ({ lone: LoneSample; bytes: number } | { problem: string });

/** The "next page" link of a case list page: the first `<a … href="…after=…">`. */
export function nextPageHref(html: string, pagePath: string): string | null {
  const href = /<a\s[^>]*?\bhref="([^"]*after=[^"]*)"/.exec(html)?.[1];
  if (!href) return null;
  const url = new URL(href.replaceAll("&amp;", "&"), `http://app${pagePath}`);
  return `${url.pathname}${url.search}`;
}

async function measurePage(appUrl: string, page: GrowthPage): Promise<GrowthRow> {
  try {
    const answer = await fetchAnswer(appUrl, page.path, page.headers);
    const lone = await sampleLone(`${appUrl}${page.path}`, page.headers, {
      count: loneRequests,
    });
    return { ...page, lone, bytes: answer.body.byteLength };
  } catch (error) {
    // fetch's own message ("fetch failed") says little: its cause says what happened.
    const cause =
      error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return { ...page, problem: `${error instanceof Error ? error.message : error}${cause}` };
  }
}

/** Times the demo's and Bulk BV's plan page and case list, one request at a time. */
export async function measureGrowth(
  appUrl: string,
  demoHeaders: Headers,
  setup: GrowthSetup,
): Promise<GrowthRow[]> {
  const bulkHeaders = { ...demoHeaders, cookie: await signIn(appUrl, bulkHrEmail) };
  const pages: GrowthPage[] = [
    {
      page: "plan, demo",
      size: setup.demoPlanItems,
      unit: "items",
      path: `/cases/${demoCaseId}`,
      headers: demoHeaders,
    },
    {
      page: "plan, Bulk BV",
      size: bulkSize.planItems,
      unit: "items",
      path: bulkPlanPath,
      headers: bulkHeaders,
    },
    {
      page: "case list, demo",
      size: setup.demoCases,
      unit: "cases",
      path: "/cases",
      headers: demoHeaders,
    },
    {
      page: "case list, Bulk BV, first page",
      size: bulkSize.cases,
      unit: "cases",
      path: "/cases",
      headers: bulkHeaders,
    },
  ];
  const rows = [];
  for (const page of pages) rows.push(await measurePage(appUrl, page));

  // A later page: the one the first page's "next" link leads to.
  const firstPage = await fetchAnswer(appUrl, "/cases", bulkHeaders).catch(() => null);
  const next = firstPage && nextPageHref(new TextDecoder().decode(firstPage.body), "/cases");
  const later = {
    page: "case list, Bulk BV, next page",
    size: bulkSize.cases,
    unit: "cases",
    headers: bulkHeaders,
  };
  rows.push(
    next
      ? await measurePage(appUrl, { ...later, path: next })
      : { ...later, path: "/cases?after=…", problem: "the first page has no link with after=" },
  );
  return rows;
}

const measured = (row: GrowthRow | undefined) => (row && "lone" in row ? row : undefined);

/** The growth table, and what it says about the plan page and the case list. */
export function growthReport(rows: GrowthRow[]): string {
  const table = markdownTable(
    ["page", "size", "path", "ms", "db ms", "stmts", "render ms", "KB", "ms/item"],
    rows.map((row) => {
      const cells = [row.page, `${whole(row.size)} ${row.unit}`, row.path];
      if (!("lone" in row)) return [...cells, "–", "–", "–", "–", "–", "–"];
      const { lone } = row;
      return [
        ...cells,
        ms(lone.clientMs),
        ms(lone.dbMs),
        whole(lone.statements),
        ms(lone.renderMs),
        kb(row.bytes),
        row.unit === "items" && row.size > 0 ? (lone.clientMs / row.size).toFixed(2) : "–",
      ];
    }),
  );
  const lines = [table, ""];
  for (const row of rows)
    if ("problem" in row) lines.push(`${row.page}: not measured, ${row.problem}`);
  const [demoPlan, bulkPlan, demoList, firstPage, nextPage] = rows.map(measured);
  if (demoPlan && bulkPlan && bulkPlan.size > demoPlan.size) {
    const timeGrowth = bulkPlan.lone.clientMs / demoPlan.lone.clientMs;
    const itemGrowth = bulkPlan.size / Math.max(1, demoPlan.size);
    const perExtraItem =
      (bulkPlan.lone.clientMs - demoPlan.lone.clientMs) / (bulkPlan.size - demoPlan.size);
    lines.push(
      `plan page: ${whole(bulkPlan.size)} items take ${timeGrowth.toFixed(1)}× the time of ${whole(demoPlan.size)} ` +
        `(${itemGrowth.toFixed(1)}× the items), ${ms(perExtraItem)} ms per extra item: ` +
        (timeGrowth <= itemGrowth ? "at most linear" : "MORE than linear"),
    );
  }
  if (demoList && firstPage) {
    const times = (row: NonNullable<typeof firstPage>) =>
      `${(row.lone.clientMs / demoList.lone.clientMs).toFixed(1)}×`;
    lines.push(
      `case list: on ${whole(firstPage.size)} cases the first page takes ${times(firstPage)} the demo's time` +
        (nextPage ? `, the next page ${times(nextPage)}` : ""),
    );
  }
  return lines.join("\n");
}
