import { RouterContextProvider } from "react-router";
import { type RequestInfo, requestInfoContext } from "#app/modules/http/request-context.ts";

/**
 * The arguments React Router passes to a loader or action, for calling them
 * directly in tests.
 */
export function routeArgs(
  request: Request,
  params: Record<string, string> = {},
  info: Partial<RequestInfo> = {},
) {
  const context = new RouterContextProvider();
  context.set(requestInfoContext, {
    requestId: "test-request",
    nonce: "test-nonce",
    ip: "203.0.113.7",
    userAgent: "vitest",
    ...info,
  });
  return { request, params, context, unstable_pattern: "", pattern: "" } as never;
}

export function get(path: string, headers: HeadersInit = {}) {
  return new Request(new URL(path, "http://localhost"), { headers });
}

export function post(path: string, fields: Record<string, string>, headers: HeadersInit = {}) {
  return new Request(new URL(path, "http://localhost"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}
