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

/** What a loader or action answered (or threw), in one shape tests can assert on. */
export type Answer = {
  status: number;
  location: string | null;
  headers: Headers;
  data: unknown;
};

function answer(value: unknown): Answer {
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("location"),
      headers: value.headers,
      data: null,
    };
  }
  if (
    value &&
    typeof value === "object" &&
    (value as { type?: string }).type === "DataWithResponseInit"
  ) {
    const { data, init } = value as { data: unknown; init?: ResponseInit | null };
    return {
      status: init?.status ?? 200,
      location: null,
      headers: new Headers(init?.headers),
      data,
    };
  }
  return { status: 200, location: null, headers: new Headers(), data: value };
}

/**
 * Calls a loader or action the way the app does: the session middleware reads
 * the request's cookie first. Thrown responses (redirects, 404) are answers too.
 */
export async function callRoute(
  handler: (args: never) => unknown,
  request: Request,
  params: Record<string, string> = {},
  info: Partial<RequestInfo> = {},
): Promise<Answer> {
  const { loadSession } = await import("#app/modules/auth/request.server.ts");
  const args = routeArgs(request, params, info) as unknown as { context: RouterContextProvider };
  await loadSession(request, args.context);
  try {
    return answer(await handler(args as never));
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return answer(thrown);
  }
}
