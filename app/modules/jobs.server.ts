import { log } from "#app/modules/log.server.ts";

/**
 * Runs a task every `intervalMs` in this server process, one run at a time
 * (a slow run is never overlapped), logging failures instead of crashing.
 * Returns a function that stops it and waits for a run under way.
 */
export function startPeriodic(
  name: string,
  task: () => Promise<unknown>,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => task().catch((error) => log.error(`${name} failed`, { error })));
  }, intervalMs);
  // Background work alone never keeps the process alive.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
