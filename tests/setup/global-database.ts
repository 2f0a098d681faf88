import type { TestProject } from "vitest/node";
import { prepareTemplate } from "./database-template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  project.provide("databaseTemplate", await prepareTemplate());
}
