import { type Db, db } from "#app/modules/db.server.ts";

/**
 * The one door to tenant data. Tables owned by an organisation carry
 * `organizationId`; every query on them goes through tenantDb(organizationId),
 * which adds the organisation to every filter and to every row written, so a
 * forgotten `where` cannot reach another organisation's rows. Transactions
 * opened through it are scoped the same way. A test fails when code queries
 * these tables on the plain client outside the few reviewed places
 * (tests/integration/tenant-door.test.ts).
 *
 * Do not reach tenant tables through `include` from a global table (a User's
 * memberships): query the tenant table itself.
 */
export const tenantDelegates = [
  "membership",
  "invitation",
  "case",
  "planItem",
  "planVersion",
  "privateNote",
  "planDigest",
  "physicianAdvice",
  "medicalNote",
  "medicalNoteRevision",
  "planReview",
  "consent",
] as const;
const tenant = new Set<string>(tenantDelegates);

declare const tenantBrand: unique symbol;
/** The Prisma client, scoped to one organisation. Typed apart so the plain client cannot stand in for it. */
export type TenantDb = Db & { readonly [tenantBrand]: true };

type Args = Record<string, unknown> & {
  where?: object;
  data?: unknown;
  create?: object;
  update?: unknown;
};

export function scopeArgs(organizationId: string, operation: string, args: Args): Args {
  const where = { ...(args.where ?? {}), organizationId };
  const withOrg = (data: unknown) => ({ ...(data as object), organizationId });
  const unchanged = (data: unknown) => {
    const value = (data as { organizationId?: unknown } | undefined)?.organizationId;
    if (value !== undefined && value !== organizationId) {
      throw new Error("Tenant data cannot move to another organisation");
    }
    return data;
  };
  switch (operation) {
    case "create":
      return { ...args, data: withOrg(args.data) };
    case "createMany":
    case "createManyAndReturn":
      return {
        ...args,
        data: Array.isArray(args.data) ? args.data.map(withOrg) : withOrg(args.data),
      };
    case "upsert":
      return { ...args, where, create: withOrg(args.create), update: unchanged(args.update) };
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      return { ...args, where, data: unchanged(args.data) };
    default:
      // findUnique, findFirst, findMany, count, aggregate, groupBy, delete, deleteMany, …
      return { ...args, where };
  }
}

function scopeDelegate(delegate: object, organizationId: string): object {
  return new Proxy(delegate, {
    get(target, operation, receiver) {
      const method = Reflect.get(target, operation, receiver);
      if (typeof method !== "function" || typeof operation !== "string") return method;
      return (args?: Args) => method.call(target, scopeArgs(organizationId, operation, args ?? {}));
    },
  });
}

function scopeClient<T extends object>(client: T, organizationId: string): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === "string" && tenant.has(property)) {
        return scopeDelegate(value as object, organizationId);
      }
      if (property === "$transaction" && typeof value === "function") {
        // The interactive form hands the callback a transaction scoped the same way.
        return (first: unknown, options?: unknown) =>
          typeof first === "function"
            ? value.call(target, (tx: object) => first(scopeClient(tx, organizationId)), options)
            : value.call(target, first, options);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function tenantDb(organizationId: string): TenantDb {
  return scopeClient(db, organizationId) as TenantDb;
}
