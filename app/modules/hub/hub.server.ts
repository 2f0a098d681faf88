import { defineContent } from "#app/modules/content/content.server.ts";
import { type Hub, hubFiles, hubSchema } from "./hub.ts";

/** The information hub's pages, from `templates/hub/`: read and validated once per process. */
export const hubContent = defineContent({
  what: "The information hub",
  folder: "hub",
  files: hubFiles,
  schema: hubSchema,
});

export function loadHub(): Promise<Hub> {
  return hubContent.load() as Promise<Hub>;
}
