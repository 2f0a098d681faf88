import { expect, test } from "vitest";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { medicalWordsIn, treatmentAndDiagnosisWords } from "#app/modules/content/medical-words.ts";
import { hubPageIds } from "#app/modules/hub/hub.ts";
import { languages } from "#app/modules/i18n/languages.ts";
import { loadGuides } from "./guides.server.ts";
import { guideIds } from "./guides.ts";

/** Every text of a value, with where it is: "steps.2.say.0.fr". */
function texts(value: unknown, where = ""): Array<[string, string]> {
  if (typeof value === "string") return [[where, value]];
  if (Array.isArray(value))
    return value.flatMap((entry, index) => texts(entry, `${where}.${index}`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, entry]) =>
      texts(entry, where ? `${where}.${key}` : key),
    );
  return [];
}

const guides = await loadGuides();

test("all six guides are there, each with every text in Dutch, English and French", () => {
  expect(Object.keys(guides).sort()).toEqual([...guideIds].sort());
  for (const guide of Object.values(guides)) {
    // The schema requires each triple; this shows the reader what a guide holds.
    expect(guide.steps.length, guide.id).toBeGreaterThanOrEqual(3);
    for (const language of languages) expect(guide.title[language], guide.id).not.toBe("");
    expect(
      guide.mayNotAsk.NL.length + guide.mayNotAsk.BE.length + guide.mayNotAsk.UK.length,
    ).toBeGreaterThan(2);
  }
});

test("no guide frames a diagnosis or a treatment (the medical deny-list, like the catalogue's)", () => {
  const found = Object.values(guides).flatMap((guide) => {
    const { sources: _sources, ...content } = guide;
    return texts(content, guide.id).flatMap(([where, text]) =>
      medicalWordsIn(text, treatmentAndDiagnosisWords).map(
        (word) => `${where}: ${word} in "${text}"`,
      ),
    );
  });
  expect(found).toEqual([]);
});

test("every adjustment an outcome names is in the catalogue, and every information page a guide links exists", async () => {
  const catalogue = await loadCatalogue();
  const ids = new Set(catalogue.adjustments.map((adjustment) => adjustment.id));
  for (const guide of Object.values(guides)) {
    for (const outcome of guide.outcomes)
      if (outcome.catalogueId)
        expect(ids.has(outcome.catalogueId), `${guide.id}.${outcome.id}`).toBe(true);
    for (const page of guide.hub) expect(hubPageIds as readonly string[], guide.id).toContain(page);
  }
});

test("the deny-list the guides are held to still catches treatment words but lets them name cancer", () => {
  expect(medicalWordsIn("tijdens de chemokuur", treatmentAndDiagnosisWords)).not.toEqual([]);
  expect(medicalWordsIn("a radiation appointment", treatmentAndDiagnosisWords)).not.toEqual([]);
  expect(medicalWordsIn("werken met kanker", treatmentAndDiagnosisWords)).toEqual([]);
});
