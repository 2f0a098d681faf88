/**
 * Load benchmark of the production server: `npm run build && npm run bench`.
 * Not part of the tests. Starts the built server on a fresh embedded database
 * (or on DATABASE_URL=postgres://… when given) with the demo data, signs in
 * as the demo HR person, loads each path with autocannon (signed in, except
 * the paths listed as signed out) and prints requests per second, latency
 * percentiles and the size of each answer.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 npm run bench
 *   BENCH_PATHS=/cases/demo-case-nl BENCH_AS=employee@demo.werkpad.test npm run bench
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openAdapter, parseDatabaseUrl } from "#app/modules/db/adapter.server.ts";
import { deployMigrations } from "#app/modules/db/migrations.server.ts";
import { demoPassword } from "../prisma/demo.ts";
import { startBuiltServer } from "./built-server.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3299);
const paths = (process.env.BENCH_PATHS ?? "/,/healthz,/cases,/cases/demo-case-nl").split(",");
/** Paths measured without signing in: the public ones. */
const signedOut = new Set(["/", "/healthz"]);
const signInAs = process.env.BENCH_AS ?? "hr@demo.werkpad.test";
/** The server's public address: forms are accepted from it only. */
const appUrl = `http://127.0.0.1:${port}`;

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
const seeded = spawnSync(process.execPath, ["prisma/seed.ts"], {
  env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
if (seeded.status !== 0) throw new Error("seeding the demo data failed");

/** Signs in through the sign-in form, as a browser on the app's own address would; the session cookie. */
async function signIn(email: string): Promise<string> {
  const response = await fetch(`${appUrl}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
    body: new URLSearchParams({ email, password: demoPassword }),
  });
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith("werkpad_session="));
  if (!cookie) throw new Error(`signing in as ${email} failed (${response.status})`);
  return cookie.split(";")[0] ?? "";
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function load(urlPath: string, cookie: string) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${appUrl}${urlPath}`,
        connections,
        duration: seconds,
        headers: { "accept-language": "nl", ...(signedOut.has(urlPath) ? {} : { cookie }) },
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
    "KB/answer": (result.throughput.total / Math.max(1, result.requests.total) / 1024).toFixed(1),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const server = await startBuiltServer(port, { DATABASE_URL: databaseUrl, APP_URL: appUrl });
try {
  console.log(
    `Werkpad benchmark: ${location.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ` +
      `${connections} connections, ${seconds}s per path, Node ${process.version}\n`,
  );
  // Warm up the server (JIT, first database connection) before measuring.
  await autocannon({ url: `${appUrl}/`, connections: 2, amount: 200 });
  const cookie = await signIn(signInAs);
  const rows = [];
  for (const urlPath of paths) rows.push(await load(urlPath, cookie));
  console.table(rows);
} finally {
  server.kill("SIGTERM");
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
