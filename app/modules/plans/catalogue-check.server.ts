import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { findAdjustment, findEffect } from "#app/modules/catalog/catalog.ts";
import type { ContentOf } from "./content.ts";
import type { ItemKind } from "./kinds.ts";

/**
 * The catalogue references in an item's content: an adjustment from the list
 * must exist, and capacities may only name known effects (the work-term
 * vocabulary; free labels could carry medical words). Field errors, or none.
 */
export async function catalogueProblems<K extends ItemKind>(
  kind: K,
  content: ContentOf[K],
): Promise<Record<string, string[]> | null> {
  const catalogue = await loadCatalogue();
  if (kind === "ADJUSTMENT") {
    const { catalogueId } = content as ContentOf["ADJUSTMENT"];
    if (catalogueId && !findAdjustment(catalogue, catalogueId))
      return { catalogueId: ["plans:errors.unknownAdjustment"] };
  }
  if (kind === "CAPACITY") {
    const { effects } = content as ContentOf["CAPACITY"];
    if (effects.some((effect) => !findEffect(catalogue, effect)))
      return { effects: ["plans:errors.unknownEffect"] };
  }
  return null;
}
