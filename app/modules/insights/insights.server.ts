import { departmentsOf } from "#app/modules/cases/cases.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment } from "#app/modules/catalog/catalog.ts";
import type { SnapshotItem } from "#app/modules/plans/versions.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { type AdjustmentGroup, type CaseFacts, computeInsights, type View } from "./figures.ts";
import {
  type InsightsChoices,
  type InsightsQuery,
  parseInsightsQuery,
  yearsFrom,
} from "./query.ts";

/**
 * Reads what the insights count, through the tenant door (only the
 * organisation's own cases), and nothing else: no names, no notes, no plan
 * text. Figures and the group rule are in figures.ts and group-rule.ts.
 */

/** What the filters offer: the years since the first case, and the departments cases name. */
export async function insightsChoices(tdb: TenantDb, now: Date): Promise<InsightsChoices> {
  const [first, departments] = await Promise.all([
    tdb.case.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    departmentsOf(tdb),
  ]);
  return { years: yearsFrom(first?.createdAt ?? null, now), departments };
}

/** The view the query asks for: the organisation's, or one department's. */
export async function insightsView(
  tdb: TenantDb,
  query: InsightsQuery,
  choices: InsightsChoices,
  now: Date,
): Promise<View> {
  const facts = await factsOfYear(tdb, query.year);
  const insights = computeInsights(facts, choices.departments, now);
  if (query.department === null) return insights.organization;
  const view = insights.departments.get(query.department);
  if (!view) throw new Error("A department the choices do not hold");
  return view;
}

/** The facts of every case opened in a calendar year (UTC), in three statements. */
async function factsOfYear(tdb: TenantDb, year: number): Promise<CaseFacts[]> {
  const openedIn = { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) };
  const [cases, firstVersions, catalogue] = await Promise.all([
    tdb.case.findMany({
      where: { createdAt: openedIn },
      select: {
        id: true,
        department: true,
        createdAt: true,
        status: true,
        closedCategory: true,
        statusChanges: { select: { toStatus: true, at: true }, orderBy: { at: "asc" } },
        // The current agreed plan: its latest version.
        versions: { select: { snapshot: true }, orderBy: { number: "desc" }, take: 1 },
      },
    }),
    tdb.planVersion.findMany({
      where: { number: 1, case: { createdAt: openedIn } },
      select: { caseId: true, agreedAt: true },
    }),
    loadCatalogue(),
  ]);
  const firstAgreed = new Map(firstVersions.map((version) => [version.caseId, version.agreedAt]));
  const groupOf = (catalogueId: unknown): AdjustmentGroup => {
    const found = typeof catalogueId === "string" ? findAdjustment(catalogue, catalogueId) : null;
    return found?.category ?? "own";
  };
  return cases.map((record) => ({
    department: record.department,
    openedAt: record.createdAt,
    status: record.status,
    closedCategory: record.closedCategory,
    firstAgreedAt: firstAgreed.get(record.id) ?? null,
    statusChanges: record.statusChanges,
    adjustments: adjustmentsInPlace(record.versions[0]?.snapshot).map(groupOf),
  }));
}

/** The catalogue ids of the adjustments of an agreed version that were not stopped or refused. */
function adjustmentsInPlace(snapshot: unknown): unknown[] {
  if (!Array.isArray(snapshot)) return [];
  return (snapshot as SnapshotItem[])
    .filter(
      (item) =>
        item.kind === "ADJUSTMENT" &&
        item.content.stage !== "stopped" &&
        item.content.stage !== "refused",
    )
    .map((item) => item.content.catalogueId);
}

/**
 * The insights an address asks for (query.ts), or null when it is not an
 * address the page makes: the routes answer 400.
 */
export async function readInsights(tdb: TenantDb, params: URLSearchParams, now = new Date()) {
  const choices = await insightsChoices(tdb, now);
  const query = parseInsightsQuery(params, choices);
  if (!query) return null;
  return { choices, query, view: await insightsView(tdb, query, choices, now) };
}
