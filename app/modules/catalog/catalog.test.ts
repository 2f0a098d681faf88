import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { templatesDirectory } from "#app/modules/content/content.server.ts";
import { ContentError } from "#app/modules/content/content.ts";
import { folded, medicalWords } from "#app/modules/content/medical-words.ts";
import { languages } from "#app/modules/i18n/languages.ts";
import { catalogueContent, loadCatalogue } from "./catalog.server.ts";

const catalogueDirectory = () => path.join(templatesDirectory(), "catalogue");
const readCatalogue = (directory?: string) => catalogueContent.read(directory);

import {
  adjustmentCategories,
  type Catalogue,
  findAdjustment,
  findEffect,
  parseCatalogue,
  searchAdjustments,
  suggestAdjustments,
} from "./catalog.ts";

/** The rows of DOMAIN.md §4, in order. */
const domainIds = [
  ...["A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11"],
  ...["B01", "B02", "B03", "B04", "B05", "C01", "C02", "C03", "D01", "D02", "D03", "D04"],
  ...["E01", "E02", "F01", "G01", "G02", "G03", "G04", "H01", "I01", "I02", "I03"],
  ...["J01", "J02", "J03", "K01", "L01", "L02"],
];

/** Rows DOMAIN.md §4 marks UNCONFIRMED. */
const unconfirmedIds = ["F01", "H01", "K01"];

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadCatalogue();
});

describe("the catalogue in templates/catalogue", () => {
  test("loads, validates, and is cached", async () => {
    expect(catalogue.effects.length).toBeGreaterThanOrEqual(12);
    expect(catalogue.effects.length).toBeLessThanOrEqual(18);
    expect(await loadCatalogue()).toBe(catalogue);
    expect(Object.isFrozen(catalogue.adjustments[0])).toBe(true);
    // A fresh read gives the same content.
    expect(await readCatalogue()).toEqual(catalogue);
  });

  test("holds exactly the adjustments of DOMAIN.md §4; extras use other ids", () => {
    const ids = catalogue.adjustments.map((adjustment) => adjustment.id);
    expect(domainIds).toHaveLength(40);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => domainIds.includes(id))).toEqual(domainIds);
  });

  test("every text is there in nl, en and fr", () => {
    for (const item of [...catalogue.effects, ...catalogue.adjustments]) {
      const texts =
        "label" in item ? [item.label, item.description] : [item.title, item.description];
      for (const text of texts) {
        for (const language of languages) {
          expect(text[language].trim(), `${item.id} ${language}`).not.toBe("");
        }
      }
    }
  });

  test("no medical words in titles, descriptions or effect labels", () => {
    const texts = [
      ...catalogue.effects.flatMap((effect) =>
        languages.flatMap((language) => [
          [`effect ${effect.id} label.${language}`, effect.label[language]],
          [`effect ${effect.id} description.${language}`, effect.description[language]],
        ]),
      ),
      ...catalogue.adjustments.flatMap((adjustment) =>
        languages.flatMap((language) => [
          [`${adjustment.id} title.${language}`, adjustment.title[language]],
          [`${adjustment.id} description.${language}`, adjustment.description[language]],
        ]),
      ),
    ];
    const found = texts.flatMap(([where = "", text = ""]) =>
      medicalWords
        .filter((word) => word.test(folded(text)))
        .map((word) => `${where}: ${word} in "${text}"`),
    );
    expect(found).toEqual([]);
  });

  test("the deny-list catches what it is meant to catch", () => {
    for (const phrase of [
      "Tijdens de chemokuur",
      "hot flushes",
      "Lymfoedeem-vriendelijk",
      "douleurs neuropathiques",
      "stoma",
      "ménopause",
      "Bestraling",
      "after the diagnosis",
    ]) {
      expect(
        medicalWords.some((word) => word.test(folded(phrase))),
        phrase,
      ).toBe(true);
    }
    for (const phrase of ["behandeling en controles", "fatiguée", "Pauses toilettes", "painting"]) {
      expect(
        medicalWords.some((word) => word.test(folded(phrase))),
        phrase,
      ).toBe(false);
    }
  });

  test("every adjustment has a category, effects and sources; every effect is used", () => {
    for (const adjustment of catalogue.adjustments) {
      expect(adjustmentCategories).toContain(adjustment.category);
      expect(adjustment.effects.length, adjustment.id).toBeGreaterThan(0);
      expect(adjustment.sources.length, adjustment.id).toBeGreaterThan(0);
      for (const source of adjustment.sources) {
        expect(catalogue.sources[source], `${adjustment.id} ${source}`).toMatch(/^https?:\/\//);
      }
    }
    const used = new Set(catalogue.adjustments.flatMap((adjustment) => adjustment.effects));
    expect(catalogue.effects.map((effect) => effect.id).filter((id) => !used.has(id))).toEqual([]);
    const cited = new Set(catalogue.adjustments.flatMap((adjustment) => adjustment.sources));
    expect(Object.keys(catalogue.sources).filter((id) => !cited.has(id))).toEqual([]);
  });

  test("marks the UNCONFIRMED rows low confidence, and only those", () => {
    const low = catalogue.adjustments.filter((adjustment) => adjustment.confidence === "low");
    expect(low.map((adjustment) => adjustment.id)).toEqual(unconfirmedIds);
  });
});

describe("validation", () => {
  let documents: { effects: Record<string, unknown>; adjustments: Record<string, unknown> };

  beforeAll(async () => {
    const directory = catalogueDirectory();
    documents = {
      effects: parse(await readFile(path.join(directory, "effects.yaml"), "utf8")),
      adjustments: parse(await readFile(path.join(directory, "adjustments.yaml"), "utf8")),
    };
  });

  /** A deep copy of the real documents, changed by `change`. */
  function broken(change: (docs: typeof documents) => void) {
    const copy = structuredClone(documents);
    change(copy);
    return copy;
  }

  function messageOf(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return (error as Error).message;
    }
    throw new Error("expected a ContentError");
  }

  const adjustment = (docs: typeof documents, index: number) =>
    (docs.adjustments.adjustments as Record<string, unknown>[])[index] ?? {};
  const effect = (docs: typeof documents, index: number) =>
    (docs.effects.effects as Record<string, unknown>[])[index] ?? {};

  test("the real documents parse", () => {
    expect(parseCatalogue(documents).adjustments).toHaveLength(catalogue.adjustments.length);
  });

  test("a missing translation names the file, the item and the language", () => {
    const docs = broken((d) => {
      delete (adjustment(d, 3).title as Record<string, string>).fr;
      (effect(d, 1).label as Record<string, string>).nl = "  ";
    });
    const message = messageOf(() => parseCatalogue(docs));
    expect(message).toContain("adjustments.yaml: adjustments[3] (A04).title.fr: missing");
    expect(message).toContain("effects.yaml: effects[1] (workload).label.nl: must not be empty");
  });

  test("an unknown effect names it and the adjustment", () => {
    const docs = broken((d) => {
      adjustment(d, 0).effects = ["energy", "fatigue"];
    });
    const message = messageOf(() => parseCatalogue(docs));
    expect(message).toContain(
      'adjustments.yaml: adjustments[0] (A01).effects[1]: unknown effect "fatigue"',
    );
  });

  test("a duplicate id is refused, in either file", () => {
    const docs = broken((d) => {
      adjustment(d, 5).id = "A01";
      effect(d, 2).id = "energy";
    });
    const message = messageOf(() => parseCatalogue(docs));
    expect(message).toContain(
      'adjustments[5] (A01).id: duplicate id "A01" (also at adjustments[0])',
    );
    expect(message).toContain('effects[2] (energy).id: duplicate id "energy" (also at effects[0])');
  });

  test("unknown sources, categories, keys and bad ids are refused", () => {
    const docs = broken((d) => {
      adjustment(d, 1).sources = ["C4", "Z99"];
      adjustment(d, 2).category = "wellbeing";
      adjustment(d, 4).descripton = adjustment(d, 4).description;
      adjustment(d, 6).id = "a7";
      adjustment(d, 7).effects = [];
    });
    const message = messageOf(() => parseCatalogue(docs));
    expect(message).toContain('adjustments[1] (A02).sources[1]: unknown source "Z99"');
    expect(message).toContain("adjustments[2] (A03).category: must be one of hours, pace");
    expect(message).toContain('adjustments[4] (A05): Unrecognized key: "descripton"');
    expect(message).toContain("adjustments[6] (a7).id: must be a capital letter and two digits");
    expect(message).toContain("adjustments[7] (A08).effects: must name at least one effect id");
  });

  test("a document of the wrong shape says what it should hold", () => {
    const message = messageOf(() =>
      parseCatalogue({ effects: null, adjustments: { adjustments: [null], sources: {} } }),
    );
    expect(message).toContain("effects.yaml: must hold an `effects:` list");
    expect(message).toContain("adjustments.yaml: adjustments[0]: must be an adjustment with id");
  });

  test("readCatalogue names the file that cannot be read or parsed", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "werkpad-catalogue-"));
    try {
      await expect(readCatalogue(directory)).rejects.toThrow(
        /effects\.yaml: cannot be read \(ENOENT\)/,
      );
      const source = path.join(catalogueDirectory(), "adjustments.yaml");
      await writeFile(path.join(directory, "adjustments.yaml"), await readFile(source, "utf8"));
      await writeFile(
        path.join(directory, "effects.yaml"),
        "effects:\n  - id: energy\n   label: [",
      );
      await expect(readCatalogue(directory)).rejects.toThrow(/effects\.yaml: is not valid YAML/);
      await writeFile(path.join(directory, "effects.yaml"), "effects:\n  - id: energy\n");
      const error = await readCatalogue(directory).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems[0]?.file).toBe(path.join(directory, "effects.yaml"));
      expect((error as Error).message).toContain("effects[0] (energy).label: missing");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("searchAdjustments", () => {
  const ids = (adjustments: { id: string }[]) => adjustments.map((adjustment) => adjustment.id);

  test("without filters gives the whole catalogue in order", () => {
    expect(ids(searchAdjustments(catalogue, { language: "en" }))).toEqual(
      ids(catalogue.adjustments),
    );
    expect(ids(searchAdjustments(catalogue, { query: "  ", effects: [], language: "nl" }))).toEqual(
      ids(catalogue.adjustments),
    );
  });

  test("ignores case and accents, in the chosen language", () => {
    // "fatiguée" in the French text of A04
    expect(ids(searchAdjustments(catalogue, { query: "fatigue", language: "fr" }))).toContain(
      "A04",
    );
    expect(ids(searchAdjustments(catalogue, { query: "ÉNERGIE", language: "fr" }))).toContain(
      "A03",
    );
    expect(ids(searchAdjustments(catalogue, { query: "energie", language: "fr" }))).toContain(
      "A03",
    );
    expect(ids(searchAdjustments(catalogue, { query: "coeur", language: "fr" }))).toEqual(["A10"]);
    expect(ids(searchAdjustments(catalogue, { query: "Eén taak", language: "nl" }))).toEqual([
      "B04",
    ]);
  });

  test("a Dutch query finds Dutch titles, not English ones", () => {
    expect(ids(searchAdjustments(catalogue, { query: "thuiswerken", language: "nl" }))).toEqual([
      "A06",
      "E01",
    ]);
    expect(searchAdjustments(catalogue, { query: "thuiswerken", language: "en" })).toEqual([]);
    expect(ids(searchAdjustments(catalogue, { query: "toilet", language: "nl" }))).toEqual([
      "G01",
      "G02",
      "G03",
    ]);
  });

  test("filters by effect (any of them) and by category, keeping catalogue order", () => {
    const toilet = searchAdjustments(catalogue, { effects: ["toilet-access"], language: "en" });
    expect(ids(toilet)).toEqual(["G01", "G02", "G03", "G04"]);
    const either = searchAdjustments(catalogue, {
      effects: ["visible-changes", "team-awareness"],
      language: "en",
    });
    expect(ids(either)).toEqual(["K01", "L02"]);
    const hours = searchAdjustments(catalogue, {
      category: "hours",
      effects: ["toilet-access"],
      language: "en",
    });
    expect(ids(hours)).toEqual(["G04"]);
    const combined = searchAdjustments(catalogue, {
      query: "temperature",
      category: "environment",
      language: "en",
    });
    expect(ids(combined)).toEqual(["E02", "H01"]);
    expect(searchAdjustments(catalogue, { category: "nonsense", language: "en" })).toEqual([]);
    expect(searchAdjustments(catalogue, { effects: ["nonsense"], language: "en" })).toEqual([]);
  });
});

describe("suggestAdjustments", () => {
  /** A small catalogue whose order and effects make the ranking visible. */
  const small = parseCatalogue({
    effects: {
      effects: ["energy", "workload", "temperature"].map((id) => ({
        id,
        label: { nl: id, en: id, fr: id },
        description: { nl: id, en: id, fr: id },
      })),
    },
    adjustments: {
      sources: { C1: "https://example.org/c1" },
      adjustments: [
        ["X01", ["temperature"]],
        ["X02", ["energy"]],
        ["X03", ["energy", "workload"]],
        ["X04", ["workload"]],
        ["X05", ["workload", "temperature", "energy"]],
      ].map(([id, effects]) => ({
        id,
        category: "pace",
        title: { nl: `${id}`, en: `${id}`, fr: `${id}` },
        description: { nl: "-", en: "-", fr: "-" },
        effects,
        sources: ["C1"],
      })),
    },
  });
  const ids = (adjustments: { id: string }[]) => adjustments.map((adjustment) => adjustment.id);

  test("ranks by how many of the effects each addresses, then catalogue order", () => {
    expect(ids(suggestAdjustments(small, ["energy", "workload"]))).toEqual([
      "X03",
      "X05",
      "X02",
      "X04",
    ]);
    expect(ids(suggestAdjustments(small, ["temperature"]))).toEqual(["X01", "X05"]);
    expect(ids(suggestAdjustments(small, ["energy", "energy"]))).toEqual(["X02", "X03", "X05"]);
  });

  test("no or unknown effects suggest nothing", () => {
    expect(suggestAdjustments(small, [])).toEqual([]);
    expect(suggestAdjustments(small, ["nonsense"])).toEqual([]);
  });

  test("on the real catalogue, every suggestion addresses a chosen effect", () => {
    const chosen = ["energy", "appointments"];
    const suggestions = suggestAdjustments(catalogue, chosen);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]?.effects).toEqual(expect.arrayContaining(chosen));
    for (const adjustment of suggestions) {
      expect(adjustment.effects.some((effect) => chosen.includes(effect))).toBe(true);
    }
  });
});

describe("findAdjustment and findEffect", () => {
  test("find by id, or give undefined", () => {
    expect(findAdjustment(catalogue, "G02")?.title.en).toBe("A private, accessible toilet");
    expect(findAdjustment(catalogue, "Z99")).toBeUndefined();
    expect(findEffect(catalogue, "energy")?.label.en).toBe("Energy and rest");
    expect(findEffect(catalogue, "fatigue")).toBeUndefined();
  });
});
