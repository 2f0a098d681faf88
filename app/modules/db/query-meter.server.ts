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

function meterTransaction(transaction: Transaction): Transaction {
  return new Proxy(transaction, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      switch (property) {
        case "queryRaw":
        case "executeRaw":
          return (query: { sql: string }) =>
            measure(query.sql, () => value.call(target, query) as Promise<unknown>);
        case "commit":
          return () => measure("COMMIT", () => value.call(target) as Promise<void>);
        case "rollback":
          return () => measure("ROLLBACK", () => value.call(target) as Promise<void>);
        default:
          return value.bind(target);
      }
    },
  });
}

function meterConnection(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      switch (property) {
        case "queryRaw":
        case "executeRaw":
          return (query: { sql: string }) =>
            measure(query.sql, () => value.call(target, query) as Promise<unknown>);
        case "startTransaction":
          return async (...args: unknown[]) =>
            meterTransaction(
              await measure("BEGIN", () => value.apply(target, args) as Promise<Transaction>),
            );
        default:
          return value.bind(target);
      }
    },
  });
}

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
