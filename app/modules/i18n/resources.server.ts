import { createI18n, type I18n, resourcesFromModules } from "./i18n.ts";
import type { Language } from "./languages.ts";

/** Every catalogue of every language; the server renders in any of them. */
export const resources = resourcesFromModules(
  import.meta.glob("/app/locales/*/*.json", { eager: true, import: "default" }),
);

/**
 * A translator for server code (pages, actions' messages, e-mails). Cheap to
 * make: the catalogues are read and flattened once per process. A page passes
 * `used` to learn which namespaces the browser will need.
 */
export function serverI18n(language: Language, used?: Set<string>): I18n {
  return createI18n(language, resources, { used });
}
