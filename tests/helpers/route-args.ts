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
  return { request, params, context, url: pageUrl(request), pattern: "" } as never;
}

/** The address loaders see in `url`: React Router's, without the `.data` of a single fetch. */
function pageUrl(request: Request): URL {
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(/\/_\.data$/, "/").replace(/\.data$/, "");
  url.searchParams.delete("_routes");
  return url;
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

// The data a loader or action answered, kept next to the Response the middleware sees.
const dataOf = new WeakMap<Response, unknown>();

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  const { status, headers, data } = answer(value);
  const response = new Response(null, { status, headers });
  dataOf.set(response, data);
  return response;
}

/**
 * Runs `inner` the way the app runs a request: through the root route's
 * middleware (the request guard, then the session), exactly the list
 * app/root.tsx exports. A response thrown by the middleware (a redirect, a
 * refused request) is the answer; an unexpected error is thrown.
 */
async function throughMiddleware(
  request: Request,
  params: Record<string, string>,
  info: Partial<RequestInfo>,
  inner: (args: never) => Promise<Response>,
): Promise<Response> {
  const { middleware } = await import("#app/root.tsx");
  const args = routeArgs(request, params, info) as unknown as Parameters<
    (typeof middleware)[number]
  >[0];
  const run = async (index: number): Promise<Response> => {
    const step = middleware[index];
    if (step) return (await step(args, () => run(index + 1))) as Response;
    return inner(args as never);
  };
  try {
    return await run(0);
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return toResponse(thrown);
  }
}

/** A loader's or action's answer, thrown or returned (an unexpected error is thrown on). */
async function settle(handler: (args: never) => unknown, args: never): Promise<unknown> {
  try {
    return await handler(args);
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return thrown;
  }
}

/**
 * Calls a loader or action the way the app does (throughMiddleware). Thrown
 * responses (redirects, 404, a refused request) are answers too; an
 * unexpected error is thrown, as the server would answer 500.
 */
export async function callRoute(
  handler: (args: never) => unknown,
  request: Request,
  params: Record<string, string> = {},
  info: Partial<RequestInfo> = {},
): Promise<Answer> {
  const response = await throughMiddleware(request, params, info, async (args) =>
    toResponse(await settle(handler, args)),
  );
  return { ...answer(response), data: dataOf.get(response) ?? null };
}

/** The Response itself, as the server would send it: for files (a PDF), whose bytes tests read. */
export function responseOf(
  handler: (args: never) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  return throughMiddleware(request, params, {}, async (args) =>
    toResponse(await settle(handler, args)),
  );
}

/** The toast an answer leaves for the next page (the werkpad_toast cookie), if any. */
export function toastOf(answer: {
  headers: Headers;
}): { kind: string; message: string; focus?: string } | null {
  const cookie = answer.headers.getSetCookie().find((c) => c.startsWith("werkpad_toast="));
  const value = cookie?.split(";")[0]?.slice("werkpad_toast=".length);
  if (!value) return null;
  // React Router's cookies: JSON, UTF-8 escaped, base64, percent-encoded.
  return JSON.parse(decodeURIComponent(escape(atob(decodeURIComponent(value)))));
}

/**
 * A page as React Router loads it: the root route's middleware once, then
 * the loaders of the page's routes (root first) side by side. Their answers, in order.
 */
export async function loadPage(
  loaders: Array<(args: never) => unknown>,
  request: Request,
  params: Record<string, string> = {},
): Promise<Answer[]> {
  let answers: Answer[] = [];
  await throughMiddleware(request, params, {}, async (args) => {
    answers = (await Promise.all(loaders.map((loader) => settle(loader, args)))).map(answer);
    return new Response(null);
  });
  return answers;
}
