import { z } from "zod";
import { sourceSchema, translated } from "#app/modules/content/schemas.ts";

/**
 * The information hub: pages on rules, rights, roles, referral routes and
 * carers' leave, per country, in Dutch, English and French, kept as data in
 * `templates/hub/` (one YAML file per page). Pure: the schema and types, no
 * I/O (`hub.server.ts` reads the files through the content loader).
 */
export const hubCountries = ["NL", "BE", "UK"] as const;
export type HubCountry = (typeof hubCountries)[number];

export const hubTopics = ["rights", "roles", "referral", "carers"] as const;
export type HubTopic = (typeof hubTopics)[number];

/** Every page: its file is `<id>.yaml`. A page's id never changes (plan items and guides link to it). */
export const hubPageIds = [
  "nl-rights",
  "nl-roles",
  "nl-referral",
  "nl-carers",
  "be-rights",
  "be-roles",
  "be-referral",
  "be-carers",
  "uk-rights",
  "uk-roles",
  "uk-referral",
  "uk-carers",
] as const;
export type HubPageId = (typeof hubPageIds)[number];

export const hubFiles = Object.fromEntries(hubPageIds.map((id) => [id, `${id}.yaml`])) as Record<
  HubPageId,
  string
>;

const sectionSchema = z.strictObject({
  heading: translated(120),
  /** Paragraphs of plain text. */
  paragraphs: z.array(translated(1200)).default([]),
  /** A list, after the paragraphs. */
  bullets: z.array(translated(400)).default([]),
});

/**
 * A statutory or professional term the page explains ("plan van aanpak",
 * "re-integratietraject", "fit note"): pages that use the term link here.
 */
const termSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+(-[a-z]+)*$/, "must be lower-case words joined by hyphens"),
  name: translated(80),
  /** One sentence, for a tooltip or a short explanation beside the term. */
  short: translated(300),
});

export const hubPageSchema = z.strictObject({
  id: z.enum(hubPageIds),
  country: z.enum(hubCountries),
  topic: z.enum(hubTopics),
  title: translated(120),
  summary: translated(400),
  sections: z.array(sectionSchema).min(1, "must have at least one section"),
  terms: z.array(termSchema).default([]),
  sources: z.array(sourceSchema).min(1, "must name at least one source"),
  /** When the page was last checked against its sources (YYYY-MM-DD). */
  checked: z.iso.date({ error: "must be a date like 2026-11-30" }),
});

export type HubPage = z.output<typeof hubPageSchema>;

export const hubSchema = z
  .record(z.enum(hubPageIds), hubPageSchema)
  .superRefine((pages, context) => {
    const terms = new Map<string, string>();
    for (const [file, page] of Object.entries(pages)) {
      if (page.id !== file)
        context.addIssue({
          code: "custom",
          path: [file, "id"],
          message: `must be "${file}", the file's name`,
        });
      if (!file.startsWith(`${page.country.toLowerCase()}-`) || !file.endsWith(`-${page.topic}`))
        context.addIssue({
          code: "custom",
          path: [file, "country"],
          message: `the file's name says "${file}"; country and topic must match it`,
        });
      for (const term of page.terms) {
        const other = terms.get(term.id);
        if (other)
          context.addIssue({
            code: "custom",
            path: [file, "terms"],
            message: `the term "${term.id}" is explained on ${other} already`,
          });
        terms.set(term.id, file);
      }
    }
  });

export type Hub = Record<HubPageId, HubPage>;
