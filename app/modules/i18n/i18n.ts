import type { i18n as I18next, Namespace, Resource, TFunction } from "i18next";
import { formatDay } from "./dates.ts";
import { isLanguage, type Language } from "./languages.ts";

export const defaultNamespace = "common";
const fallbackLanguage: Language = "en";

/**
 * Werkpad's translator: the part of i18next the app uses, and nothing else
 * (i18next itself stays for its types, which check every key at compile
 * time). Keys are `namespace:dotted.key` or a dotted key in the caller's
 * namespaces; English fills what a language lacks; `count` picks the plural
 * form of the language (`_one`, `_other`, French `_many`, …);
 * `{{name}}` and `{{name, format}}` insert values (React escapes them).
 *
 * Why not i18next at run time: it cost a tenth of the server's time on the
 * plan page and 15 KB of gzipped JavaScript in every browser (issue 9).
 * Catalogues are read once per process; templates are parsed once.
 */
export type I18n = {
  language: Language;
  /** Whether a namespace's texts are here (the browser loads them as pages need them). */
  has(namespace: string): boolean;
  /** Loads namespaces that are not here yet; the same promise while they load. */
  load(namespaces: string[]): Promise<void>;
  /**
   * On the server, the namespaces this page's texts came from so far; in the
   * browser, the ones loaded before the page started. The browser loads these
   * first (entry.client.tsx), so a page never waits for its own texts.
   */
  namespacesUsed(): string[];
  /** Keys of every namespace, as "namespace:key", or of the default one. */
  t: I18next["t"];
  getFixedT<N extends Namespace>(language: Language | null, namespace: N | null): TFunction<N>;
};

type Options = Record<string, unknown> & { count?: unknown; ns?: Namespace; defaultValue?: string };
type Part = string | { name: string; format: string | undefined };

/** Every text of one language, by "namespace:dotted.key". */
const flattened = new WeakMap<Resource, Map<string, Map<string, string>>>();
const parsedTemplates = new Map<string, Part[]>();
const pluralRules = new Map<string, Intl.PluralRules>();

function textsOf(resources: Resource, language: string): Map<string, string> {
  let byLanguage = flattened.get(resources);
  if (!byLanguage) {
    byLanguage = new Map();
    flattened.set(resources, byLanguage);
  }
  let texts = byLanguage.get(language);
  if (!texts) {
    texts = new Map();
    const add = (prefix: string, value: unknown) => {
      if (typeof value === "string") texts?.set(prefix, value);
      else if (value && typeof value === "object")
        for (const [key, inner] of Object.entries(value)) add(`${prefix}.${key}`, inner);
    };
    for (const [namespace, catalogue] of Object.entries(resources[language] ?? {}))
      for (const [key, value] of Object.entries(catalogue)) add(`${namespace}:${key}`, value);
    byLanguage.set(language, texts);
  }
  return texts;
}

function pluralOf(language: string, count: number): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

function parse(template: string): Part[] {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const match of template.matchAll(/\{\{\s*([^},\s]+)\s*(?:,\s*([^}\s]+)\s*)?\}\}/g)) {
      if (match.index > last) parts.push(template.slice(last, match.index));
      parts.push({ name: match[1] ?? "", format: match[2] });
      last = match.index + match[0].length;
    }
    if (last < template.length) parts.push(template.slice(last));
    parsedTemplates.set(template, parts);
  }
  return parts;
}

const formats: Record<string, (value: unknown, language: Language) => string> = {
  // "{{min, isoDate}}": a YYYY-MM-DD value (as in date validation messages), written the reader's way.
  isoDate: (value, language) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? formatDay(language, value)
      : String(value),
  endOfSentence: (value) => endOfSentence(value),
};

function fill(template: string, options: Options | undefined, language: Language): string {
  const parts = parse(template);
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const value = options?.[part.name];
    // A value the caller did not give stays visible as its placeholder, as in i18next.
    if (value === undefined || value === null) text += `{{${part.name}}}`;
    else if (part.format && formats[part.format]) text += formats[part.format]?.(value, language);
    else text += String(value);
  }
  return text;
}

function lookup(
  resources: Resource,
  language: string,
  namespaces: readonly string[],
  key: string,
  count: number | undefined,
): string | undefined {
  const texts = textsOf(resources, language);
  for (const namespace of namespaces) {
    const base = `${namespace}:${key}`;
    if (count !== undefined) {
      const plural =
        texts.get(`${base}_${pluralOf(language, count)}`) ?? texts.get(`${base}_other`);
      if (plural !== undefined) return plural;
    }
    const text = texts.get(base);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Fetches one namespace of a language: in the browser, the catalogue's own chunk. */
export type NamespaceLoader = (language: Language, namespace: string) => Promise<unknown>;

export function createI18n(
  language: Language,
  resources: Resource,
  options: {
    /** In the browser: how to fetch a namespace the page has not loaded. */
    loadNamespace?: NamespaceLoader;
    /** On the server: collects the namespaces a page's texts come from. */
    used?: Set<string>;
  } = {},
): I18n {
  const { loadNamespace, used } = options;
  const loadedAtStart = Object.keys(resources[language] ?? {});
  const known = new Set([
    ...Object.keys(resources[language] ?? {}),
    ...Object.keys(resources[fallbackLanguage] ?? {}),
  ]);
  const loading = new Map<string, Promise<void>>();
  const load = (namespaces: string[]) =>
    Promise.all(
      namespaces.map((namespace) => {
        let promise = loading.get(namespace);
        if (!promise) {
          promise = (loadNamespace?.(language, namespace) ?? Promise.resolve({})).then(
            (catalogue) => {
              resources[language] ??= {};
              resources[language][namespace] = catalogue as Record<string, unknown>;
              flattened.get(resources)?.delete(language);
              known.add(namespace);
            },
          );
          loading.set(namespace, promise);
        }
        return promise;
      }),
    ).then(() => undefined);
  const translate = (
    lng: Language,
    namespaces: readonly string[],
    key: string,
    options?: Options,
  ): string => {
    let names = options?.ns ? ([] as string[]).concat(options.ns as string | string[]) : namespaces;
    let path = key;
    // Keys never contain ":", so one names the namespace, loaded or not.
    const colon = key.indexOf(":");
    if (colon > 0) {
      names = [key.slice(0, colon)];
      path = key.slice(colon + 1);
    }
    for (const name of names) used?.add(name);
    // In the browser, texts of a catalogue not loaded yet: the component waits
    // for it (React suspends it and keeps the previous page on screen).
    if (loadNamespace) {
      const missing = names.filter((name) => !known.has(name));
      if (missing.length > 0) throw load(missing);
    }
    const count = typeof options?.count === "number" ? options.count : undefined;
    const template =
      lookup(resources, lng, names, path, count) ??
      lookup(resources, fallbackLanguage, names, path, count);
    if (template === undefined) return options?.defaultValue ?? key;
    return fill(template, options, lng);
  };
  const fixed = (lng: Language, namespace: Namespace | null) => {
    const namespaces = namespace === null ? [defaultNamespace] : ([] as string[]).concat(namespace);
    return ((key: string | string[], options?: Options) =>
      translate(lng, namespaces, Array.isArray(key) ? (key[0] ?? "") : key, options)) as TFunction;
  };
  return {
    language,
    has: (namespace) => known.has(namespace),
    load,
    namespacesUsed: () => (used ? [...used] : loadedAtStart),
    t: fixed(language, null) as I18next["t"],
    getFixedT: (lng, namespace) =>
      fixed(lng !== null && isLanguage(lng) ? lng : language, namespace) as never,
  };
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
