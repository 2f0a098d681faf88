import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { mockServer } from "../mocks/server.ts";
import { cloneTemplate } from "./database-template.ts";

// Each test file gets its own database; the application's db module reads
// DATABASE_URL when it is first imported, which happens after this line.
const database = await cloneTemplate(inject("databaseTemplate"));
process.env.DATABASE_URL = database.url;
process.env.LOG_LEVEL ??= "silent";

// Outside services are mocked at the network edge; a request no handler
// expects fails the test instead of leaving the machine.
beforeAll(() => mockServer.listen({ onUnhandledFrame: "error" }));
afterEach(() => mockServer.resetHandlers());
afterAll(async () => {
  mockServer.close();
  const { closeDb } = await import("#app/modules/db.server.ts");
  await closeDb();
  await database.drop();
});
