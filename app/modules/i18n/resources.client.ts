import type { NamespaceLoader } from "./i18n.ts";

// E-mails are written on the server only: their texts never go to the browser.
const loaders = import.meta.glob(["/app/locales/*/*.json", "!/app/locales/*/emails.json"], {
  import: "default",
});

/**
 * Loads one catalogue of one language into the browser: its own small chunk.
 * The page loads the ones its server rendering used before it starts, and
 * others when a page that needs them opens (use-translation.ts).
 */
export const loadNamespace: NamespaceLoader = async (language, namespace) => {
  const load = loaders[`/app/locales/${language}/${namespace}.json`];
  if (!load) throw new Error(`No texts for ${language}/${namespace}`);
  return load();
};
