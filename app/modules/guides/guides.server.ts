import { defineContent } from "#app/modules/content/content.server.ts";
import { type Guides, guideFiles, guidesSchema } from "./guides.ts";

/** The conversation guides, from `templates/guides/`: read and validated once per process. */
export const guidesContent = defineContent({
  what: "The conversation guides",
  folder: "guides",
  files: guideFiles,
  schema: guidesSchema,
});

export function loadGuides(): Promise<Guides> {
  return guidesContent.load() as Promise<Guides>;
}
