/**
 * Do existing and unknown addresses answer at the same speed? Not a test (a
 * timing test would be flaky): a probe to run by hand after changing the
 * account flows, `npm run build && node scripts/account-timing.ts`.
 *
 * Starts the built server on a fresh embedded database holding a few hundred
 * accounts, then asks, one request at a time and interleaved, for a reset
 * link, a sign-in link and a sign-up with an address that has an account and
 * with one that has none. Each request comes from its own IP address
 * (X-Forwarded-For; the server trusts one proxy) and each address is used
 * once, so no rate limit is reached. Prints the median and p90 per case.
 *
 *   TIMING_SAMPLES=150 TIMING_PORT=3302 node scripts/account-timing.ts
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBuiltServer } from "./built-server.ts";

const samples = Number(process.env.TIMING_SAMPLES ?? 150);
const warmUp = 20;
const port = Number(process.env.TIMING_PORT ?? 3302);
const origin = `http://127.0.0.1:${port}`;

if (!existsSync("build/server/index.js")) {
  console.error("Build first: npm run build && node scripts/account-timing.ts");
  process.exit(1);
}

const scratch = mkdtempSync(path.join(tmpdir(), "werkpad-timing-"));
const databaseUrl = `pglite:${scratch}`;
process.env.DATABASE_URL = databaseUrl;
const { openAdapter, parseDatabaseUrl } = await import("#app/modules/db/adapter.server.ts");
const { deployMigrations } = await import("#app/modules/db/migrations.server.ts");
const adapter = openAdapter(parseDatabaseUrl(databaseUrl));
await deployMigrations(adapter.factory);
await adapter.close();

// One fresh account per request that names an existing address.
const accountsNeeded = (samples + warmUp) * 3;
const { db, closeDb } = await import("#app/modules/db.server.ts");
await db.user.createMany({
  data: Array.from({ length: accountsNeeded }, (_, i) => ({
    email: `existing-${i}@timing.test`,
    name: `Existing ${i}`,
  })),
});
await closeDb();

let requests = 0;
async function timedPost(urlPath: string, fields: Record<string, string>): Promise<number> {
  requests += 1;
  const started = performance.now();
  const response = await fetch(`${origin}${urlPath}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      "X-Forwarded-For": `10.${(requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}`,
    },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status >= 400) throw new Error(`${urlPath} answered ${response.status}`);
  return elapsed;
}

const cases = {
  "forgot-password": (email: string) => timedPost("/forgot-password", { email }),
  "sign-in link": (email: string) => timedPost("/signin/link", { email }),
  "sign-up": (email: string) =>
    timedPost("/signup", {
      organizationName: "Timing BV",
      country: "NL",
      language: "en",
      name: "Timing",
      email,
      password: "a long walk past the old mill",
    }),
};
type Case = keyof typeof cases;

const times = new Map<string, number[]>();
let existing = 0;
let unknown = 0;
async function round(record: boolean, index: number) {
  for (const [name, run] of Object.entries(cases) as Array<
    [Case, (email: string) => Promise<number>]
  >) {
    const pair = [
      ["existing", () => run(`existing-${existing++}@timing.test`)],
      ["unknown", () => run(`unknown-${unknown++}@timing.test`)],
    ] as const;
    // Alternate which goes first, so neither profits from the other's warm caches.
    for (const [kind, request] of index % 2 === 0 ? pair : [...pair].reverse()) {
      const elapsed = await request();
      if (!record) continue;
      const key = `${name} | ${kind}`;
      times.set(key, [...(times.get(key) ?? []), elapsed]);
    }
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const server = await startBuiltServer(port, { DATABASE_URL: databaseUrl, TRUST_PROXY: "1" });
try {
  for (let i = 0; i < warmUp; i++) await round(false, i);
  for (let i = 0; i < samples; i++) await round(true, i);
  console.log(
    `Account timing: ${samples} requests per case, embedded PGlite, Node ${process.version}\n`,
  );
  console.table(
    [...times].map(([key, values]) => ({
      case: key,
      "median ms": percentile(values, 50).toFixed(1),
      "p90 ms": percentile(values, 90).toFixed(1),
    })),
  );
} finally {
  server.kill("SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
}
