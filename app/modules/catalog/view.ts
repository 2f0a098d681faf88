import type { Language } from "#app/modules/i18n/languages.ts";
import type { Catalogue } from "./catalog.ts";

/** The catalogue in one language: what a page needs, a third of the size of all three. */
export type CatalogueView = {
  /** How many adjustments the catalogue has, whether or not the page names them all. */
  size: number;
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
 * (those in the plan, advised, suggested or found) and `effects` the effects
 * it names; `describe`: the adjustments whose description it shows. Every
 * one when not given: a form that offers the whole catalogue needs them all.
 */
export function catalogueIn(
  catalogue: Catalogue,
  language: Language,
  {
    name,
    effects,
    describe,
  }: {
    name?: ReadonlySet<string>;
    effects?: ReadonlySet<string>;
    describe?: ReadonlySet<string>;
  } = {},
): CatalogueView {
  return {
    size: catalogue.adjustments.length,
    effects: catalogue.effects
      .filter((effect) => !effects || effects.has(effect.id))
      .map((effect) => ({ id: effect.id, label: effect.label[language] })),
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
