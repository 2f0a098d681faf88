import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations run through the wasm schema
// engine (scripts/db.ts) because the CLI's native engine cannot be downloaded here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
