import { z } from "zod";
import { parseContent } from "#app/modules/content/content.ts";
import { translated } from "#app/modules/content/schemas.ts";
import type { Language } from "#app/modules/i18n/languages.ts";

/**
 * The catalogue of reasonable adjustments: product content kept as data in
 * `templates/catalogue/` (effects.yaml and adjustments.yaml), validated here.
 * Pure: no I/O, so the browser can search a catalogue the server sent it.
 * `catalog.server.ts` reads the files through the content loader.
 */

/** The NL taxonomy (working hours, work pace, tasks, work environment) plus support & communication. */
export const adjustmentCategories = ["hours", "pace", "tasks", "environment", "support"] as const;
export type AdjustmentCategory = (typeof adjustmentCategories)[number];

/** The file each part of the catalogue comes from, as named in error messages. */
export const catalogueFiles = {
  effects: "effects.yaml",
  adjustments: "adjustments.yaml",
} as const;

// ── Schemas ─────────────────────────────────────────────────────────────────

const effectIdSchema = z
  .string({ error: "must be an effect id" })
  .regex(/^[a-z]+(-[a-z]+)*$/, "must be lower-case words joined by hyphens, e.g. energy");
const adjustmentIdSchema = z
  .string({ error: "must be an adjustment id" })
  .regex(/^[A-Z][0-9]{2}$/, "must be a capital letter and two digits, e.g. A01");
const sourceIdSchema = z
  .string({ error: "must be a source id" })
  .regex(/^[A-Z][0-9]+[a-z]?$/, "must be a source id such as C4 or S19b");

/** A list without repeats, naming the repeated value. */
function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item, { error: `must be a list of ${what}` })
    .min(1, `must name at least one ${what.replace(/s$/, "")}`)
    .superRefine((values, ctx) => {
      values.forEach((value, index) => {
        if (values.indexOf(value) !== index) {
          ctx.addIssue({ code: "custom", message: `"${value}" is listed twice`, path: [index] });
        }
      });
    });
}

/*
 * Cross-checks run even when another part of the document is invalid (`always`),
 * so that an editor sees every problem at once. They therefore read the
 * document defensively: what is not yet the right shape is skipped here and
 * reported by the schema itself.
 */
const always = { when: () => true };
type Loose = Record<string, unknown>;
const isLoose = (value: unknown): value is Loose => typeof value === "object" && value !== null;
const looseItems = (value: unknown): [Loose, number][] =>
  Array.isArray(value)
    ? value.flatMap((item, index): [Loose, number][] => (isLoose(item) ? [[item, index]] : []))
    : [];
const strings = (value: unknown): [string, number][] =>
  Array.isArray(value)
    ? value.flatMap((item, index): [string, number][] =>
        typeof item === "string" ? [[item, index]] : [],
      )
    : [];

/** Flags every id that appears more than once in a list of items. */
function uniqueIds(items: unknown, ctx: z.RefinementCtx, path: string) {
  const first = new Map<string, number>();
  for (const [item, index] of looseItems(items)) {
    if (typeof item.id !== "string") continue;
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, index);
    else {
      ctx.addIssue({
        code: "custom",
        message: `duplicate id "${item.id}" (also at ${path}[${seen}])`,
        path: [path, index, "id"],
      });
    }
  }
}

/** Replaces Zod's "expected object" with what the item should look like. */
function shapeError(shape: string) {
  return {
    error: (issue: { code?: string }) => (issue.code === "invalid_type" ? shape : undefined),
  };
}

export const effectSchema = z.strictObject(
  { id: effectIdSchema, label: translated(60), description: translated(250) },
  shapeError("must be an effect with id, label and description"),
);

export const effectsFileSchema = z
  .strictObject(
    {
      effects: z
        .array(effectSchema, { error: "must be a list" })
        .min(1, "must list at least one effect"),
    },
    shapeError("must hold an `effects:` list"),
  )
  .superRefine((file: unknown, ctx) => {
    if (isLoose(file)) uniqueIds(file.effects, ctx, "effects");
  }, always);

export const adjustmentSchema = z.strictObject(
  {
    id: adjustmentIdSchema,
    category: z.enum(adjustmentCategories, {
      error: `must be one of ${adjustmentCategories.join(", ")}`,
    }),
    title: translated(90),
    description: translated(600),
    effects: uniqueList(effectIdSchema, "effect ids"),
    sources: uniqueList(sourceIdSchema, "source ids"),
    /** Set where the domain brief marks the evidence UNCONFIRMED. */
    confidence: z.literal("low", { error: 'must be "low" or left out' }).optional(),
  },
  shapeError("must be an adjustment with id, category, title, description, effects and sources"),
);

export const adjustmentsFileSchema = z
  .strictObject(
    {
      adjustments: z
        .array(adjustmentSchema, { error: "must be a list" })
        .min(1, "must list at least one adjustment"),
      sources: z.record(
        sourceIdSchema,
        z.url({ protocol: /^https?$/, error: "must be a web address" }),
        { error: "must map source ids to web addresses" },
      ),
    },
    shapeError("must hold an `adjustments:` list and a `sources:` map"),
  )
  .superRefine((file: unknown, ctx) => {
    if (!isLoose(file)) return;
    uniqueIds(file.adjustments, ctx, "adjustments");
    if (!isLoose(file.sources)) return;
    const sources: Loose = file.sources;
    for (const [adjustment, index] of looseItems(file.adjustments)) {
      for (const [source, sourceIndex] of strings(adjustment.sources)) {
        if (!Object.hasOwn(sources, source)) {
          ctx.addIssue({
            code: "custom",
            message: `unknown source "${source}": add it to the sources map`,
            path: ["adjustments", index, "sources", sourceIndex],
          });
        }
      }
    }
  }, always);

/** Both files together, cross-checked: every effect an adjustment names exists in effects.yaml. */
export const catalogueSchema = z
  .object({ effects: effectsFileSchema, adjustments: adjustmentsFileSchema })
  .superRefine((documents: unknown, ctx) => {
    if (!isLoose(documents)) return;
    const { effects, adjustments } = documents;
    if (!isLoose(effects) || !isLoose(adjustments)) return;
    const known = new Set(
      looseItems(effects.effects).flatMap(([effect]) =>
        typeof effect.id === "string" ? [effect.id] : [],
      ),
    );
    if (known.size === 0) return;
    for (const [adjustment, index] of looseItems(adjustments.adjustments)) {
      for (const [effect, effectIndex] of strings(adjustment.effects)) {
        if (!known.has(effect)) {
          ctx.addIssue({
            code: "custom",
            message: `unknown effect "${effect}": add it to effects.yaml or use one of ${[...known].join(", ")}`,
            path: ["adjustments", "adjustments", index, "effects", effectIndex],
          });
        }
      }
    }
  }, always)
  .transform(({ effects, adjustments }) => ({
    effects: effects.effects,
    adjustments: adjustments.adjustments,
    sources: adjustments.sources,
  }));

// ── Types ───────────────────────────────────────────────────────────────────

export type TranslatedText = Record<Language, string>;
export type Effect = z.output<typeof effectSchema>;
export type Adjustment = z.output<typeof adjustmentSchema>;
export type Catalogue = z.output<typeof catalogueSchema>;

// ── Parsing with readable errors ────────────────────────────────────────────

/**
 * Validates the parsed contents of effects.yaml and adjustments.yaml and returns
 * the catalogue. Throws a ContentError naming the file, the place and the problem.
 * `fileNames` changes how the files are named in messages.
 */
export function parseCatalogue(
  documents: { effects: unknown; adjustments: unknown },
  fileNames: { effects: string; adjustments: string } = catalogueFiles,
): Catalogue {
  return parseContent("The adjustments catalogue", catalogueSchema, documents, fileNames);
}

// ── Queries ─────────────────────────────────────────────────────────────────

/** Lower case, without accents ("é" → "e", "œ" → "oe"), straight apostrophes, single spaces. */
function fold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[‘’ʼ]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

export type SearchOptions = {
  /** Words to find in the title or description (case and accents ignored); empty finds everything. */
  query?: string;
  /** Only adjustments addressing at least one of these effects; empty or left out for all. */
  effects?: string[];
  /** Only this category. */
  category?: string;
  /** The language whose title and description are searched. */
  language: Language;
};

/** The adjustments matching every given filter, in catalogue order. */
export function searchAdjustments(catalogue: Catalogue, options: SearchOptions): Adjustment[] {
  const query = fold(options.query ?? "");
  const effects = new Set(options.effects ?? []);
  return catalogue.adjustments.filter((adjustment) => {
    if (options.category !== undefined && adjustment.category !== options.category) return false;
    if (effects.size > 0 && !adjustment.effects.some((effect) => effects.has(effect))) return false;
    if (!query) return true;
    const { language } = options;
    return (
      fold(adjustment.title[language]).includes(query) ||
      fold(adjustment.description[language]).includes(query)
    );
  });
}

/**
 * The adjustments addressing any of the effects, those addressing the most of
 * them first, then in catalogue order. No effects, no suggestions.
 */
export function suggestAdjustments(catalogue: Catalogue, effects: string[]): Adjustment[] {
  const wanted = new Set(effects);
  return catalogue.adjustments
    .map((adjustment, index) => ({
      adjustment,
      index,
      matches: adjustment.effects.filter((effect) => wanted.has(effect)).length,
    }))
    .filter((entry) => entry.matches > 0)
    .sort((a, b) => b.matches - a.matches || a.index - b.index)
    .map((entry) => entry.adjustment);
}

export function findAdjustment(catalogue: Catalogue, id: string): Adjustment | undefined {
  return catalogue.adjustments.find((adjustment) => adjustment.id === id);
}

export function findEffect(catalogue: Catalogue, id: string): Effect | undefined {
  return catalogue.effects.find((effect) => effect.id === id);
}
