import { db, type Tx } from "#app/modules/db.server.ts";
import type { proposeIn } from "#app/modules/plans/plans.server.ts";
import type { TenantDb, TenantTx } from "#app/modules/tenant.server.ts";

/**
 * Checked by the compiler (npm run typecheck), never run: a plain transaction
 * cannot be handed to a function that works inside a scoped one, and the
 * scoped client offers no raw SQL. If the types stopped keeping these apart,
 * the `@ts-expect-error` lines would no longer be errors, and the typecheck fails.
 */
export function typesKeepTheDoorShut(plain: Tx, scoped: TenantTx, tdb: TenantDb) {
  // @ts-expect-error: a plain transaction is not a scoped one
  const asScoped: TenantTx = plain;
  // @ts-expect-error: the plain client is not a tenant door
  const asDoor: TenantDb = db;
  // @ts-expect-error: no raw SQL through the door
  void tdb.$queryRaw;
  // @ts-expect-error: nor inside its transactions
  void scoped.$executeRaw;
  type Arguments = Parameters<typeof proposeIn>;
  // @ts-expect-error: tenant helpers take only a scoped transaction
  const args: Arguments[0] = plain;
  return [asScoped, asDoor, args];
}
