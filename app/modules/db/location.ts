import path from "node:path";

/**
 * Where the data lives, read from DATABASE_URL. Kept apart from the adapters
 * (adapter.server.ts) so that a process that only needs to know which kind of
 * database it is (the cluster's primary, server/cluster.ts) does not load the
 * database drivers.
 */
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
