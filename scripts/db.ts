/**
 * Database migrations without the Prisma CLI's native engine.
 *
 *   npm run db:migrate -- --name <name>   create a migration from a schema change and apply it
 *   npm run db:deploy                     apply pending migrations
 *   npm run db:reset                      delete the embedded database (PGlite only) and re-apply
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { createMigration, deployMigrations } from "#app/modules/db/migrations.server.ts";
import { envOrExit } from "#app/modules/env.server.ts";

const env = envOrExit();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" } },
});
const command = positionals[0];
const location = parseDatabaseUrl(env.DATABASE_URL);
const where =
  location.kind === "pglite" ? `embedded database in ${location.dataDir}` : "PostgreSQL server";

async function main(): Promise<number> {
  if (command === "reset") {
    if (location.kind !== "pglite") {
      console.error(
        "db:reset only deletes the embedded database; drop a server database yourself.",
      );
      return 1;
    }
    rmSync(location.dataDir, { recursive: true, force: true });
    console.log(`Deleted ${location.dataDir}.`);
  } else if (command === "migrate") {
    const name = values.name?.trim();
    if (!name || !/^[a-z0-9_]+$/i.test(name)) {
      console.error("Give the migration a name: npm run db:migrate -- --name add_cases");
      return 1;
    }
    const result = await createMigration(name);
    if (!result.created) {
      console.log(`No migration written: ${result.reason}.`);
      return 0;
    }
    console.log(`Wrote ${result.file}.`);
  } else if (command !== "deploy") {
    console.error("Usage: node scripts/db.ts deploy | migrate --name <name> | reset");
    return 1;
  }
  const adapter = openAdapter(location);
  try {
    const applied = await deployMigrations(adapter.factory);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to the ${where}: ${applied.join(", ")}`
        : `The ${where} is up to date.`,
    );
    return 0;
  } finally {
    await adapter.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
