import { readdirSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { catalogueContent } from "#app/modules/catalog/catalog.server.ts";
import { guidesContent } from "#app/modules/guides/guides.server.ts";
import { hubContent } from "#app/modules/hub/hub.server.ts";
import { timelinesContent } from "#app/modules/timelines/timelines.ts";
import { defineContent, templatesDirectory } from "./content.server.ts";
import { ContentError, splitFrontMatter } from "./content.ts";

/** Every kind of content in templates/. A new kind is added here, so its files are checked. */
const definitions = [catalogueContent, guidesContent, hubContent, timelinesContent];

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("templates/", () => {
  test("every kind of content loads and validates, once per process", async () => {
    for (const definition of definitions) {
      const content = await definition.load();
      expect(content).toBeTruthy();
      expect(await definition.load()).toBe(content);
      expect(Object.isFrozen(content)).toBe(true);
    }
  });

  test("no file in templates/ goes unvalidated", () => {
    const root = templatesDirectory();
    const claimed = new Set(
      definitions.flatMap((definition) =>
        definition.files().map((file) => path.join(root, definition.folder, file)),
      ),
    );
    const unclaimed = filesUnder(root).filter(
      (file) => !claimed.has(file) && path.basename(file) !== "README.md",
    );
    expect(unclaimed).toEqual([]);
  });
});

describe("the content loader", () => {
  test("reads Markdown with front matter as its fields and its text", async () => {
    expect(splitFrontMatter("---\ntitle: Hi\n---\n\nSome *text*.\n")).toEqual({
      frontMatter: "title: Hi",
      body: "Some *text*.",
    });
    expect(splitFrontMatter("No front matter")).toBeNull();
    const directory = await mkdtemp(path.join(tmpdir(), "werkpad-content-"));
    try {
      await writeFile(path.join(directory, "page.md"), "---\ntitle: Rules\n---\nRead this.\n");
      await writeFile(path.join(directory, "list.yaml"), "items: [a, b]\n");
      const pages = defineContent({
        what: "Test pages",
        folder: "test",
        files: { page: "page.md", list: "list.yaml" },
        schema: z.object({
          page: z.object({ title: z.string(), body: z.string().min(1) }),
          list: z.object({ items: z.array(z.string()) }),
        }),
      });
      expect(await pages.read(directory)).toEqual({
        page: { title: "Rules", body: "Read this." },
        list: { items: ["a", "b"] },
      });
      await writeFile(path.join(directory, "page.md"), "---\ntitle: 3\n---\n");
      const error = await pages.read(directory).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems.map((p) => p.where).sort()).toEqual([
        "body",
        "title",
      ]);
      expect((error as Error).message).toMatch(/^Test pages is invalid:/);
      await writeFile(path.join(directory, "page.md"), "no front matter here");
      await expect(pages.read(directory)).rejects.toThrow(/page\.md: must start with front matter/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
