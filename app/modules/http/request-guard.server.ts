import { data, type MiddlewareFunction } from "react-router";
import { type Env, env } from "#app/modules/env.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type Refusal, refusalStatus } from "./refusal.ts";
import { requestInfoContext } from "./request-context.ts";

/**
 * The first thing every request meets (the root route's middleware, so page,
 * `.data` and resource routes alike): requests that could only do harm or
 * fail later are refused here, before a loader or action runs, so that no
 * route can forget a check. See docs/decisions/0017.
 *
 * - A request that changes something (any method but GET and HEAD) must come
 *   from Werkpad's own pages: a cross-site one gets 403.
 * - An address that cannot be decoded, or holds a character PostgreSQL
 *   refuses (NUL), gets 400.
 * - A body must be a form (urlencoded or multipart, no files) of at most
 *   `maxBodyBytes`, without such characters: 400, or 413 when too large.
 *   The one exception is `fileUploads`: addresses whose form takes a file.
 *   The body is parsed from a copy, so actions still read `request.formData()`,
 *   which cannot fail any more.
 *
 * Refusals carry `{ refused: reason }`, which the root error boundary turns
 * into a page in the reader's language.
 */

/**
 * The largest body accepted. Werkpad's largest form, a 4,000-character note,
 * is at most 48 KiB even if every character takes four bytes and each byte is
 * percent-encoded; 256 KiB leaves room for growth and keeps what one request
 * can make the server hold (the body is parsed from a copy) small. No form
 * takes files.
 */
export const maxBodyBytes = 256 * 1024;

/**
 * The forms that take a file: the field the file goes in, and the most the
 * body may hold. /verify checks PDFs of up to 10 MB (it says so itself for a
 * file between that and this limit, which leaves room for the form around it).
 */
export const fileUploads: Record<string, { field: string; maxBytes: number }> = {
  "/verify": { field: "file", maxBytes: 16 * 1024 * 1024 },
};

/**
 * Addresses that take a machine's JSON, not a person's form: Stripe's
 * webhooks, which prove themselves by signature (billing/webhook.server.ts)
 * and need their raw body untouched. Only the size is checked here; a body
 * that is not Stripe's gets 400 there.
 */
export const machineEndpoints: Record<string, { maxBytes: number }> = {
  "/webhooks/stripe": { maxBytes: 1024 * 1024 },
};

function machineEndpointOf(href: string): { maxBytes: number } | undefined {
  const path = new URL(href).pathname;
  return Object.hasOwn(machineEndpoints, path) ? machineEndpoints[path] : undefined;
}

function uploadOf(href: string): { field: string; maxBytes: number } | undefined {
  // A browser's form posts to the page's address, or, with JavaScript, to its ".data" twin.
  const path = new URL(href).pathname.replace(/\.data$/, "");
  return Object.hasOwn(fileUploads, path) ? fileUploads[path] : undefined;
}

function refuse(reason: Refusal, context: { requestId?: string }, details: object = {}): never {
  // Never the body or the query: they can carry personal text and tokens.
  log.warn("request refused", { requestId: context.requestId, reason, ...details });
  throw data({ refused: reason }, { status: refusalStatus[reason] });
}

export const requestGuard: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const requestId = context.get(requestInfoContext).requestId;
  const mutation = request.method !== "GET" && request.method !== "HEAD";
  // The body is read before anything is refused, so that the answer can be sent at all (readAtMost).
  const machine = machineEndpointOf(request.url);
  const upload = uploadOf(request.url);
  const body = mutation
    ? await readAtMost(request, machine?.maxBytes ?? upload?.maxBytes ?? maxBodyBytes)
    : null;
  if (mutation) {
    const origin = crossSiteOrigin(request, trustedOrigins(request.url, env()));
    if (origin !== null) refuse("cross-site", { requestId }, { method: request.method, origin });
  }
  if (!readableUrl(request.url)) refuse("unreadable", { requestId }, { part: "address" });
  if (machine && body === "too-large") refuse("too-large", { requestId }, { part: "body" });
  if (body !== null && !machine) {
    const problem = await formProblem(request, body, upload?.field);
    if (problem) refuse(problem.refusal, { requestId }, { part: problem.part });
  }
  return next();
};

/**
 * The origins whose pages may send forms: Werkpad's public address (APP_URL).
 * Outside production also the address the request itself came to, so the
 * development server works on localhost, 127.0.0.1 or a LAN address. In
 * production only APP_URL counts: behind a proxy the request's own address is
 * the proxy's view, and APP_URL is the one address people use.
 */
export function trustedOrigins(
  requestUrl: string,
  { APP_URL, NODE_ENV }: Pick<Env, "APP_URL" | "NODE_ENV">,
): string[] {
  const origins = [new URL(APP_URL).origin];
  if (NODE_ENV !== "production") origins.push(new URL(requestUrl).origin);
  return origins;
}

/**
 * The foreign origin a request came from, or null when it came from our own
 * pages (or not from a browser at all). Browsers send `Origin` with every
 * cross-origin POST; `null` (sandboxed frames, some redirects) is never ours.
 * Without `Origin`, `Sec-Fetch-Site` and then `Referer` decide. A request
 * with none of them is not a browser's, so it cannot carry a victim's cookie
 * against their will.
 */
export function crossSiteOrigin(request: Request, trusted: string[]): string | null {
  const origin = request.headers.get("origin");
  if (origin !== null) return trusted.includes(origin) ? null : origin;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? null : `(${site})`;
  const referer = request.headers.get("referer");
  if (referer !== null) {
    const refererOrigin = URL.parse(referer)?.origin ?? "(unreadable referer)";
    return trusted.includes(refererOrigin) ? null : refererOrigin;
  }
  return null;
}

/**
 * Text PostgreSQL cannot store: NUL (error 22021 in text, 22P05 in JSON) and
 * lone UTF-16 surrogates (22P05 in JSON). Forms cannot carry the latter (the
 * body is decoded as UTF-8), but addresses and future callers might.
 */
export function hasRefusedCharacter(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

function readableUrl(href: string): boolean {
  const url = new URL(href);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (hasRefusedCharacter(path)) return false;
  for (const [name, value] of url.searchParams) {
    if (hasRefusedCharacter(name) || hasRefusedCharacter(value)) return false;
  }
  return true;
}

const formTypes = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

async function formProblem(
  request: Request,
  body: Uint8Array<ArrayBuffer> | "too-large",
  fileField: string | undefined,
): Promise<{ refusal: Refusal; part: string } | null> {
  if (body === "too-large") return { refusal: "too-large", part: "body" };
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!formTypes.has(mediaType)) return { refusal: "unreadable", part: "content type" };
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return { refusal: "unreadable", part: "body" };
  }
  for (const [name, value] of form) {
    if (typeof value !== "string") {
      if (name === fileField) continue;
      return { refusal: "unreadable", part: "file" };
    }
    if (hasRefusedCharacter(name) || hasRefusedCharacter(value))
      return { refusal: "unreadable", part: "field" };
  }
  return null;
}

/**
 * Past this much, a too-large body is no longer read to the end: nobody sends
 * that through a form, and the connection is left to time out.
 */
const maxDrainBytes = 64 * 1024 * 1024;

/**
 * The body's bytes, or "too-large" once it passes the limit. A too-large body
 * is still read to its end (up to maxDrainBytes) and dropped: a browser
 * shows the answer only after it has sent the whole form, and it would wait
 * forever on a server that stopped reading. The request's own copy of the
 * body is cancelled first, so the dropped bytes are not kept for it.
 */
async function readAtMost(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const copy = request.clone();
  if (!copy.body) return new Uint8Array();
  const reader = copy.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= limit) chunks.push(value);
    else if (size - value.byteLength <= limit) {
      // Not awaited: cancelling one of two copies settles only when both are cancelled.
      request.body?.cancel().catch(() => {});
      chunks.length = 0;
    }
    if (size > maxDrainBytes) {
      reader.releaseLock();
      break;
    }
  }
  if (size > limit) return "too-large";
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
