import { data } from "react-router";

/** Missing, or belonging to another organisation: the answer is the same, so nothing leaks. */
export function notFound(): never {
  throw data(null, { status: 404 });
}

/** A page the person's role does not open. */
export function forbidden(): never {
  throw data(null, { status: 403 });
}
