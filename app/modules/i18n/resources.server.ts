import type { i18n } from "i18next";
import { createI18n, resourcesFromModules } from "./i18n.ts";
import type { Language } from "./languages.ts";

/** Every catalogue of every language; the server renders in any of them. */
export const resources = resourcesFromModules(
  import.meta.glob("/app/locales/*/*.json", { eager: true, import: "default" }),
);

/** An i18next instance for server code (actions' messages, e-mails). */
export function serverI18n(language: Language): i18n {
  return createI18n(language, resources);
}
