import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment } from "#app/modules/catalog/catalog.ts";
import { isoDay } from "#app/modules/dates.ts";
import { advisedAdjustmentsOf } from "#app/modules/physician/physician.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { proposeItem, sideIn } from "./plans.server.ts";
import { adjustmentsInPlan } from "./suggestions.ts";

/**
 * One click on an adjustment the physician advised makes it this side's
 * proposal: from the catalogue, with the case's manager responsible and
 * starting today, which the other side then answers as any proposal. Only
 * what the newest advice names, and only once.
 */
export async function proposeAdvised(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  catalogueId: string,
  client: Client,
): Promise<
  Result<{ itemId: string }, Refusal<"forbidden" | "not-found" | "not-advised" | "already-in-plan">>
> {
  if (!sideIn(actor, record)) return refused("forbidden");
  const [advised, catalogue, items] = await Promise.all([
    advisedAdjustmentsOf(tdb, record.id),
    loadCatalogue(),
    tdb.planItem.findMany({
      where: { caseId: record.id, kind: "ADJUSTMENT", removedAt: null },
      select: { kind: true, content: true },
    }),
  ]);
  // No such adjustment: only a tampered form sends that.
  if (!findAdjustment(catalogue, catalogueId)) return refused("not-found");
  // A real one the newest advice does not name: the page was older than the advice.
  if (!advised.includes(catalogueId)) return refused("not-advised");
  const inPlan = adjustmentsInPlan(
    items.map((item) => ({ kind: item.kind, content: item.content as Record<string, unknown> })),
  );
  if (inPlan.has(catalogueId)) return refused("already-in-plan");
  return proposeItem(
    tdb,
    actor,
    record,
    "ADJUSTMENT",
    {
      catalogueId,
      owner: record.manager.name.slice(0, 100),
      startDate: isoDay(),
      stage: "planned",
      title: undefined,
      details: undefined,
      reviewDate: undefined,
      stageReason: undefined,
    },
    client,
  );
}
