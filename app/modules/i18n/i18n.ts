import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";
import { formatDay } from "./dates.ts";
import type { Language } from "./languages.ts";

export const defaultNamespace = "common";

/**
 * One i18next instance per request on the server and one per page in the
 * browser, with the catalogues already loaded, so rendering never waits.
 */
export function createI18n(language: Language, resources: Resource): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    resources,
    defaultNS: defaultNamespace,
    ns: Object.keys(resources[language] ?? {}),
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  // "{{min, isoDate}}": a YYYY-MM-DD value (as in date validation messages), written the reader's way.
  instance.services.formatter?.add("isoDate", (value, language) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? formatDay(language ?? "nl", value)
      : String(value),
  );
  instance.services.formatter?.add("endOfSentence", endOfSentence);
  return instance;
}

/**
 * Turns `import.meta.glob("/app/locales/*\/*.json")` keys into
 * { language: { namespace: catalogue } }.
 */
export function resourcesFromModules(modules: Record<string, unknown>): Resource {
  const resources: Resource = {};
  for (const [file, catalogue] of Object.entries(modules)) {
    const match = /\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language = "", namespace = ""] = match;
    resources[language] ??= {};
    resources[language][namespace] = catalogue as Record<string, unknown>;
  }
  return resources;
}

/**
 * For a value that ends a sentence, such as an organisation's name:
 * "Welkom bij {{organization, endOfSentence}}" gives "Welkom bij De Linde BV."
 * and "Welkom bij De Linde B.V." alike, so a name that ends in its own full
 * stop (or "!" or "?") never gets a second one. The person's text is kept as
 * they wrote it. A test over the catalogues requires it after every name.
 */
export function endOfSentence(value: unknown): string {
  const text = String(value ?? "");
  return /[.!?…]$/.test(text.trimEnd()) ? text : `${text}.`;
}
