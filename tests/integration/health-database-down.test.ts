import { describe, expect, test } from "vitest";

// This file's application talks to a database server that does not answer
// (nothing listens on port 1), as after an outage.
process.env.DATABASE_URL = "postgres://werkpad@127.0.0.1:1/werkpad";
const { loader } = await import("#app/routes/healthz.ts");

describe("/healthz while the database is down", () => {
  test("answers 503 and says the database is unreachable", async () => {
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
  });
});
