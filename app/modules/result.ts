/**
 * What every capability function that changes something returns: done (with
 * a value when there is one), or refused with a reason, plus what the caller
 * needs to explain it (the field at fault, the item as it is now, …).
 *
 *   const result = await proposeItem(…);
 *   if (!result.ok) return explain(result.reason);
 *   redirect(`#item-${result.value.itemId}`);
 *
 * The two refusals every route answers the same way ("not-found" → 404,
 * "forbidden" → 403) are turned into responses by `orRespond` in
 * app/modules/http/errors.server.ts.
 */
export type Refusal<R extends string = string> = { reason: R };

export type Done<T> = { ok: true; value: T };
export type Refused<F extends Refusal> = { ok: false } & F;
export type Result<T = undefined, F extends Refusal = Refusal> = Done<T> | Refused<F>;

export function done(): Done<undefined>;
export function done<T>(value: T): Done<T>;
export function done<T>(value?: T): Done<T | undefined> {
  return { ok: true, value };
}

export function refused<R extends string>(reason: R): Refused<Refusal<R>>;
export function refused<R extends string, D extends object>(
  reason: R,
  detail: D,
): Refused<Refusal<R> & D>;
export function refused<R extends string, D extends object>(reason: R, detail?: D) {
  return { ok: false as const, reason, ...detail };
}
