import type { Resource } from "i18next";
import { resourcesFromModules } from "./i18n.ts";
import type { Language } from "./languages.ts";

const loaders = import.meta.glob("/app/locales/*/*.json", { import: "default" });

/** Loads only the page's language into the browser (one small chunk per catalogue). */
export async function loadResources(language: Language): Promise<Resource> {
  const entries = await Promise.all(
    Object.entries(loaders)
      .filter(([file]) => file.includes(`/locales/${language}/`))
      .map(async ([file, load]) => [file, await load()] as const),
  );
  return resourcesFromModules(Object.fromEntries(entries));
}
