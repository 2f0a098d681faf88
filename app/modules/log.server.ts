/**
 * Structured logging: one JSON object per line on stdout/stderr.
 *
 * Never log personal or medical content: log ids, not text. Tests can attach a
 * sink to read everything the application logs (the privacy canary reads it).
 */
import cluster from "node:cluster";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;
export type LogRecord = { level: Level; msg: string; time: string } & Fields;
type Sink = (record: LogRecord) => void;

const order: Record<Level | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};
const sinks = new Set<Sink>();

function threshold(): number {
  const configured = process.env.LOG_LEVEL as Level | "silent" | undefined;
  return order[configured ?? "info"] ?? order.info;
}

/**
 * An error as it may be logged: never a value it was about. A database
 * error's message quotes the query's arguments (Prisma's validation errors
 * print every argument, PostgreSQL's errors quote values, and a driver error's
 * `meta` repeats them), so of a database error only its name, codes, model and
 * operation are kept. Every error keeps its stack's frames (code locations),
 * but not the stack's first lines, which repeat the message. Other errors keep
 * their message: they come from code, not from data.
 */
export function serialiseError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: "NonError", type: typeof error };
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
  const cause =
    error.cause !== undefined && depth < 3 ? { cause: serialiseError(error.cause, depth + 1) } : {};
  if (isDatabaseError(error)) {
    const { code, meta } = error as { code?: unknown; meta?: Record<string, unknown> };
    const adapter = (meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)
      ?.cause;
    const invocation = /Invalid `(?:[\w$]+\.)?([\w$]+)\.([\w$]+)\(\)` invocation/.exec(
      error.message,
    );
    const rawInvocation = /Invalid `(?:[\w$]+\.)?(\$\w+)\(\)` invocation/.exec(error.message);
    return {
      name: error.name,
      ...(typeof code === "string" ? { code } : {}),
      ...(typeof meta?.modelName === "string"
        ? { model: meta.modelName }
        : invocation
          ? { model: invocation[1] }
          : {}),
      ...(invocation
        ? { operation: invocation[2] }
        : rawInvocation
          ? { operation: rawInvocation[1] }
          : {}),
      ...(typeof adapter?.originalCode === "string" ? { sqlState: adapter.originalCode } : {}),
      ...(typeof adapter?.kind === "string" ? { kind: adapter.kind } : {}),
      frames,
      ...cause,
    };
  }
  return { name: error.name, message: error.message, frames, ...cause };
}

/**
 * Prisma's errors (validation, known and unknown request errors), the driver
 * adapter's, and PostgreSQL's own (pg and PGlite give them a severity).
 */
function isDatabaseError(error: Error): boolean {
  return (
    error.name.startsWith("Prisma") ||
    error.name === "DriverAdapterError" ||
    "clientVersion" in error ||
    "severity" in error
  );
}

/**
 * In a worker of the cluster (server/cluster.ts, WEB_CONCURRENCY) every line
 * says which worker wrote it: its number (1 to n, kept by its replacement)
 * and its process id. The primary names itself in its own lines.
 */
function workerFields(): Fields {
  const worker = cluster.isWorker ? Number(process.env.WERKPAD_WORKER) : 0;
  return worker > 0 ? { process: "worker", worker, pid: process.pid } : {};
}

function write(level: Level, msg: string, fields: Fields = {}) {
  const { error, ...rest } = fields;
  const record: LogRecord = {
    level,
    msg,
    time: new Date().toISOString(),
    ...workerFields(),
    ...rest,
    ...(error === undefined ? {} : { error: serialiseError(error) }),
  };
  for (const sink of sinks) sink(record);
  if (order[level] < threshold()) return;
  const line = JSON.stringify(record);
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

/** Receive every log record (whatever the level); returns a function that detaches the sink. */
export function addLogSink(sink: Sink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}
