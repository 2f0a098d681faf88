import { describe, expect, test } from "vitest";
import { afterCrash, clusterPlan, crashPolicy } from "./cluster.ts";

describe("clusterPlan", () => {
  const postgres = {
    DATABASE_URL: "postgres://u@db:5432/werkpad",
    NODE_ENV: "production",
  } as const;

  test("forks WEB_CONCURRENCY workers on a PostgreSQL server in production", () => {
    expect(clusterPlan({ ...postgres, WEB_CONCURRENCY: 4 })).toEqual({ workers: 4 });
    expect(clusterPlan({ ...postgres, NODE_ENV: "test", WEB_CONCURRENCY: 2 })).toEqual({
      workers: 2,
    });
  });

  test("one process serves by itself when one is asked for, silently", () => {
    expect(clusterPlan({ ...postgres, WEB_CONCURRENCY: 1 })).toEqual({ workers: 0 });
    expect(
      clusterPlan({ ...postgres, DATABASE_URL: "pglite:./data/pglite", WEB_CONCURRENCY: 1 }),
    ).toEqual({ workers: 0 });
  });

  test("the embedded database stays at one process and says why", () => {
    const plan = clusterPlan({
      ...postgres,
      DATABASE_URL: "pglite:./data/pglite",
      WEB_CONCURRENCY: 3,
    });
    expect(plan.workers).toBe(0);
    expect(plan.why).toMatch(/WEB_CONCURRENCY=3 is ignored: the embedded database \(PGlite\)/);
    expect(plan.why).toMatch(/one data folder may be opened by one process only/);
  });

  test("development stays at one process (Vite) and says why", () => {
    const plan = clusterPlan({ ...postgres, NODE_ENV: "development", WEB_CONCURRENCY: 2 });
    expect(plan.workers).toBe(0);
    expect(plan.why).toMatch(/ignored in development/);
  });
});

describe("afterCrash", () => {
  const second = 1000;

  test("a worker that dies once is replaced at once", () => {
    expect(afterCrash([], 100 * second)).toEqual({ crashes: [100 * second], restartInMs: 0 });
  });

  test("deaths in a row wait longer each time: 1 s, 2 s, 4 s, 8 s", () => {
    let crashes: number[] = [];
    const delays: number[] = [];
    for (let death = 0; death < crashPolicy.maxCrashes; death++) {
      const next = afterCrash(crashes, death * second);
      if (!("restartInMs" in next)) throw new Error("gave up too early");
      crashes = next.crashes;
      delays.push(next.restartInMs);
    }
    expect(delays).toEqual([0, 1000, 2000, 4000, 8000]);
    // One more within the window is a crash loop: the primary gives up.
    expect(afterCrash(crashes, 5 * second)).toMatchObject({ giveUp: true });
  });

  test("deaths older than the window are forgotten", () => {
    const old = [0, 1, 2, 3, 4].map((n) => n * second);
    const next = afterCrash(old, crashPolicy.windowMs + 4 * second);
    expect(next).toEqual({ crashes: [crashPolicy.windowMs + 4 * second], restartInMs: 0 });
  });

  test("the wait never exceeds the maximum", () => {
    const policy = { ...crashPolicy, maxCrashes: 20 };
    const many = Array.from({ length: 15 }, (_, n) => n);
    expect(afterCrash(many, 15, policy)).toEqual({
      crashes: [...many, 15],
      restartInMs: crashPolicy.maxDelayMs,
    });
  });
});
