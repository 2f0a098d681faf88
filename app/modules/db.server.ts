import { PrismaClient } from "#app/generated/prisma/client.ts";
import { openAdapter, parseDatabaseUrl } from "./db/adapter.server.ts";
import { meterAdapterFactory } from "./db/query-meter.server.ts";

/**
 * The one Prisma client of this process, on the database DATABASE_URL names.
 * Route modules never import it: capability modules under app/modules do.
 */
function connect() {
  const adapter = openAdapter(parseDatabaseUrl(process.env.DATABASE_URL));
  const client = new PrismaClient({ adapter: meterAdapterFactory(adapter.factory) });
  return {
    client,
    close: async () => {
      await client.$disconnect();
      await adapter.close();
    },
  };
}

// Kept on globalThis so that reloading modules in development does not open
// the embedded database a second time.
const globalForDb = globalThis as { werkpadDb?: ReturnType<typeof connect> };
globalForDb.werkpadDb ??= connect();
const connection = globalForDb.werkpadDb;

export const db = connection.client;
export type Db = typeof db;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Closes the database; an open embedded database would keep the process alive. */
export async function closeDb() {
  await connection.close();
  globalForDb.werkpadDb = undefined;
}

/** A database round trip, for the health check. */
export async function pingDb(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
