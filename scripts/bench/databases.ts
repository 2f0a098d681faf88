/**
 * The databases the benchmark runs on, each fresh and thrown away afterwards:
 * embedded PGlite in a temporary folder, and a new database on a PostgreSQL
 * server. Both get the migrations and the demo data, as `npm start` would.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { deployMigrations } from "#app/modules/db/migrations.server.ts";

export type DatabaseKind = "pglite" | "postgres";

export type BenchDatabase = {
  kind: DatabaseKind;
  /** For the tables: "PGlite" or "PostgreSQL 15.2 (werkpad_bench_…)". */
  label: string;
  /** The DATABASE_URL the server and the seed get. */
  url: string;
  /** Throws the database away; safe to call more than once. */
  drop(): Promise<void>;
};

export const databaseNames: Record<DatabaseKind, string> = {
  pglite: "PGlite",
  postgres: "PostgreSQL",
};

export function createPglite(): BenchDatabase {
  const folder = mkdtempSync(path.join(tmpdir(), "werkpad-bench-"));
  return {
    kind: "pglite",
    label: "PGlite (embedded)",
    url: `pglite:${folder}`,
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** The URL without its password, for printing. */
export function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** Runs `work` on a short-lived connection to the server's admin database. */
async function withServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's version when it answers at `adminUrl`, or why it does not. */
export async function probePostgres(
  adminUrl: string,
): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    const version = await withServer(adminUrl, async (client) => {
      const result = await client.query<{ server_version: string }>("SHOW server_version");
      // "15.20 (Debian 15.20-0+deb12u1)": the number is enough.
      return result.rows[0]?.server_version.split(" ")[0] ?? "?";
    });
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A new, empty database `werkpad_bench_<timestamp>` on the server at `adminUrl`. */
export async function createPostgres(adminUrl: string, version: string): Promise<BenchDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const name = `werkpad_bench_${stamp}`;
  await withServer(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    kind: "postgres",
    label: `PostgreSQL ${version} (${name})`,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: the server may still hold pooled connections if it was killed.
      await withServer(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

/** Applies the migrations and loads the demo data (prisma/seed.ts), as `npm start` does. */
export async function migrateAndSeed(databaseUrl: string) {
  const adapter = openAdapter(parseDatabaseUrl(databaseUrl));
  try {
    await deployMigrations(adapter.factory);
  } finally {
    await adapter.close();
  }
  // A process of its own: the seed opens the database through the app's one client (db.server.ts).
  const seeded = spawnSync(process.execPath, ["prisma/seed.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (seeded.status !== 0) throw new Error("seeding the demo data (prisma/seed.ts) failed");
}
