import type { Language } from "#app/modules/i18n/languages.ts";
import type { Catalogue } from "./catalog.ts";

/** The catalogue in one language: what a page needs, a third of the size of all three. */
export type CatalogueView = {
  effects: Array<{ id: string; label: string }>;
  adjustments: Array<{
    id: string;
    title: string;
    /** Only for the adjustments the page describes (`describe`): the rest are named, not explained. */
    description?: string;
  }>;
};

/**
 * `describe`: the adjustments whose description the page shows (those in the
 * plan, suggested or found); every one when not given. The descriptions are
 * most of the catalogue's weight.
 */
export function catalogueIn(
  catalogue: Catalogue,
  language: Language,
  describe?: ReadonlySet<string>,
): CatalogueView {
  return {
    effects: catalogue.effects.map((effect) => ({ id: effect.id, label: effect.label[language] })),
    adjustments: catalogue.adjustments.map((adjustment) => ({
      id: adjustment.id,
      title: adjustment.title[language],
      ...(describe && !describe.has(adjustment.id)
        ? {}
        : { description: adjustment.description[language] }),
    })),
  };
}
