import { data } from "react-router";
import { env } from "#app/modules/env.server.ts";

/**
 * A deliberate fault, for the browser tests only (DEV_FAULT=1): it shows the
 * error page people see after an unexpected error, whose reference must be
 * in the log. Otherwise the address does not exist.
 */
export function loader() {
  if (!env().DEV_FAULT) throw data(null, { status: 404 });
  throw new Error("A deliberate fault for the browser tests (DEV_FAULT)");
}

/** A page (not a resource route), so the fault shows the root's error page as any page's would. */
export default function DevFault() {
  return null;
}
