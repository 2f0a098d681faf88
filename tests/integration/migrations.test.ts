import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { createMigration, deployMigrations } from "#app/modules/db/migrations.server.ts";

// This file's database already holds every migration (cloned from the template).
// Migrations are made in a copy of prisma/, so the project's own files stay untouched.
const workdir = mkdtempSync(path.join(tmpdir(), "werkpad-migrations-"));
cpSync("prisma", workdir, { recursive: true });
const paths = {
  schemaPath: path.join(workdir, "schema.prisma"),
  migrationsDir: path.join(workdir, "migrations"),
};
const adapter = openAdapter(parseDatabaseUrl(process.env.DATABASE_URL));

afterAll(async () => {
  await adapter.close();
  rmSync(workdir, { recursive: true, force: true });
});

// Making a migration replays the whole history on a fresh embedded shadow
// database (initdb in WebAssembly, then every migration): seconds of CPU that
// grow with the history, so these tests get more time than the default.
describe("migrations through the wasm schema engine, without network access", {
  timeout: 90_000,
}, () => {
  test("deploy on an up-to-date database applies nothing", async () => {
    expect(await deployMigrations(adapter.factory, paths)).toEqual([]);
  });

  test("an unchanged schema writes no migration", async () => {
    const result = await createMigration("nothing", paths);
    expect(result).toEqual({
      created: false,
      reason: "the schema has no changes since the last migration",
    });
  });

  test("a schema change becomes a new migration file, which deploys to the database", async () => {
    writeFileSync(
      paths.schemaPath,
      `${readFileSync(paths.schemaPath, "utf8")}\nmodel MigrationProbe {\n  id String @id\n  note String?\n}\n`,
    );
    const result = await createMigration("add_probe", paths);
    if (!result.created) throw new Error(`expected a migration, got: ${result.reason}`);
    expect(result.name).toMatch(/^\d{14}_add_probe$/);
    expect(readFileSync(result.file, "utf8")).toContain('CREATE TABLE "MigrationProbe"');
    expect(await deployMigrations(adapter.factory, paths)).toEqual([result.name]);
    // The project's own history is untouched.
    expect(existsSync(path.join("prisma/migrations", result.name))).toBe(false);
  });

  test("a migration that fails stops the deploy, and is not recorded as applied", async () => {
    const broken = path.join(paths.migrationsDir, "29991231000000_broken");
    mkdirSync(broken);
    // The table exists already: PostgreSQL refuses this.
    writeFileSync(path.join(broken, "migration.sql"), 'CREATE TABLE "Case" ("id" TEXT);\n');
    await expect(deployMigrations(adapter.factory, paths)).rejects.toThrow();
    // Asked again, it still refuses: the failure was kept, not taken for success.
    await expect(deployMigrations(adapter.factory, paths)).rejects.toThrow();
  });
});
