import type { Language } from "#app/modules/i18n/languages.ts";

/**
 * Content keeps every text in the three languages ({ nl, en, fr }); a page
 * needs one. `localize` replaces each such triple, at any depth, with the
 * text in `language`, so a loader sends the browser only what it shows.
 */
type Triple = { nl: string; en: string; fr: string };

export type Localized<T> = T extends Triple
  ? string
  : T extends readonly (infer U)[]
    ? Localized<U>[]
    : T extends object
      ? { [K in keyof T]: Localized<T[K]> }
      : T;

function isTriple(value: object): value is Triple {
  const keys = Object.keys(value);
  return keys.length === 3 && ["nl", "en", "fr"].every((key) => keys.includes(key));
}

export function localize<T>(value: T, language: Language): Localized<T> {
  if (Array.isArray(value)) return value.map((entry) => localize(entry, language)) as Localized<T>;
  if (value && typeof value === "object") {
    if (isTriple(value)) return value[language] as Localized<T>;
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, localize(entry, language)]),
    ) as Localized<T>;
  }
  return value as Localized<T>;
}
