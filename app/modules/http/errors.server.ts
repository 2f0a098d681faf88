import { data } from "react-router";
import type { Result, Refusal as ResultRefusal } from "#app/modules/result.ts";
import type { Refusal } from "./refusal.ts";

/** Missing, or belonging to another organisation: the answer is the same, so nothing leaks. */
export function notFound(): never {
  throw data(null, { status: 404 });
}

/**
 * A request no page of ours would send (an unknown intent, a malformed id):
 * nothing was done, and the person sees the same page as for any request
 * Werkpad could not read.
 */
export function badRequest(): never {
  throw data({ refused: "unreadable" } satisfies { refused: Refusal }, { status: 400 });
}

/**
 * A change in an organisation that is scheduled for deletion: it is read-only
 * until the data is deleted or an owner cancels (organizations/deletion.server.ts).
 */
export function readOnly(): never {
  throw data({ refused: "read-only" } satisfies { refused: Refusal }, { status: 423 });
}

/** A page the person's role does not open. */
export function forbidden(): never {
  throw data(null, { status: 403 });
}

type Answered = { reason: "not-found" } | { reason: "forbidden" };

/**
 * Answers the refusals every route answers alike (404 for "not-found", 403
 * for "forbidden") and hands back the rest for the route to explain.
 */
export function orRespond<T, F extends ResultRefusal>(
  result: Result<T, F>,
): Result<T, Exclude<F, Answered>> {
  if (!result.ok && result.reason === "not-found") notFound();
  if (!result.ok && result.reason === "forbidden") forbidden();
  return result as Result<T, Exclude<F, Answered>>;
}
