import { AsyncLocalStorage } from "node:async_hooks";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";

/**
 * What one request asked of the database: how many SQL statements, and how
 * long they took together. The HTTP server opens a meter per request
 * (server/app.ts) and reports it in the Server-Timing header; a test counts
 * the statements of a page through it, so an added N+1 fails a test.
 */
export type QueryMeter = {
  /** SQL statements sent, BEGIN and COMMIT of a transaction included. */
  statements: number;
  /** Time spent waiting for them, summed (statements run in parallel add up). */
  databaseMs: number;
  /** The first words of each statement, for a test's failure message. */
  log: string[];
};

const requests = new AsyncLocalStorage<QueryMeter>();

export function newMeter(): QueryMeter {
  return { statements: 0, databaseMs: 0, log: [] };
}

/** Runs `work` with every statement it causes counted on `meter`. */
export function metered<T>(meter: QueryMeter, work: () => T): T {
  return requests.run(meter, work);
}

async function measure<T>(label: string, statement: () => Promise<T>): Promise<T> {
  const meter = requests.getStore();
  if (!meter) return statement();
  const started = performance.now();
  try {
    return await statement();
  } finally {
    meter.statements += 1;
    meter.databaseMs += performance.now() - started;
    if (meter.log.length < 50) meter.log.push(label.replace(/\s+/g, " ").slice(0, 120));
  }
}

/** The statement-sending methods of a connection or transaction, metered; `also` adds more. */
function withMeteredStatements<T extends object>(
  target: T,
  also: Record<string, (value: (...args: unknown[]) => Promise<unknown>) => unknown> = {},
): T {
  return new Proxy(target, {
    get(inner, property, receiver) {
      const value = Reflect.get(inner, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      const method = (...args: unknown[]) => value.apply(inner, args) as Promise<unknown>;
      if (property === "queryRaw" || property === "executeRaw")
        return (query: { sql: string }) => measure(query.sql, () => method(query));
      const wrap = also[property];
      return wrap ? wrap(method) : method;
    },
  });
}

const meterTransaction = (transaction: Transaction): Transaction =>
  withMeteredStatements(transaction, {
    commit: (commit) => () => measure("COMMIT", () => commit()),
    rollback: (rollback) => () => measure("ROLLBACK", () => rollback()),
  });

const meterConnection = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
  withMeteredStatements(adapter, {
    startTransaction:
      (start) =>
      async (...args: unknown[]) =>
        meterTransaction((await measure("BEGIN", () => start(...args))) as Transaction),
  });

/** The same adapter factory, with every statement of its connections counted on the current meter. */
export function meterAdapterFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "connect" && typeof value === "function") {
        return async () => meterConnection(await value.call(target));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
