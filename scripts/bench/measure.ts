/**
 * How the benchmark measures: autocannon runs (under load, or one request at
 * a time), and the Server-Timing header the app writes on every answer
 * (app/modules/http/server-timing.server.ts).
 */
import autocannon from "autocannon";

export type Headers = Record<string, string>;

/** One autocannon run, with the percentiles autocannon's summary lacks (it has no p95). */
export type Run = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts (autocannon counts timeouts as errors too). */
  errors: number;
  timeouts: number;
  non2xx: number;
};

export type Load =
  | { connections: number; seconds: number }
  /** A fixed number of requests rather than a duration: for one request at a time. */
  | { connections: number; amount: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Loads `url` with autocannon; keeps every response time to compute p50/p95/p99 itself. */
export async function run(url: string, load: Load, headers: Headers = {}): Promise<Run> {
  const latencies: number[] = [];
  const limit = "seconds" in load ? { duration: load.seconds } : { amount: load.amount };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: load.connections, headers, ...limit },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Where one answer's time went, from its Server-Timing header; null where the header has no such part. */
export type Timing = {
  dbMs: number | null;
  statements: number | null;
  renderMs: number | null;
  totalMs: number | null;
};

/** Reads `db;dur=1.2;desc="4 statements", render;dur=3.4, total;dur=5.6`. */
export function parseServerTiming(header: string | null): Timing {
  const parts = new Map<string, { dur: number; desc: string }>();
  for (const match of (header ?? "").matchAll(/(\w+);dur=([\d.]+)(?:;desc="([^"]*)")?/g)) {
    parts.set(match[1] ?? "", { dur: Number(match[2]), desc: match[3] ?? "" });
  }
  const statements = /(\d+) statements?/.exec(parts.get("db")?.desc ?? "")?.[1];
  return {
    dbMs: parts.get("db")?.dur ?? null,
    statements: statements === undefined ? null : Number(statements),
    renderMs: parts.get("render")?.dur ?? null,
    totalMs: parts.get("total")?.dur ?? null,
  };
}

/** Medians of requests made one at a time: the client's time for the whole answer, and the Server-Timing parts. */
export type LoneSample = Timing & { requests: number; clientMs: number };

/**
 * `count` requests made one after another, so that each is timed alone and
 * not while queued behind others; stops early after `maxSeconds` (slow pages
 * of the growth check) once it has 5. Uncompressed, as autocannon asks.
 */
export async function sampleLone(
  url: string,
  headers: Headers,
  { count = 20, maxSeconds = 10 } = {},
): Promise<LoneSample> {
  const samples: Array<Timing & { clientMs: number }> = [];
  const started = performance.now();
  while (samples.length < count) {
    if (samples.length >= 5 && performance.now() - started > maxSeconds * 1000) break;
    const sent = performance.now();
    const response = await fetch(url, {
      headers: { ...headers, "Accept-Encoding": "identity" },
      redirect: "manual",
    });
    await response.arrayBuffer();
    samples.push({
      ...parseServerTiming(response.headers.get("server-timing")),
      clientMs: performance.now() - sent,
    });
  }
  const medianOf = (key: keyof Timing | "clientMs") => {
    const values = samples.map((sample) => sample[key]).filter((value) => value !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    requests: samples.length,
    clientMs: medianOf("clientMs") ?? Number.NaN,
    dbMs: medianOf("dbMs"),
    statements: medianOf("statements"),
    renderMs: medianOf("renderMs"),
    totalMs: medianOf("totalMs"),
  };
}
