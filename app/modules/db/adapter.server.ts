import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseLocation } from "./location.ts";

export { type DatabaseLocation, defaultDatabaseUrl, parseDatabaseUrl } from "./location.ts";

export type OpenedAdapter = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases what the adapter holds (the embedded database, or nothing for a pool Prisma owns). */
  close(): Promise<void>;
};

/** Opens a Prisma driver adapter factory for the location; both the app and migrations use it. */
export function openAdapter(location: DatabaseLocation): OpenedAdapter {
  if (location.kind === "pglite") {
    // PGlite does not create the parent folders of its data directory.
    mkdirSync(location.dataDir, { recursive: true });
    const pglite = new PGlite(location.dataDir);
    return {
      factory: new PrismaPGlite(pglite),
      close: async () => {
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  // A pool of up to 10 connections (pg's default) per process: WEB_CONCURRENCY
  // processes hold up to 10 each (docs/decisions/0020).
  return { factory: new PrismaPg({ connectionString: location.url }), close: async () => {} };
}
