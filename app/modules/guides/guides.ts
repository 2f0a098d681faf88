import { z } from "zod";
import { sourceSchema, translated } from "#app/modules/content/schemas.ts";

/**
 * Conversation guides: product content kept as data in `templates/guides/`,
 * one YAML file per guide, in Dutch, English and French. Pure: the schema and
 * types, no I/O (`guides.server.ts` reads the files through the content loader).
 *
 * A guide leads a manager through one conversation (DOMAIN.md §5): why it is
 * held, how to prepare, the steps with example phrasings, what not to say and
 * what to ask, what the employer may not ask or record in each country, the
 * outcomes to capture (each of which can become a plan proposal) and the
 * follow-up. Its `employee` part is what the employee sees to prepare.
 */
export const guideIds = [
  "first-conversation",
  "keeping-in-touch",
  "planning-the-return",
  "review-meeting",
  "talking-with-colleagues",
  "carers",
] as const;
export type GuideId = (typeof guideIds)[number];

export const guideFiles = Object.fromEntries(guideIds.map((id) => [id, `${id}.yaml`])) as Record<
  GuideId,
  string
>;

/** What an outcome becomes when it is turned into a plan proposal. */
export const outcomeKinds = [
  "ADJUSTMENT",
  "AGREEMENT",
  "REVIEW",
  "SCHEDULE_PHASE",
  "COLLEAGUES",
] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

const list = (max: number, at = 1) =>
  z.array(translated(max)).min(at, `must have at least ${at} entr${at === 1 ? "y" : "ies"}`);
const slug = z
  .string({ error: "must be an id" })
  .regex(/^[a-z]+(-[a-z]+)*$/, "must be lower-case words joined by hyphens");

const stepSchema = z.strictObject({
  id: slug,
  title: translated(120),
  /** What this step is for, in a sentence or two. */
  intro: translated(600),
  /** Example phrasings the manager can use or adapt. */
  say: list(300),
  /** What not to say, and why, in a few words. */
  avoid: list(300),
  /** Open questions to ask. */
  ask: list(300),
});

const outcomeSchema = z.strictObject({
  id: slug,
  kind: z.enum(outcomeKinds),
  /** What to capture, as the manager sees it during the meeting. */
  label: translated(160),
  /** A hint for the note: what a good outcome says. */
  hint: translated(300),
  /** For an adjustment: the catalogue adjustment it usually is, if any. */
  catalogueId: z
    .string()
    .regex(/^[A-Z][0-9]{2}$/)
    .optional(),
});

export const guideSchema = z.strictObject({
  id: z.enum(guideIds),
  title: translated(120),
  /** One line for the list of guides. */
  summary: translated(300),
  purpose: translated(800),
  /** How to prepare: a checklist. */
  prepare: list(300, 3),
  steps: z.array(stepSchema).min(3, "must have at least 3 steps"),
  /** What the employer may not ask or record, per country (DOMAIN.md §1.4, §2.5, §3). */
  mayNotAsk: z.strictObject({ NL: list(400), BE: list(400), UK: list(400) }),
  outcomes: z.array(outcomeSchema).min(2, "must have at least 2 outcomes"),
  followUp: list(400),
  /** What the employee sees to prepare (DOMAIN.md §5). */
  employee: z.strictObject({
    intro: translated(600),
    /** What you may want to think about. */
    think: list(300, 2),
    /** What you never have to tell your employer. */
    neverTell: list(300, 2),
    /** Your rights, in plain words. */
    rights: list(400, 2),
  }),
  /** Information pages (templates/hub/) that give context. */
  hub: z.array(slug).default([]),
  sources: z.array(sourceSchema).min(1, "must name at least one source"),
});

export type Guide = z.output<typeof guideSchema>;
export type GuideText = Guide["title"];

export const guidesSchema = z
  .record(z.enum(guideIds), guideSchema)
  .superRefine((guides, context) => {
    for (const [file, guide] of Object.entries(guides)) {
      if (guide.id !== file)
        context.addIssue({
          code: "custom",
          path: [file, "id"],
          message: `must be "${file}", the file's name`,
        });
      const stepIds = guide.steps.map((step) => step.id);
      const outcomeIds = guide.outcomes.map((outcome) => outcome.id);
      for (const [what, ids] of [
        ["steps", stepIds],
        ["outcomes", outcomeIds],
      ] as const)
        ids.forEach((id, index) => {
          if (ids.indexOf(id) !== index)
            context.addIssue({
              code: "custom",
              path: [file, what, index, "id"],
              message: `"${id}" is used twice`,
            });
        });
    }
  });

export type Guides = Record<GuideId, Guide>;
