import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "./env.server.ts";

describe("parseEnv", () => {
  test("an empty environment starts on the embedded database on port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATABASE_URL: "pglite:./data/pglite",
      APP_URL: "http://localhost:3000",
    });
  });

  test("reads a PostgreSQL server and a port", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u@db:5432/werkpad", PORT: "8080" });
    expect(env.DATABASE_URL).toBe("postgres://u@db:5432/werkpad");
    expect(env.APP_URL).toBe("http://localhost:8080");
  });

  test("names every bad variable and what it got", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toContain("DATABASE_URL: must start with pglite:");
    expect(message).toContain('(got "mysql://x")');
    expect(message).toContain("PORT:");
    expect(message).toContain('(got "eighty")');
  });
});
