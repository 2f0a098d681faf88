import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { ContentError, type ContentProblem, parseContent, splitFrontMatter } from "./content.ts";

/**
 * The one loader for everything in `templates/`: YAML files, and Markdown
 * files with YAML front matter (read as `{ ...frontMatter, body }`), validated
 * together by one Zod schema. Each kind of content is defined once with
 * defineContent() and loaded once per process (frozen: callers must not
 * change it); a mistake stops the server with a message naming the file, the
 * place and the problem. `app/modules/content/templates.test.ts` loads every
 * definition and checks that no file in templates/ goes unvalidated.
 */
export function templatesDirectory(): string {
  return path.resolve(process.cwd(), "templates");
}

/** A file's name for messages: relative to the working directory when inside it. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

async function readDocument(file: string): Promise<unknown> {
  const name = displayName(file);
  const problem = (message: string): ContentProblem => ({ file: name, where: "", message });
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw [problem(`cannot be read (${code})`)];
  }
  const markdown = file.endsWith(".md");
  const parts = markdown ? splitFrontMatter(source) : { frontMatter: source, body: "" };
  if (!parts) throw [problem("must start with front matter between two --- lines")];
  let data: unknown;
  try {
    data = parse(parts.frontMatter, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw [problem(`is not valid YAML: ${(error as Error).message}`)];
  }
  if (!markdown) return data;
  return { ...(data && typeof data === "object" ? data : {}), body: parts.body };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export type ContentDefinition<T> = {
  /** Names the content in messages: "The adjustments catalogue". */
  what: string;
  /** The folder under templates/ its files are in. */
  folder: string;
  /** The files it is read from, relative to `folder`. */
  files: () => string[];
  /** Reads, parses and validates the files in `directory`, every time (no cache). */
  read(directory?: string): Promise<T>;
  /** The content, read and validated once per process. A failed read is not kept. */
  load(): Promise<T>;
};

/**
 * Defines one kind of content: its files (by the key the schema gives each
 * document) and the schema that validates them together.
 */
export function defineContent<K extends string, S extends z.ZodType>(options: {
  what: string;
  folder: string;
  files: Record<K, string>;
  schema: S;
}): ContentDefinition<z.output<S>> {
  const { what, folder, files, schema } = options;
  const keys = Object.keys(files) as K[];
  let cached: Promise<z.output<S>> | undefined;

  async function read(directory = path.join(templatesDirectory(), folder)) {
    const paths = keys.map((key) => path.join(directory, files[key]));
    // Every file is read, and every problem reported in the same order, whichever fails first.
    const results = await Promise.allSettled(paths.map(readDocument));
    const problems = results.flatMap((result) =>
      result.status === "rejected" ? (result.reason as ContentProblem[]) : [],
    );
    if (problems.length > 0) throw new ContentError(what, problems);
    const documents = Object.fromEntries(
      keys.map((key, index) => [key, (results[index] as PromiseFulfilledResult<unknown>).value]),
    ) as Record<K, unknown>;
    const names = Object.fromEntries(
      keys.map((key, index) => [key, displayName(paths[index] ?? "")]),
    ) as Record<K, string>;
    return deepFreeze(parseContent(what, schema, documents, names));
  }

  return {
    what,
    folder,
    files: () => keys.map((key) => files[key]),
    read,
    load() {
      cached ??= read().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
  };
}
