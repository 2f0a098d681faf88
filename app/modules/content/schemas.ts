import { z } from "zod";

/**
 * The building blocks of content schemas (the catalogue, the guides, the
 * information hub), with messages for the people who write the files.
 */
export function text(max: number) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? "missing" : "must be text"),
    })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`);
}

/** One text in each of Werkpad's languages; all three are required. */
export function translated(max: number) {
  return z.strictObject(
    { nl: text(max), en: text(max), fr: text(max) },
    { error: (issue) => (issue.input === undefined ? "missing" : undefined) },
  );
}

/** A source a text rests on: its title and an http(s) address. */
export const sourceSchema = z.strictObject({
  title: text(200),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) address" }),
});
