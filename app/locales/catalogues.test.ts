import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { languages } from "#app/modules/i18n/languages.ts";

// Every language must say everything English says, with the same placeholders,
// so no one meets a missing or half-translated text. Counts use i18next's
// plural keys (`_one`, `_other`, and whatever else the language's plural rules
// need, such as French `_many`), so each language is checked for its own forms.
const dir = path.resolve("app/locales");
type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(catalogue).flatMap(([key, value]) =>
      typeof value === "string"
        ? [[`${prefix}${key}`, value]]
        : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

function load(language: string, namespace: string) {
  return flatten(JSON.parse(readFileSync(path.join(dir, language, namespace), "utf8")));
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Plain texts, and plural texts grouped by their key without the suffix. */
function split(texts: Record<string, string>) {
  const plain: Record<string, string> = {};
  const plurals: Record<string, Record<string, string>> = {};
  for (const [key, text] of Object.entries(texts)) {
    const base = key.replace(pluralSuffix, "");
    if (base !== key && `${base}_other` in texts) {
      plurals[base] ??= {};
      (plurals[base] as Record<string, string>)[key.slice(base.length + 1)] = text;
    } else plain[key] = text;
  }
  return { plain, plurals };
}

/** The names of the placeholders ("{{organization, endOfSentence}}" is "organization"). */
const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1]).sort();

const namespaces = readdirSync(path.join(dir, "en")).filter((file) => file.endsWith(".json"));
const everyText = languages.flatMap((language) =>
  namespaces.flatMap((namespace) =>
    Object.entries(load(language, namespace)).map(([key, text]) => ({
      where: `${language}/${namespace}:${key}`,
      language,
      text,
    })),
  ),
);

describe.each(namespaces)("catalogue %s", (namespace) => {
  const english = split(load("en", namespace));
  test.each(languages.filter((l) => l !== "en"))(
    "%s has the same keys and placeholders as en",
    (language) => {
      const other = split(load(language, namespace));
      expect(Object.keys(other.plain).sort()).toEqual(Object.keys(english.plain).sort());
      expect(Object.keys(other.plurals).sort()).toEqual(Object.keys(english.plurals).sort());
      for (const [key, text] of Object.entries(other.plain)) {
        expect(text.trim(), `${language}:${key} is empty`).not.toBe("");
        expect(placeholders(text), `${language}:${key}`).toEqual(
          placeholders(english.plain[key] ?? ""),
        );
      }
      for (const [key, forms] of Object.entries(other.plurals)) {
        const englishOther = placeholders(english.plurals[key]?.other ?? "");
        expect(placeholders(forms.other ?? ""), `${language}:${key}_other`).toEqual(englishOther);
        for (const [form, text] of Object.entries(forms)) {
          expect(text.trim(), `${language}:${key}_${form} is empty`).not.toBe("");
          // "One device" may leave the number out; no form may add a placeholder.
          for (const placeholder of placeholders(text))
            expect(englishOther, `${language}:${key}_${form}`).toContain(placeholder);
        }
      }
    },
  );

  test.each(languages)("%s has every plural form its language needs", (language) => {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.toSorted();
    for (const [key, forms] of Object.entries(split(load(language, namespace)).plurals))
      expect(Object.keys(forms).sort(), `${language}:${key}`).toEqual(needed);
  });
});

describe("every text", () => {
  test("counts with plural forms, never a hedge like (s), (en) or 'device or devices'", () => {
    const hedges = [
      /\p{L}\((s|en|n|x|es|e|er)\)/u, // appareil(s), onderde(e)l(en), connecté(e)
      /\b(\p{L}+) (of|or|ou) \1(s|en|n|x|es)\b/u, // apparaat of apparaten
      /\p{L}\/(s|en|x|es)\b/u, // item/s
    ];
    const found = everyText.filter(({ text }) => hedges.some((hedge) => hedge.test(text)));
    expect(found.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });

  test("promises nothing for later: what the screen says works today", () => {
    const later = /\b(straks|binnenkort|later|soon|coming|bientôt|prochainement|plus tard)\b/iu;
    const found = everyText.filter(({ text }) => later.test(text));
    expect(found.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });

  test("a name or other typed text never ends a sentence with a full stop of our own", () => {
    // A name may end in its own dot ("De Linde B.V."): `{{organization, endOfSentence}}`
    // adds the full stop only when the name has none. Values we produce
    // ourselves (numbers, dates, role names) and e-mail addresses cannot end in a dot.
    const ours = new Set([
      "email",
      "current",
      "count",
      "number",
      "seq",
      "minutes",
      "max",
      "date",
      "duration",
      "version",
      "role",
      "week",
      "hours",
    ]);
    const found = everyText.filter(({ text }) =>
      [...text.matchAll(/{{\s*(\w+)\s*}}\s*[.!?]/g)].some((m) => !ours.has(m[1] ?? "")),
    );
    expect(found.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });

  test("French puts a narrow no-break space before : ; ? ! and inside « »", () => {
    const narrow = "\u202f";
    const wrong = everyText.filter(
      ({ language, text }) =>
        language === "fr" &&
        (/[^\u202f][:;?!]/u.test(text.replace(/{{[^}]*}}/g, "")) ||
          /«[^\u202f]|[^\u202f]»/u.test(text)),
    );
    expect(wrong.map(({ where, text }) => `${where}: ${text.replaceAll(narrow, "⍽")}`)).toEqual([]);
  });
});
