import path from "node:path";
import { expect, test } from "vitest";
import { parseDatabaseUrl } from "./adapter.server.ts";

test("no DATABASE_URL means the embedded database in ./data/pglite", () => {
  expect(parseDatabaseUrl(undefined)).toEqual({
    kind: "pglite",
    dataDir: path.resolve("data/pglite"),
  });
});

test("pglite:<folder> is relative to the working directory", () => {
  expect(parseDatabaseUrl("pglite:./tmp/db")).toEqual({
    kind: "pglite",
    dataDir: path.resolve("tmp/db"),
  });
});

test("postgres:// and postgresql:// mean a server", () => {
  expect(parseDatabaseUrl("postgresql://u@h/db")).toEqual({
    kind: "postgres",
    url: "postgresql://u@h/db",
  });
});

test("anything else is refused", () => {
  expect(() => parseDatabaseUrl("mysql://h/db")).toThrow(/pglite: or postgres:\/\//);
});
