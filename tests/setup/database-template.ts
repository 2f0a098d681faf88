import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openAdapter } from "#app/modules/db/adapter.server.ts";
import { deployMigrations } from "#app/modules/db/migrations.server.ts";

/**
 * Test databases. Every integration test file gets its own freshly migrated
 * database, cloned from a template that is migrated once per run (and reused
 * across runs while the migrations are unchanged):
 * - embedded PGlite by default: the template's data folder is copied;
 * - the PostgreSQL server when TEST_DATABASE_URL is set: CREATE DATABASE … TEMPLATE.
 */
const root = path.resolve("tests/.generated");

function migrationsFingerprint(): string {
  const hash = createHash("sha256");
  const dir = path.resolve("prisma/migrations");
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (existsSync(file)) hash.update(name).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 12);
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (or reuses) the migrated template; returns how to reach it. */
export async function prepareTemplate(): Promise<string> {
  const fingerprint = migrationsFingerprint();
  const url = serverUrl();
  if (url) {
    // Named after the admin database too, so runs against different admin
    // databases of one server (parallel checkouts) never drop each other's template.
    const name = `werkpad_template_${new URL(url).pathname.slice(1) || "postgres"}_${fingerprint}`;
    await admin(url, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
    const adapter = openAdapter({ kind: "postgres", url: withDatabase(url, name) });
    await deployMigrations(adapter.factory);
    await adapter.close();
    return name;
  }
  const dir = path.join(root, `pglite-template-${fingerprint}`);
  const marker = path.join(dir, ".migrated");
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const adapter = openAdapter({ kind: "pglite", dataDir: dir });
    await deployMigrations(adapter.factory);
    await adapter.close();
    writeFileSync(marker, fingerprint);
  }
  return dir;
}

/** A fresh database for one test file, cloned from the template; returns its DATABASE_URL and a disposer. */
export async function cloneTemplate(
  template: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const id = `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = serverUrl();
  if (url) {
    const name = `werkpad_test_${id}`;
    await cloneWithRetry(url, name, template);
    return {
      url: withDatabase(url, name),
      drop: () =>
        admin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => {},
        ),
    };
  }
  const dir = path.join(tmpdir(), "werkpad-tests", id);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(template, dir, { recursive: true });
  return {
    url: `pglite:${dir}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * PostgreSQL refuses to copy a template while another session uses it, and a
 * parallel test file's copy is such a session: wait for it and try again.
 */
async function cloneWithRetry(url: string, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(url, (client) =>
        client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
      );
      return;
    } catch (error) {
      const inUse = (error as { code?: string }).code === "55006";
      if (!inUse || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}
