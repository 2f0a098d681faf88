import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, refusedStart, startServer } from "#tests/helpers/http-server.ts";
import { mockServer } from "#tests/mocks/server.ts";

/**
 * WEB_CONCURRENCY (server/cluster.ts, docs/decisions/0020) on the real built
 * server in a child process: on PostgreSQL a primary and that many workers
 * sharing the port; on the embedded database one process that says why. The
 * file's database is the one the suite runs on (PGlite, or the PostgreSQL
 * server of TEST_DATABASE_URL), so each run of the suite checks one of the two.
 * Every wait is for something the server reports (a log line, an answer),
 * never for a length of time.
 */
const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;

// The workers import the production build. The code under test (server/*.ts)
// runs from source, so an existing build will do; CI's first integration run
// has none yet.
beforeAll(() => {
  if (!existsSync("build/server/index.js"))
    execFileSync(process.execPath, ["node_modules/.bin/react-router", "build"], {
      stdio: "ignore",
    });
}, 120_000);

type LogLine = Record<string, unknown> & { msg: string };

function logLines(server: RunningServer): LogLine[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Waits until the server has logged a line that `matches`; returns it. */
async function logged(server: RunningServer, matches: (line: LogLine) => boolean) {
  // Well inside the test's own timeout, so that a failure shows the output.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const line = logLines(server).find(matches);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Not logged within 15 s:\n${server.output()}`);
}

/**
 * Asks /healthz on a new connection (a worker keeps the connections it was
 * handed) and returns the X-Worker header of the answer.
 */
function workerAnswering(server: RunningServer): Promise<string | undefined> {
  mockServer.use(http.all(`${server.url}/*`, () => passthrough()));
  return new Promise((resolve, reject) => {
    request(`${server.url}/healthz`, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`/healthz ${response.statusCode}`));
        else resolve(response.headers["x-worker"] as string | undefined);
      });
    })
      .on("error", reject)
      .end();
  });
}

/** Asks on new connections until every one of `workers` has answered (the primary hands connections round-robin). */
async function answeringWorkers(server: RunningServer, workers: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 50 && seen.size < workers.length; attempt++) {
    const worker = await workerAnswering(server);
    if (worker) seen.add(worker);
  }
  return seen;
}

/** Whether a process with this id still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const workerPid = (line: LogLine) => line.workerPid as number;

/** The process id of each worker number, as the primary last reported it. */
function currentWorkers(server: RunningServer): Map<number, number> {
  const workers = new Map<number, number>();
  for (const line of logLines(server))
    if (line.msg === "worker listening") workers.set(line.worker as number, workerPid(line));
  return workers;
}

test("a WEB_CONCURRENCY that is not a number of processes stops the start", async () => {
  const { code, output } = await refusedStart({ WEB_CONCURRENCY: "0" });
  expect(code).toBe(1);
  expect(output).toContain(
    'WEB_CONCURRENCY: must be a whole number of server processes, 1 or more (got "0")',
  );
});

describe.runIf(onPostgres)("WEB_CONCURRENCY=2 on PostgreSQL", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ WEB_CONCURRENCY: "2", LOG_LEVEL: "info" }, { built: true });
    // /healthz answers as soon as one worker listens; the primary says when both do.
    await logged(server, (line) => line.process === "primary" && line.msg === "listening");
  }, 60_000);
  afterAll(() => server?.stop());

  test("two worker processes answer on the one port, and their logs say which", async () => {
    const listening = logLines(server).filter((line) => line.msg === "worker listening");
    expect(listening.map((line) => line.worker).sort()).toEqual([1, 2]);
    const pids = listening.map(workerPid);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(server.pid);

    expect(await answeringWorkers(server, ["1", "2"])).toEqual(new Set(["1", "2"]));
    // Each request's log line names the worker that answered, by number and process id.
    for (const line of listening)
      await logged(
        server,
        (request) =>
          request.msg === "request" &&
          request.worker === line.worker &&
          request.pid === workerPid(line),
      );
  });

  test("a worker that dies is replaced by a new process with the same number", async () => {
    const first = await logged(
      server,
      (line) => line.msg === "worker listening" && line.worker === 1,
    );
    process.kill(workerPid(first), "SIGKILL");
    const died = await logged(server, (line) => line.msg === "worker died; starting another");
    expect(died).toMatchObject({ worker: 1, signal: "SIGKILL", restartInMs: 0 });
    const replacement = await logged(
      server,
      (line) =>
        line.msg === "worker listening" &&
        line.worker === 1 &&
        workerPid(line) !== workerPid(first),
    );
    expect(alive(workerPid(replacement))).toBe(true);
    expect(await answeringWorkers(server, ["1", "2"])).toEqual(new Set(["1", "2"]));
  });

  test("SIGTERM stops every worker through its own graceful stop, and nothing is left", async () => {
    const workers = currentWorkers(server);
    expect([...workers.keys()].sort()).toEqual([1, 2]);
    expect(await server.stop()).toBe(0);
    const lines = logLines(server);
    for (const pid of workers.values()) {
      // The worker's own stop() (server/index.ts), and the primary saw it exit cleanly.
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: "stopping", process: "worker", pid, signal: "SIGTERM" }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: "worker stopped", workerPid: pid, code: 0 }),
      );
    }
    expect(lines).toContainEqual(expect.objectContaining({ msg: "cluster stopped", exitCode: 0 }));
    // The primary exits only after its workers have: no process is left behind.
    const everyPid = lines.filter((line) => line.msg === "worker listening").map(workerPid);
    expect(everyPid.filter(alive)).toEqual([]);
    expect(alive(server.pid)).toBe(false);
  });
});

describe.runIf(!onPostgres)("WEB_CONCURRENCY=2 on the embedded database", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ WEB_CONCURRENCY: "2", LOG_LEVEL: "info" }, { built: true });
  }, 60_000);
  afterAll(() => server?.stop());

  test("runs one process and says why", async () => {
    const warning = await logged(server, (line) => line.level === "warn");
    expect(warning.msg).toContain("WEB_CONCURRENCY=2 is ignored");
    expect(warning.msg).toContain("one data folder may be opened by one process only");
    expect(await workerAnswering(server)).toBeUndefined();
    const lines = logLines(server);
    expect(lines.some((line) => line.process !== undefined)).toBe(false);
    expect(lines.some((line) => line.msg === "starting workers")).toBe(false);
    expect(await server.stop()).toBe(0);
  });
});
