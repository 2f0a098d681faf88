import { defineContent } from "#app/modules/content/content.server.ts";
import { type Catalogue, catalogueFiles, catalogueSchema } from "./catalog.ts";

/**
 * The adjustments catalogue, from `templates/catalogue/` through the content
 * loader: read and validated once per process, and kept in memory.
 */
export const catalogueContent = defineContent({
  what: "The adjustments catalogue",
  folder: "catalogue",
  files: catalogueFiles,
  schema: catalogueSchema,
});

export function loadCatalogue(): Promise<Catalogue> {
  return catalogueContent.load();
}
