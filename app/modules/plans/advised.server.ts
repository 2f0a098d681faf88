import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment } from "#app/modules/catalog/catalog.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { isoDay } from "#app/modules/validation.ts";
import { adjustmentSchema } from "./content.ts";
import { type PlanRefusal, proposeItem } from "./plans.server.ts";

/**
 * One click: an adjustment from the catalogue (the physician advised it)
 * becomes this side's proposal, starting today, arranged by the case's
 * manager. The id must name a catalogue entry: without one the item would
 * have neither an entry nor a title. The content goes through the same schema
 * as a typed proposal.
 */
export async function proposeAdvisedAdjustment(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  catalogueId: string,
  client: Client,
): Promise<{ status: "proposed"; itemId: string } | { status: "refused"; refusal: PlanRefusal }> {
  if (!catalogueId || !findAdjustment(await loadCatalogue(), catalogueId))
    return { status: "refused", refusal: "not-found" };
  const content = adjustmentSchema.safeParse({
    catalogueId,
    owner: record.manager.name.slice(0, 100),
    startDate: isoDay(),
    stage: "planned",
  });
  if (!content.success) return { status: "refused", refusal: "not-found" };
  return proposeItem(tdb, actor, record, "ADJUSTMENT", content.data, client);
}
