import type { Language } from "#app/modules/i18n/languages.ts";
import type { Catalogue } from "./catalog.ts";

/** The catalogue in one language: what a page needs, a third of the size of all three. */
export type CatalogueView = {
  effects: Array<{ id: string; label: string; description: string }>;
  adjustments: Array<{
    id: string;
    category: string;
    title: string;
    description: string;
    effects: string[];
  }>;
};

export function catalogueIn(catalogue: Catalogue, language: Language): CatalogueView {
  return {
    effects: catalogue.effects.map((effect) => ({
      id: effect.id,
      label: effect.label[language],
      description: effect.description[language],
    })),
    adjustments: catalogue.adjustments.map((adjustment) => ({
      id: adjustment.id,
      category: adjustment.category,
      title: adjustment.title[language],
      description: adjustment.description[language],
      effects: adjustment.effects,
    })),
  };
}
