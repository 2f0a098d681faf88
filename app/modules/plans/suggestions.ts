import { type Catalogue, suggestAdjustments } from "#app/modules/catalog/catalog.ts";

type Item = { kind: string; content: Record<string, unknown> };

/** The catalogue adjustments already in a plan (live items). */
export function adjustmentsInPlan(items: Item[]): Set<string> {
  return new Set(
    items.flatMap((item) =>
      item.kind === "ADJUSTMENT" && typeof item.content.catalogueId === "string"
        ? [item.content.catalogueId]
        : [],
    ),
  );
}

/** The functional effects the plan's capacities name. */
export function effectsNamedIn(items: Item[]): Set<string> {
  return new Set(
    items
      .filter((item) => item.kind === "CAPACITY")
      .flatMap((item) =>
        Array.isArray(item.content.effects) ? item.content.effects.map(String) : [],
      ),
  );
}

/**
 * What the catalogue suggests for this plan: adjustments for the functional
 * effects named in its capacities, those matching the most first, leaving
 * out what the plan already has. At most `limit`.
 */
export function suggestedAdjustments(catalogue: Catalogue, items: Item[], limit = 6): string[] {
  const inPlan = adjustmentsInPlan(items);
  return suggestAdjustments(catalogue, [...effectsNamedIn(items)])
    .filter((adjustment) => !inPlan.has(adjustment.id))
    .slice(0, limit)
    .map((adjustment) => adjustment.id);
}
