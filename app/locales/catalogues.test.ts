import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { languages } from "#app/modules/i18n/languages.ts";

// Every language must say everything English says, with the same placeholders,
// so no one meets a missing or half-translated text.
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

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const namespaces = readdirSync(path.join(dir, "en")).filter((file) => file.endsWith(".json"));

describe.each(namespaces)("catalogue %s", (namespace) => {
  const english = load("en", namespace);
  test.each(languages.filter((l) => l !== "en"))(
    "%s has the same keys and placeholders as en",
    (language) => {
      const other = load(language, namespace);
      expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(other)) {
        expect(text.trim(), `${language}:${key} is empty`).not.toBe("");
        expect(placeholders(text), `${language}:${key}`).toEqual(placeholders(english[key] ?? ""));
      }
    },
  );
});
