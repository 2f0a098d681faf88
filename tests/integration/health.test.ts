import { describe, expect, test } from "vitest";
import { loader } from "#app/routes/healthz.ts";

describe("/healthz", () => {
  test("answers 200 after a round trip to the database", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});
