/**
 * Benchmark of the production server (issue 9): `npm run build && npm run bench`.
 * Not part of the tests; README.md ("Benchmarks") shows a run and explains it.
 *
 * For each database (fresh PGlite, and a fresh database on the PostgreSQL
 * server at BENCH_POSTGRES_URL when one answers) it loads the demo data,
 * starts the built server, signs in as the demo accounts and prints:
 *
 * - per path: req/s, p50/p95/p99, errors and bytes under BENCH_CONNECTIONS,
 *   against a bare node:http server answering the same bytes (the floor) and
 *   against the home page; then where a lone request's time goes, from the
 *   app's Server-Timing header;
 * - the plan page under heavy load against the latency of a lone request;
 * - the weight of the plan page: HTML, and the JavaScript it loads gzipped;
 * - growth: Bulk BV's pages (prisma/bulk.ts) against the demo's;
 *
 * and ends with the issue's targets as PASS/FAIL lines. A missed target does
 * not fail the run; a path that does not answer 200, or a broken setup, does.
 *
 *   BENCH_DATABASES=pglite|postgres   one database only (default: both)
 *   BENCH_POSTGRES_URL=postgres://…    the server's admin database (a database is created next to it)
 *   BENCH_SECONDS=10 BENCH_FLOOR_SECONDS=5 BENCH_CONNECTIONS=10
 *   BENCH_LOAD_SECONDS=30 BENCH_LOAD_CONNECTIONS=50 BENCH_PORT=3400 (and +1 for the floor)
 *   WEB_CONCURRENCY                    passed on to the server
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import os from "node:os";
import { fetchAnswer, signIn } from "./bench/app-client.ts";
import {
  type BenchDatabase,
  createPglite,
  createPostgres,
  type DatabaseKind,
  databaseNames,
  migrateAndSeed,
  probePostgres,
  redacted,
} from "./bench/databases.ts";
import { type Answer, startFloor } from "./bench/floor.ts";
import { kb, markdownTable, ms, percent, whole } from "./bench/format.ts";
import { type GrowthSetup, growthReport, measureGrowth, seedGrowth } from "./bench/growth.ts";
import { type Headers, type LoneSample, type Run, run, sampleLone } from "./bench/measure.ts";
import { type ScriptWeight, weighScripts } from "./bench/weight.ts";
import { startBuiltServer } from "./built-server.ts";

// ---------------------------------------------------------------- settings

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function databasesFrom(value: string | undefined): DatabaseKind[] {
  const kinds = (value ?? "pglite,postgres").split(",").map((kind) => kind.trim());
  for (const kind of kinds)
    if (kind !== "pglite" && kind !== "postgres")
      throw new Error(`BENCH_DATABASES: "${kind}" is neither pglite nor postgres`);
  return kinds as DatabaseKind[];
}

const settings = {
  databases: databasesFrom(process.env.BENCH_DATABASES),
  postgresUrl: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  seconds: numberFrom("BENCH_SECONDS", 10),
  floorSeconds: numberFrom("BENCH_FLOOR_SECONDS", 5),
  connections: numberFrom("BENCH_CONNECTIONS", 10),
  loadSeconds: numberFrom("BENCH_LOAD_SECONDS", 30),
  loadConnections: numberFrom("BENCH_LOAD_CONNECTIONS", 50),
  /** Requests one at a time for the lone-request p50 the load is compared with. */
  loneRequests: 200,
  /** Requests before each measurement, so it does not time the JIT compiler's first runs. */
  warmUpRequests: 100,
  port: numberFrom("BENCH_PORT", 3400),
  webConcurrency: process.env.WEB_CONCURRENCY,
};
/** The server's public address: forms are accepted from it only. */
const appUrl = `http://127.0.0.1:${settings.port}`;
const floorUrl = `http://127.0.0.1:${settings.port + 1}`;

// ---------------------------------------------------------------- what is measured

type Account =
  | "signed out"
  | "hr@demo.werkpad.test"
  | "owner@demo.werkpad.test"
  | "physician@demo.werkpad.test";

/** The issue's paths, each as the demo account who uses it (prisma/demo.ts). */
const paths: Array<{ path: string; as: Account }> = [
  { path: "/", as: "signed out" },
  { path: "/healthz", as: "signed out" },
  { path: "/cases", as: "hr@demo.werkpad.test" },
  // The owner's start page reads where the organisation stands with paying; /billing reads our copy of Stripe.
  { path: "/app", as: "owner@demo.werkpad.test" },
  { path: "/billing", as: "owner@demo.werkpad.test" },
  { path: "/cases/demo-case-nl", as: "hr@demo.werkpad.test" },
  { path: "/cases/demo-case-nl/versions/1", as: "hr@demo.werkpad.test" },
  // The demo case's physician (prisma/seed-cases.ts).
  { path: "/cases/demo-case-nl/physician", as: "physician@demo.werkpad.test" },
];
const homePath = "/";
const planPath = "/cases/demo-case-nl";

const targets = {
  /** Plan page req/s as a share of the home page's, per database. */
  planShareOfHome: { postgres: 0.75, pglite: 0.5 } satisfies Record<DatabaseKind, number>,
  /** p95 under load at most this many times the p50 of a lone request. */
  loadP95OverLoneP50: 10,
  /** KB = 1,024 bytes. */
  htmlKb: 40,
  scriptGzipKb: 130,
};

type PathResult = {
  path: string;
  app: Run;
  floor: Run;
  timing: LoneSample;
  bytes: number;
};

type DatabaseResult = {
  kind: DatabaseKind;
  label: string;
  paths: PathResult[];
  load: { lone: Run; loaded: Run };
  weight?: { htmlBytes: number; scripts: ScriptWeight };
};

// ---------------------------------------------------------------- cleaning up

/**
 * What to undo if the run is interrupted (Ctrl-C) before the `finally` that
 * normally undoes it: stop the server, drop the database. Newest first.
 */
const undoOnSignal = new Set<() => Promise<void>>();

async function withUndo<T>(undo: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  undoOnSignal.add(undo);
  try {
    return await work();
  } finally {
    undoOnSignal.delete(undo);
    await undo();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the server and dropping the benchmark's databases…`);
    for (const undo of [...undoOnSignal].reverse()) await undo().catch(() => {});
    process.exit(130);
  });
}

/**
 * Why the server is gone, when it exited before the benchmark stopped it;
 * each step checks, so that a lost server fails the run with this reason
 * rather than with thousands of refused connections counted as errors.
 */
let serverLost: string | null = null;

function checkServer() {
  if (serverLost) throw new Error(serverLost);
}

/** Watches for the server exiting on its own; returns the function that stops it. */
function watchServer(server: ChildProcess): () => Promise<void> {
  let stopping = false;
  serverLost = null;
  server.once("exit", (code, signal) => {
    if (stopping) return;
    serverLost =
      `the server stopped during the run (${signal ?? `exit code ${code}`})` +
      // server/index.ts exits 0 only after SIGTERM or SIGINT.
      (code === 0 ? ": something outside the benchmark sent it SIGTERM or SIGINT" : "");
    console.error(`!!! ${serverLost}`);
  });
  return async () => {
    stopping = true;
    await stopServer(server);
  };
}

/** Stops the server and waits until it has closed its database. */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- steps

/** Progress goes to stderr, so that stdout holds only the report. */
function progress(message: string) {
  console.error(`… ${message}`);
}

/** The request headers of each account: its session cookie, and Dutch as the demo's language. */
async function signInAll(): Promise<Map<Account, Headers>> {
  const headers = new Map<Account, Headers>();
  for (const { as } of paths) {
    if (headers.has(as)) continue;
    const cookie = as === "signed out" ? undefined : await signIn(appUrl, as);
    headers.set(as, { "Accept-Language": "nl", ...(cookie ? { cookie } : {}) });
  }
  return headers;
}

function headersOf(account: Account, all: Map<Account, Headers>): Headers {
  return all.get(account) ?? {};
}

/** Every path once, before any load: each must answer 200. Their bytes are what the floor serves. */
async function checkPaths(headers: Map<Account, Headers>): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const { path, as } of paths)
    answers.set(path, await fetchAnswer(appUrl, path, headersOf(as, headers)));
  return answers;
}

/** One path: the app under load, the floor under the same load, then lone requests' Server-Timing. */
async function measurePath(path: string, headers: Headers, answer: Answer): Promise<PathResult> {
  const { connections } = settings;
  const warmUp = { connections, amount: settings.warmUpRequests };
  progress(`${path}: the app for ${settings.seconds} s`);
  await run(`${appUrl}${path}`, warmUp, headers);
  const app = await run(`${appUrl}${path}`, { connections, seconds: settings.seconds }, headers);
  checkServer();
  progress(`${path}: the floor for ${settings.floorSeconds} s`);
  await run(`${floorUrl}${path}`, warmUp, headers);
  const floor = await run(
    `${floorUrl}${path}`,
    { connections, seconds: settings.floorSeconds },
    headers,
  );
  checkServer();
  const timing = await sampleLone(`${appUrl}${path}`, headers);
  return { path, app, floor, timing, bytes: answer.body.byteLength };
}

/** Every path against the floor, which serves the bytes the app answered (`answers`). */
async function measurePaths(headers: Map<Account, Headers>, answers: Map<string, Answer>) {
  const stopFloor = await startFloor(settings.port + 1, answers);
  return withUndo(stopFloor, async () => {
    const results: PathResult[] = [];
    for (const { path, as } of paths) {
      const answer = answers.get(path) as Answer;
      results.push(await measurePath(path, headersOf(as, headers), answer));
    }
    return results;
  });
}

/** The plan page alone (one connection), then under the heavy load. */
async function loadPlanPage(headers: Headers) {
  const url = `${appUrl}${planPath}`;
  progress(`${planPath}: ${settings.loneRequests} requests one at a time`);
  const lone = await run(url, { connections: 1, amount: settings.loneRequests }, headers);
  progress(`${planPath}: ${settings.loadConnections} connections for ${settings.loadSeconds} s`);
  const loaded = await run(
    url,
    { connections: settings.loadConnections, seconds: settings.loadSeconds },
    headers,
  );
  checkServer();
  return { lone, loaded };
}

async function weighPlanPage(headers: Headers, answer: Answer) {
  progress(`${planPath}: the JavaScript it loads, in Chromium`);
  const html = new TextDecoder().decode(answer.body);
  const scripts = await weighScripts(appUrl, planPath, headers.cookie ?? "", html);
  return { htmlBytes: answer.body.byteLength, scripts };
}

/**
 * Bulk BV in the database, for the growth check; or why there is none (a
 * failure is reported and does not stop the rest of the benchmark).
 */
async function prepareGrowth(database: BenchDatabase): Promise<GrowthSetup | string> {
  progress(`${database.label}: Bulk BV (prisma/bulk.ts)`);
  try {
    return await seedGrowth(database.url);
  } catch (error) {
    return `seeding Bulk BV failed: ${error instanceof Error ? error.message : error}`;
  }
}

async function growthOrWhyNot(demoHeaders: Headers, setup: GrowthSetup): Promise<string> {
  try {
    return growthReport(await measureGrowth(appUrl, demoHeaders, setup));
  } catch (error) {
    return `growth: failed (${error instanceof Error ? error.message : error})`;
  }
}

/** Everything measured on one database, printed as it is done. */
async function benchDatabase(database: BenchDatabase, weigh: boolean): Promise<DatabaseResult> {
  progress(`${database.label}: migrations and demo data`);
  await migrateAndSeed(database.url);
  const growth = await prepareGrowth(database);

  progress(`${database.label}: starting the server`);
  const server = await startBuiltServer(settings.port, {
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    ...(settings.webConcurrency ? { WEB_CONCURRENCY: settings.webConcurrency } : {}),
  });
  return withUndo(watchServer(server), async () => {
    const headers = await signInAll();
    const answers = await checkPaths(headers);
    const results = await measurePaths(headers, answers);

    console.log(`\n### ${database.label}\n`);
    console.log(pathTable(results));
    console.log(`\nWhere a lone request's time goes (medians of 20 requests one at a time):\n`);
    console.log(timingTable(results));

    const planHeaders = headersOf("hr@demo.werkpad.test", headers);
    const load = await loadPlanPage(planHeaders);
    console.log(`\n${loadReport(load)}`);

    const weight = weigh
      ? await weighPlanPage(planHeaders, answers.get(planPath) as Answer)
      : undefined;
    if (weight) console.log(`\n${weightReport(weight)}`);

    checkServer();
    if (typeof growth === "string") console.log(`\ngrowth: skipped (${growth})`);
    else {
      progress(`${database.label}: growth, Bulk BV against the demo`);
      console.log(`\nGrowth (one request at a time):\n`);
      console.log(await growthOrWhyNot(planHeaders, growth));
    }

    return { kind: database.kind, label: database.label, paths: results, load, weight };
  });
}

// ---------------------------------------------------------------- printing

function pathTable(results: PathResult[]): string {
  const home = results.find((result) => result.path === homePath);
  return markdownTable(
    [
      "path",
      "req/s",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "errors",
      "non-2xx",
      "bytes",
      "floor req/s",
      "of floor",
      "of /",
    ],
    results.map(({ path, app, floor, bytes }) => [
      path,
      whole(app.requestsPerSecond),
      ms(app.p50),
      ms(app.p95),
      ms(app.p99),
      whole(app.errors),
      whole(app.non2xx),
      whole(bytes),
      whole(floor.requestsPerSecond),
      percent(app.requestsPerSecond / floor.requestsPerSecond),
      home ? percent(app.requestsPerSecond / home.app.requestsPerSecond) : "–",
    ]),
  );
}

function timingTable(results: PathResult[]): string {
  return markdownTable(
    ["path", "db ms", "statements", "render ms", "total ms", "client ms"],
    results.map(({ path, timing }) => [
      path,
      ms(timing.dbMs),
      whole(timing.statements),
      ms(timing.renderMs),
      ms(timing.totalMs),
      ms(timing.clientMs),
    ]),
  );
}

function loadReport({ lone, loaded }: DatabaseResult["load"]): string {
  const row = (name: string, result: Run) => [
    name,
    whole(result.requests),
    whole(result.requestsPerSecond),
    ms(result.p50),
    ms(result.p95),
    ms(result.p99),
    whole(result.errors),
    whole(result.timeouts),
    whole(result.non2xx),
  ];
  return [
    `Load on ${planPath}:\n`,
    markdownTable(
      ["run", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "timeouts", "non-2xx"],
      [
        row(`alone (1 connection, ${settings.loneRequests} requests)`, lone),
        row(`${settings.loadConnections} connections, ${settings.loadSeconds} s`, loaded),
      ],
    ),
    `\np95 under load is ${(loaded.p95 / lone.p50).toFixed(1)} × the p50 of a lone request.`,
  ].join("\n");
}

function weightReport({ htmlBytes, scripts }: NonNullable<DatabaseResult["weight"]>): string {
  return [
    `Weight of ${planPath}: HTML ${kb(htmlBytes)} KB (uncompressed); ` +
      `JavaScript ${kb(scripts.gzipBytes)} KB gzipped in ${scripts.files} files ` +
      `(${scripts.how === "browser" ? "as Chromium loaded them" : "static imports only"})`,
    ...(scripts.note ? [`  note: ${scripts.note}`] : []),
  ].join("\n");
}

/** A target: met (PASS), missed (FAIL) or not measured (SKIP), with what was measured. */
type Verdict = { pass: boolean | null; target: string; measured: string };

/** The targets of one database: the plan page's share of the home page's req/s, and the load. */
function databaseVerdicts(kind: DatabaseKind, result: DatabaseResult | undefined): Verdict[] {
  const name = databaseNames[kind];
  const share = targets.planShareOfHome[kind];
  const shareTarget = `${name}: plan page req/s ≥ ${percent(share)} of /'s`;
  const under = `${name}, ${settings.loadConnections} connections for ${settings.loadSeconds} s`;
  const p95Target = `${under}: p95 ≤ ${targets.loadP95OverLoneP50} × the p50 of a lone request`;
  if (!result) {
    const skipped = { pass: null, measured: "nothing" };
    return [shareTarget, `${under}: 0 errors`, `${under}: 0 non-2xx`, p95Target].map((target) => ({
      ...skipped,
      target,
    }));
  }
  const reqs = (path: string) =>
    result.paths.find((candidate) => candidate.path === path)?.app.requestsPerSecond ?? 0;
  const ratio = reqs(planPath) / reqs(homePath);
  const { lone, loaded } = result.load;
  const limit = targets.loadP95OverLoneP50 * lone.p50;
  return [
    { pass: ratio >= share, target: shareTarget, measured: percent(ratio) },
    {
      pass: loaded.errors === 0,
      target: `${under}: 0 errors`,
      measured: `${loaded.errors}, ${loaded.timeouts} of them timeouts`,
    },
    { pass: loaded.non2xx === 0, target: `${under}: 0 non-2xx`, measured: `${loaded.non2xx}` },
    {
      pass: loaded.p95 <= limit,
      target: p95Target,
      measured: `${ms(loaded.p95)} ms; the limit is ${targets.loadP95OverLoneP50} × ${ms(lone.p50)} = ${ms(limit)} ms`,
    },
  ];
}

/** The plan page's weight, measured once (it does not depend on the database). */
function weightVerdicts(weight: DatabaseResult["weight"]): Verdict[] {
  const htmlTarget = `plan page HTML ≤ ${targets.htmlKb} KB`;
  const scriptTarget = `plan page JavaScript ≤ ${targets.scriptGzipKb} KB gzipped`;
  if (!weight)
    return [htmlTarget, scriptTarget].map((target) => ({
      pass: null,
      target,
      measured: "nothing",
    }));
  const { htmlBytes, scripts } = weight;
  return [
    {
      pass: htmlBytes <= targets.htmlKb * 1024,
      target: htmlTarget,
      measured: `${kb(htmlBytes)} KB`,
    },
    {
      pass: scripts.gzipBytes <= targets.scriptGzipKb * 1024,
      target: scriptTarget,
      measured:
        `${kb(scripts.gzipBytes)} KB in ${scripts.files} files` +
        (scripts.how === "static" ? " (static imports only: a lower bound)" : ""),
    },
  ];
}

function targetReport(results: DatabaseResult[]): string {
  const verdicts = [
    ...(["postgres", "pglite"] as const).flatMap((kind) =>
      databaseVerdicts(
        kind,
        results.find((result) => result.kind === kind),
      ),
    ),
    ...weightVerdicts(results.find((result) => result.weight)?.weight),
  ];
  return verdicts
    .map(
      ({ pass, target, measured }) =>
        `- ${pass === null ? "SKIP" : pass ? "PASS" : "FAIL"} ${target} (measured: ${measured})`,
    )
    .join("\n");
}

// ---------------------------------------------------------------- the run

/** The databases to run on, in order; PostgreSQL only when its server answers. */
async function chooseDatabases(): Promise<Array<() => Promise<BenchDatabase>>> {
  const chosen: Array<() => Promise<BenchDatabase>> = [];
  if (settings.databases.includes("pglite")) chosen.push(async () => createPglite());
  if (settings.databases.includes("postgres")) {
    const probe = await probePostgres(settings.postgresUrl);
    if (probe.ok) chosen.push(() => createPostgres(settings.postgresUrl, probe.version));
    else
      console.log(
        `PostgreSQL: skipped, no server answers at ${redacted(settings.postgresUrl)} (${probe.reason}); ` +
          "set BENCH_POSTGRES_URL to use one.",
      );
  }
  return chosen;
}

function header(): string {
  const cpus = os.cpus();
  return (
    `Werkpad benchmark, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
    `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ` +
    `WEB_CONCURRENCY=${settings.webConcurrency ?? "unset"}.\n` +
    `${settings.connections} connections, ${settings.seconds} s per path (floor ${settings.floorSeconds} s); ` +
    `load ${settings.loadConnections} connections for ${settings.loadSeconds} s`
  );
}

async function main() {
  if (!existsSync("build/server/index.js")) {
    console.error("Build first: npm run build && npm run bench");
    process.exit(1);
  }
  const started = Date.now();
  console.log(header());
  const results: DatabaseResult[] = [];
  for (const create of await chooseDatabases()) {
    const database = await create();
    const result = await withUndo(database.drop, () =>
      benchDatabase(database, results.length === 0),
    );
    results.push(result);
  }
  console.log("\n### Targets\n");
  console.log(targetReport(results));
  console.log(`\n(${Math.round((Date.now() - started) / 1000)} s)`);
}

try {
  await main();
} catch (error) {
  // The server is stopped and the databases are dropped by now (withUndo).
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(
    `\nThe benchmark failed: ${error instanceof Error ? error.message : error}${cause}`,
  );
  process.exitCode = 1;
}
