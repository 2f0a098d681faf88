import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import {
  type Catalogue,
  CatalogueError,
  type CatalogueProblem,
  catalogueFiles,
  parseCatalogue,
} from "./catalog.ts";

/**
 * Where the catalogue's files are: `templates/catalogue/` under the working
 * directory (the project root, for the dev server, the production build and the tests).
 */
export function catalogueDirectory(): string {
  return path.resolve(process.cwd(), "templates", "catalogue");
}

/** A file's name for messages: relative to the working directory when inside it. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

async function readYaml(file: string): Promise<unknown> {
  const name = displayName(file);
  const problem = (message: string): CatalogueProblem => ({ file: name, where: "", message });
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CatalogueError([problem(`cannot be read (${code})`)]);
  }
  try {
    return parse(source, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new CatalogueError([problem(`is not valid YAML: ${(error as Error).message}`)]);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Reads, parses and validates the catalogue in `directory`, every time (no cache).
 * Throws a CatalogueError naming the file and the problem.
 */
export async function readCatalogue(directory = catalogueDirectory()): Promise<Catalogue> {
  const files = {
    effects: path.join(directory, catalogueFiles.effects),
    adjustments: path.join(directory, catalogueFiles.adjustments),
  };
  // Both files are read, and every problem reported in the same order, whichever fails first.
  const results = await Promise.allSettled([readYaml(files.effects), readYaml(files.adjustments)]);
  const problems = results.flatMap((result) =>
    result.status === "rejected" && result.reason instanceof CatalogueError
      ? result.reason.problems
      : [],
  );
  if (problems.length > 0) throw new CatalogueError(problems);
  const [effects, adjustments] = results.map((result) => {
    if (result.status === "rejected") throw result.reason;
    return result.value;
  });
  const catalogue = parseCatalogue(
    { effects, adjustments },
    { effects: displayName(files.effects), adjustments: displayName(files.adjustments) },
  );
  return deepFreeze(catalogue);
}

let cached: Promise<Catalogue> | undefined;

/**
 * The catalogue from `templates/catalogue/`, read and validated once per process
 * and kept in memory (frozen: callers must not change it). A failed read is not
 * cached, so the next call tries again.
 */
export function loadCatalogue(): Promise<Catalogue> {
  cached ??= readCatalogue().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
