import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { http, passthrough } from "msw";
import { mockServer } from "#tests/mocks/server.ts";

/**
 * Werkpad's real HTTP server (server/index.ts) in a child process, in
 * development mode (Vite compiles the app, so no build is needed) or, with
 * `built`, in production on the build, on a free port and the test file's own
 * database. For what only the HTTP server decides: start-up checks, which
 * proxy may name the client, real headers, several processes.
 */
export type RunningServer = {
  url: string;
  /** The process started: the server, or the primary of a cluster. */
  pid: number;
  /** fetch() on the server; requests to it pass the network edge's mocks. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  output: () => string;
  /** Sends SIGTERM and waits for the process to exit; its exit code. */
  stop: () => Promise<number | null>;
};

export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

function run(
  environment: Record<string, string>,
  built = false,
): { child: ChildProcess; output: () => string } {
  let output = "";
  const flags = built ? [] : ["--conditions=development"];
  const child = spawn(process.execPath, [...flags, "server/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/**
 * Starts the server and waits until /healthz answers. `built` runs the
 * production build (`npm run build` first) instead of development.
 */
export async function startServer(
  environment: Record<string, string> = {},
  { built = false }: { built?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const { child, output } = run(
    {
      NODE_ENV: built ? "production" : "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...environment,
    },
    built,
  );
  // Once the process has exited and its output is read to the end.
  const closed = once(child, "close");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await closed;
    return child.exitCode;
  };
  const serverFetch = (path: string, init?: RequestInit) => {
    // The mocks are reset after each test, so the way through is opened per request.
    mockServer.use(http.all(`${url}/*`, () => passthrough()));
    return fetch(`${url}${path}`, { redirect: "manual", ...init });
  };
  const deadline = Date.now() + 50_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped:\n${output()}`);
    const healthy = await serverFetch("/healthz").then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { url, pid: child.pid ?? 0, fetch: serverFetch, output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The server did not start within 50 s:\n${output()}`);
}

/** Runs the server expecting it to refuse to start; its exit code and what it printed. */
export async function refusedStart(
  environment: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = run({ PORT: String(await freePort()), ...environment });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output: output() };
}
