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

  test("no proxy is trusted unless TRUST_PROXY says which", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ NODE_ENV: "production" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16,loopback" }).TRUST_PROXY).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "loopback",
    ]);
    expect(parseEnv({ TRUST_PROXY: "::1,fd00::/8" }).TRUST_PROXY).toEqual(["::1", "fd00::/8"]);
  });

  test("WEB_CONCURRENCY is one process unless it names more", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
  });

  test.each(["0", "-1", "2.5", "two", ""])(
    "WEB_CONCURRENCY=%j is refused with a message",
    (value) => {
      expect(() => parseEnv({ WEB_CONCURRENCY: value })).toThrow(
        `WEB_CONCURRENCY: must be a whole number of server processes, 1 or more (got ${JSON.stringify(value)})`,
      );
    },
  );

  test.each(["true", "yes", "10.0.0.0/33", "10.0.0", "example.com"])(
    "TRUST_PROXY=%s is refused with a message",
    (value) => {
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: give the number/);
    },
  );
});

describe("the development outbox never runs on a real deployment", () => {
  const production = { NODE_ENV: "production", APP_URL: "https://werkpad.example" };

  test("an https APP_URL with DEV_OUTBOX stops the start", () => {
    expect(() => parseEnv({ ...production, DEV_OUTBOX: "1" })).toThrow(EnvError);
    expect(() => parseEnv({ ...production, DEV_OUTBOX: "1" })).toThrow(
      /DEV_OUTBOX: \/dev\/outbox shows live sign-in and reset links to anyone/,
    );
  });

  test("so does an https APP_URL outside production, where the outbox is always on", () => {
    expect(() => parseEnv({ NODE_ENV: "development", APP_URL: "https://werkpad.example" })).toThrow(
      /must be off when APP_URL is https/,
    );
  });

  test("so does the browser tests' deliberate fault", () => {
    expect(() => parseEnv({ ...production, DEV_FAULT: "1" })).toThrow(
      /DEV_FAULT: is for the browser tests only/,
    );
    expect(parseEnv({ NODE_ENV: "production", DEV_FAULT: "1" }).DEV_FAULT).toBe(true);
  });

  test("a real deployment (https, production, no outbox) and the local demo (http, DEV_OUTBOX) start", () => {
    expect(parseEnv(production).DEV_OUTBOX).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DEV_OUTBOX: "1" }).DEV_OUTBOX).toBe(true);
  });
});
