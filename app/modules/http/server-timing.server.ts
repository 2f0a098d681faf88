import type { ServerResponse } from "node:http";
import { createContext } from "react-router";
import { newMeter, type QueryMeter } from "#app/modules/db/query-meter.server.ts";

/**
 * Where a response's time went, in its Server-Timing header: the database
 * (how many statements, and how long they took), the rendering of the page,
 * and the whole answer. Browsers' developer tools and the benchmark read it.
 */
export type RequestTiming = {
  started: number;
  meter: QueryMeter;
  /** Set by entry.server.tsx when the page's HTML is ready; null for data and resource requests. */
  renderMs: number | null;
};

export const requestTimingContext = createContext<RequestTiming | null>(null);

export function serverTiming({ started, meter, renderMs }: RequestTiming): string {
  const parts = [
    `db;dur=${meter.databaseMs.toFixed(1)};desc="${meter.statements} statements"`,
    ...(renderMs === null ? [] : [`render;dur=${renderMs.toFixed(1)}`]),
    `total;dur=${(performance.now() - started).toFixed(1)}`,
  ];
  return parts.join(", ");
}

/**
 * Opens the timing of one request; its Server-Timing header is written just
 * before the response's own. Count its statements with `metered(timing.meter, …)`.
 */
export function timeRequest(response: ServerResponse): RequestTiming {
  const timing: RequestTiming = { started: performance.now(), meter: newMeter(), renderMs: null };
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader("Server-Timing", serverTiming(timing));
    return (writeHead as (...all: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  return timing;
}
