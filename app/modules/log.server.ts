/**
 * Structured logging: one JSON object per line on stdout/stderr.
 *
 * Never log personal or medical content: log ids, not text. Tests can attach a
 * sink to read everything the application logs (the privacy canary reads it).
 */
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

function serialiseError(error: unknown): Fields {
  if (error instanceof Error) {
    return { error: { name: error.name, message: error.message, stack: error.stack } };
  }
  return { error: String(error) };
}

function write(level: Level, msg: string, fields: Fields = {}) {
  const { error, ...rest } = fields;
  const record: LogRecord = {
    level,
    msg,
    time: new Date().toISOString(),
    ...rest,
    ...(error === undefined ? {} : serialiseError(error)),
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
