import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** Where the data lives, read from DATABASE_URL. */
export type DatabaseLocation =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string };

export const defaultDatabaseUrl = "pglite:./data/pglite";

/**
 * `pglite:<folder>` (or nothing) means embedded PostgreSQL in that folder,
 * relative to the working directory; `postgres://…` means a PostgreSQL server.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseLocation {
  const url = value?.trim() || defaultDatabaseUrl;
  if (url.startsWith("pglite:")) {
    const folder = url.slice("pglite:".length) || "./data/pglite";
    return { kind: "pglite", dataDir: path.resolve(folder) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error("DATABASE_URL must start with pglite: or postgres://");
}

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
  return { factory: new PrismaPg({ connectionString: location.url }), close: async () => {} };
}
