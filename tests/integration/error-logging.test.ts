import { afterAll, describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { addLogSink, type LogRecord, log } from "#app/modules/log.server.ts";

/**
 * Database errors quote what they were given (Prisma's validation errors
 * print every argument; PostgreSQL quotes values). Logged, they are reduced
 * to what and where: name, codes, model and operation, and stack frames.
 */
const logs: LogRecord[] = [];
const detach = addLogSink((record) => logs.push(record));
afterAll(() => detach());

const canary = () => `CANARY-LOG-${crypto.randomUUID()}`;

/** Logs the error of a failing query; its logged form, and whether the error itself quoted the text. */
async function loggedError(failing: (text: string) => Promise<unknown>) {
  const text = canary();
  const error = await failing(text).then(
    () => {
      throw new Error("the query was expected to fail");
    },
    (error: unknown) => error,
  );
  log.error("unexpected error", { requestId: "r-1", error });
  const record = logs.at(-1);
  expect(JSON.stringify(record)).not.toContain(text);
  return {
    logged: record?.error as Record<string, unknown>,
    quoted: (error as Error).message.includes(text),
  };
}

describe("a database error in the log", () => {
  test("a validation error (a wrong type among the arguments)", async () => {
    const { logged: error, quoted } = await loggedError((text) =>
      db.privateNote.create({
        data: { body: text, caseId: 5 as never, organizationId: "o", authorId: "a" },
      }),
    );
    expect(quoted).toBe(true); // Prisma's message quotes the arguments
    expect(error).toMatchObject({
      name: "PrismaClientValidationError",
      model: "privateNote",
      operation: "create",
    });
    expect(error.message).toBeUndefined();
    expect((error.frames as string[]).every((frame) => frame.startsWith("at "))).toBe(true);
  });

  test("a unique constraint", async () => {
    const name = canary();
    await db.organization.create({ data: { id: name, name, country: "NL", language: "nl" } });
    const { logged: error } = await loggedError(() =>
      db.organization.create({ data: { id: name, name, country: "NL", language: "nl" } }),
    );
    expect(error).toMatchObject({
      name: "PrismaClientKnownRequestError",
      code: "P2002",
      model: "Organization",
      sqlState: "23505",
    });
  });

  test("a NUL byte PostgreSQL refuses", async () => {
    const { logged: error } = await loggedError((text) =>
      db.organization.create({ data: { name: `${text}\u0000`, country: "NL", language: "nl" } }),
    );
    expect(error).toMatchObject({ model: "Organization", sqlState: "22021" });
  });

  test("an error raised by the database that quotes the row", async () => {
    const { logged: error, quoted } = await loggedError((text) =>
      db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'refused: %', '${text}'; END $$`),
    );
    expect(quoted).toBe(true);
    expect(error).toMatchObject({ operation: "$executeRawUnsafe", sqlState: "P0001" });
  });

  test("PostgreSQL's own error object (pg, PGlite)", () => {
    const text = canary();
    const error = Object.assign(new Error(`value "${text}" is out of range`), {
      severity: "ERROR",
      code: "22003",
      detail: text,
    });
    log.error("unexpected error", { error });
    expect(JSON.stringify(logs.at(-1))).not.toContain(text);
    expect(logs.at(-1)?.error).toMatchObject({ name: "Error", code: "22003" });
  });
});

test("other errors keep their message, and the stack keeps only its frames", () => {
  const error = new TypeError("Cannot read properties of undefined (reading 'content')", {
    cause: Object.assign(new Error("db said no"), { clientVersion: "7", name: "PrismaX" }),
  });
  log.error("unexpected error", { error });
  const logged = logs.at(-1)?.error as Record<string, unknown>;
  expect(logged).toMatchObject({
    name: "TypeError",
    message: "Cannot read properties of undefined (reading 'content')",
    cause: { name: "PrismaX" },
  });
  expect(JSON.stringify(logged)).not.toContain("db said no");
  expect((logged.frames as string[]).length).toBeGreaterThan(0);
});
