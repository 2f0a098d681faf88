import { describe, expect, test, vi } from "vitest";

// This file's application talks to a database server that does not answer
// (nothing listens on port 1), as after an outage.
process.env.DATABASE_URL = "postgres://werkpad@127.0.0.1:1/werkpad";
const { addLogSink } = await import("#app/modules/log.server.ts");
const { startJobWorker } = await import("#app/modules/jobs/worker.server.ts");

describe("the job worker while the database is down", () => {
  test("logs the failure and waits before trying again, instead of every second", async () => {
    const failures: string[] = [];
    const detach = addLogSink((record) => {
      if (record.level === "error") failures.push(record.msg);
    });
    const stop = startJobWorker(10);
    try {
      await vi.waitFor(() => expect(failures).toContain("job batch failed"), { timeout: 10_000 });
      // Thirty of the worker's intervals later, it has not tried again.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await stop();
      detach();
    }
    expect(failures).toEqual(["recurring jobs could not be ensured", "job batch failed"]);
  });
});
