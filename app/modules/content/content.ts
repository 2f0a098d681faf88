import type { z } from "zod";

/**
 * Product content kept as data in `templates/` (the adjustments catalogue
 * today; conversation guides, information pages and statutory timelines
 * next): how problems in it are reported. Pure, so the schemas that use it
 * can be unit-tested without files. content.server.ts reads the files.
 */
export type ContentProblem = {
  /** The file the problem is in, e.g. "templates/catalogue/adjustments.yaml". */
  file: string;
  /** Where in the file, e.g. "adjustments[3] (A04).title.fr"; empty for the whole file. */
  where: string;
  message: string;
};

export class ContentError extends Error {
  override name = "ContentError";
  readonly problems: ContentProblem[];

  /** `what` names the content for people: "The adjustments catalogue". */
  constructor(what: string, problems: ContentProblem[]) {
    const lines = problems.map(
      (p) => `  - ${p.file}${p.where ? `: ${p.where}` : ""}: ${p.message}`,
    );
    super(`${what} is invalid:\n${lines.join("\n")}`);
    this.problems = problems;
  }
}

/** "adjustments[3] (A04).title.fr": the path in a document, with each item's id when it has one. */
export function describePath(document: unknown, path: readonly PropertyKey[]): string {
  let out = "";
  let node: unknown = document;
  for (const key of path) {
    if (typeof key === "number") {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === "object" ? (node as { id?: unknown }).id : undefined;
      if (typeof id === "string") out += ` (${id})`;
    } else {
      out += `${out ? "." : ""}${String(key)}`;
      node =
        node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out;
}

/**
 * Validates documents read from several files (keyed as the schema expects
 * them) and returns the content, or throws a ContentError that names the
 * file, the place in it and the problem. `fileNames` says how each key's
 * file is named in messages.
 */
export function parseContent<K extends string, S extends z.ZodType>(
  what: string,
  schema: S,
  documents: Record<K, unknown>,
  fileNames: Record<K, string>,
): z.output<S> {
  const result = schema.safeParse(documents);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue): ContentProblem => {
    const [part, ...path] = issue.path;
    const key = part as K;
    return {
      file: fileNames[key] ?? String(part),
      where: describePath(documents[key], path),
      message: issue.message,
    };
  });
  throw new ContentError(what, problems);
}

/**
 * A Markdown file with YAML front matter between `---` lines: the front
 * matter's fields and the text after it.
 */
export function splitFrontMatter(source: string): { frontMatter: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return match ? { frontMatter: match[1] ?? "", body: (match[2] ?? "").trim() } : null;
}
