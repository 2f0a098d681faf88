import { type ChildProcess, spawn } from "node:child_process";

/**
 * Starts the production build (`npm run build` first) on `port` and waits
 * until /healthz answers; for the benchmark and the account timing probe.
 * Kill the returned process to stop it.
 */
export function startBuiltServer(
  port: number,
  environment: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...environment,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return resolve(child);
      } catch {}
      if (Date.now() - started > 30_000) {
        child.kill();
        return reject(new Error("the server did not start"));
      }
      setTimeout(poll, 200);
    };
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    void poll();
  });
}
