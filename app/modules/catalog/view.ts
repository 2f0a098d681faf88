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
 * The catalogue as a page needs it. `name`: the adjustments the page names
 * (those in the plan, advised, suggested or found); `describe`: those whose
 * description it shows. Every one when not given: a form that offers the
 * whole catalogue needs every name.
 */
export function catalogueIn(
  catalogue: Catalogue,
  language: Language,
  { name, describe }: { name?: ReadonlySet<string>; describe?: ReadonlySet<string> } = {},
): CatalogueView {
  return {
    effects: catalogue.effects.map((effect) => ({ id: effect.id, label: effect.label[language] })),
    adjustments: catalogue.adjustments
      .filter((adjustment) => !name || name.has(adjustment.id))
      .map((adjustment) => ({
        id: adjustment.id,
        title: adjustment.title[language],
        ...(describe && !describe.has(adjustment.id)
          ? {}
          : { description: adjustment.description[language] }),
      })),
  };
}
