/**
 * Load benchmark of the production server: `npm run build && npm run bench`.
 * Not part of the tests. Starts the built server on a fresh embedded database
 * (or on DATABASE_URL=postgres://… when given), loads each path with
 * autocannon and prints requests per second and latency percentiles.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 npm run bench
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { deployMigrations } from "#app/modules/db/migrations.server.ts";
import { startBuiltServer } from "./built-server.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3299);
const paths = (process.env.BENCH_PATHS ?? "/,/healthz").split(",");

if (!existsSync("build/server/index.js")) {
  console.error("Build first: npm run build && npm run bench");
  process.exit(1);
}

const scratch = process.env.DATABASE_URL
  ? undefined
  : mkdtempSync(path.join(tmpdir(), "werkpad-bench-"));
const databaseUrl = process.env.DATABASE_URL ?? `pglite:${scratch}`;
const location = parseDatabaseUrl(databaseUrl);
const adapter = openAdapter(location);
await deployMigrations(adapter.factory);
await adapter.close();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function load(urlPath: string) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${urlPath}`,
        connections,
        duration: seconds,
        headers: { "accept-language": "nl" },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon's own summary has no p95, so keep every response time.
    instance.on("response", (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  latencies.sort((a, b) => a - b);
  return {
    path: urlPath,
    "req/s": Math.round(result.requests.average),
    "p50 ms": percentile(latencies, 50).toFixed(1),
    "p95 ms": percentile(latencies, 95).toFixed(1),
    "p99 ms": percentile(latencies, 99).toFixed(1),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const server = await startBuiltServer(port, { DATABASE_URL: databaseUrl });
try {
  console.log(
    `Werkpad benchmark: ${location.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ` +
      `${connections} connections, ${seconds}s per path, Node ${process.version}\n`,
  );
  // Warm up the server (JIT, first database connection) before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 2, amount: 200 });
  const rows = [];
  for (const urlPath of paths) rows.push(await load(urlPath));
  console.table(rows);
} finally {
  server.kill("SIGTERM");
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
