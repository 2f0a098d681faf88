import { type Db, db, type Tx } from "#app/modules/db.server.ts";

/**
 * The one door to tenant data. Tables owned by an organisation carry
 * `organizationId`; every query on them goes through tenantDb(organizationId),
 * which adds the organisation to every filter and to every row written, so a
 * forgotten `where` cannot reach another organisation's rows. Transactions
 * opened through it hand their callback a scoped transaction (`TenantTx`),
 * and functions that work inside a caller's transaction take only that type,
 * so an unscoped transaction cannot be passed to them by mistake.
 *
 * Raw SQL cannot be scoped, so the scoped client has none; the only raw
 * statement a transaction needs, a lock, is `lockFor()`.
 *
 * The few deliberate reads across organisations live in
 * app/modules/cross-organization.server.ts; a test fails when any other code
 * queries these tables on the plain client (tests/integration/tenant-door.test.ts).
 * Routes never build a scoped client: the session middleware puts the one for
 * the organisation the person works in into the request context.
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
  "agreement",
  "agreementSignature",
  "adjustmentPassport",
  "conversation",
  "conversationNote",
  "conversationTopic",
  "conversationPreparation",
  "subscription",
  "invoice",
  "checkIn",
  "actualHours",
  "calendarFeed",
  "caseAbsence",
  "caseEvent",
  "deadlineDone",
  "caseStatusChange",
] as const;
const tenant = new Set<string>(tenantDelegates);

/** What the scoped clients do not offer: SQL that the door cannot scope, and connection control. */
const unscoped = [
  "$queryRaw",
  "$queryRawUnsafe",
  "$executeRaw",
  "$executeRawUnsafe",
  "$connect",
  "$disconnect",
  "$extends",
  "$on",
] as const;
type Unscoped = (typeof unscoped)[number];
const refused = new Set<string>(unscoped);

declare const scoped: unique symbol;
/** The brand that tells a scoped client apart from the plain one, and the organisation it works for. */
type Scope = { readonly [scoped]: true; readonly organizationId: string };

/** A transaction through the tenant door. Functions that join a caller's transaction take this type. */
export type TenantTx = Omit<Tx, Unscoped> & Scope;

/** The Prisma client, scoped to one organisation. */
export type TenantDb = Omit<Db, Unscoped | "$transaction"> &
  Scope & {
    $transaction<T>(
      work: (tx: TenantTx) => Promise<T>,
      options?: { timeout?: number; maxWait?: number },
    ): Promise<T>;
  };

/** The plain client behind a scoped one: only for lockFor(), never handed out. */
const underlying = Symbol("underlying client");

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
      if (property === underlying) return target;
      if (property === "organizationId") return organizationId;
      if (typeof property === "string" && refused.has(property)) {
        throw new Error(`${property} is not scoped to an organisation: use a reviewed helper`);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === "string" && tenant.has(property)) {
        return scopeDelegate(value as object, organizationId);
      }
      if (property === "$transaction" && typeof value === "function") {
        // Only the interactive form: its callback gets a transaction scoped the same way.
        return (work: (tx: object) => Promise<unknown>, options?: unknown) =>
          value.call(target, (tx: object) => work(scopeClient(tx, organizationId)), options);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function tenantDb(organizationId: string): TenantDb {
  return scopeClient(db, organizationId) as unknown as TenantDb;
}

/**
 * The same transaction, scoped to one organisation: for work that starts on
 * global tables and continues in an organisation it has just found or made
 * (signing up creates the organisation, then its first member).
 */
export function withinOrganization(tx: Tx, organizationId: string): TenantTx {
  return scopeClient(tx, organizationId) as unknown as TenantTx;
}

/**
 * Holds a transaction-scoped advisory lock on `key` until the transaction
 * ends: serialises work that must not interleave (the last agreement of a
 * plan, an organisation's owner count, an audit chain's next link).
 */
export async function lockFor(tx: Tx | TenantTx, key: string): Promise<void> {
  const plain = ((tx as { [underlying]?: Tx })[underlying] ?? tx) as Tx;
  await plain.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
