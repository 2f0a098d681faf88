import {
  createContext,
  type MiddlewareFunction,
  type RouterContextProvider,
  redirect,
} from "react-router";
import { readOnly } from "#app/modules/http/errors.server.ts";
import { requestInfoContext } from "#app/modules/http/request-context.ts";
import { readCookie } from "#app/modules/i18n/languages.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";
import {
  blankSessionCookie,
  pendingSignInCookieName,
  type SignedIn,
  sessionCookie,
  sessionCookieName,
  validateSessionToken,
} from "./session.server.ts";

/**
 * Who is asking. The root middleware reads the session cookie once per
 * request; loaders and actions ask through the guards below.
 */
export const signedInContext = createContext<SignedIn | null>(null);
/** The tenant door of the organisation the person works in, opened once per request. */
const tenantContext = createContext<TenantDb | null>(null);

type Args = { request: Request; context: Readonly<RouterContextProvider> };

/** Reads and validates the session cookie into the context; returns cookies to set on the response. */
export async function loadSession(
  request: Request,
  context: RouterContextProvider,
): Promise<string[]> {
  const token = readCookie(request.headers.get("cookie"), sessionCookieName);
  if (!token) return [];
  const signedIn = await validateSessionToken(token);
  context.set(signedInContext, signedIn);
  if (signedIn?.membership) {
    context.set(tenantContext, tenantDb(signedIn.membership.organizationId));
  }
  if (!signedIn) return [blankSessionCookie()];
  return signedIn.renewed ? [sessionCookie(token, signedIn.expiresAt)] : [];
}

export const sessionMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const cookies = await loadSession(request, context as RouterContextProvider);
  const response = await next();
  for (const cookie of cookies) response.headers.append("Set-Cookie", cookie);
  // What a signed-in person sees, and any answer that sets a cookie, is never
  // kept by a browser or proxy cache: pages and `.data` alike.
  if (context.get(signedInContext) || response.headers.has("Set-Cookie"))
    response.headers.set("Cache-Control", "no-store");
  return response;
};

export function optionalUser({ context }: Pick<Args, "context">): SignedIn | null {
  return context.get(signedInContext);
}

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export function requireUser({ request, context }: Args): SignedIn {
  const signedIn = context.get(signedInContext);
  if (signedIn) return signedIn;
  throw redirect(`/signin?${new URLSearchParams({ redirectTo: pagePath(request) })}`);
}

/**
 * The page a request is for, to come back to after signing in: without the
 * `.data` suffix and `_routes` parameter of React Router's data requests, so
 * the person lands on the page and not on its raw data.
 */
export function pagePath(request: Request): string {
  const url = new URL(request.url);
  const pathname = url.pathname.replace(/\/_\.data$/, "/").replace(/\.data$/, "");
  url.searchParams.delete("_routes");
  const search = url.searchParams.toString();
  return pathname + (search ? `?${search}` : "");
}

export type Member = SignedIn & {
  membership: NonNullable<SignedIn["membership"]>;
  actor: Actor;
  /** The only way routes reach tenant data: scoped to the organisation the person works in. */
  tdb: TenantDb;
};

/**
 * The signed-in person working in an organisation they belong to. Someone
 * whose organisation requires two-factor sign-in of their role, and who has
 * not set it up, is sent to set it up first, whatever page they asked for.
 * While the organisation is scheduled for deletion it is read-only: every
 * request that could change something (any method but GET and HEAD) is
 * refused with 423, unless the route says it stays open then (the owners'
 * page, to cancel).
 */
export function requireMember(args: Args, options: { openDuringDeletion?: boolean } = {}): Member {
  const signedIn = requireUser(args);
  const tdb = args.context.get(tenantContext);
  if (!signedIn.membership || !tdb) throw redirect("/organizations");
  if (signedIn.membership.twoFactorRequired && !signedIn.user.twoFactor)
    throw redirect(
      `/account/two-factor?${new URLSearchParams({ redirectTo: pagePath(args.request) })}`,
    );
  const changes = !["GET", "HEAD"].includes(args.request.method);
  if (changes && signedIn.membership.deletionDueAt && !options.openDuringDeletion) readOnly();
  return {
    ...signedIn,
    membership: signedIn.membership,
    tdb,
    actor: {
      userId: signedIn.user.id,
      organizationId: signedIn.membership.organizationId,
      role: signedIn.membership.role,
      emailVerified: signedIn.user.emailVerified,
    },
  };
}

/** Pages for people who are not signed in (sign-in, sign-up) send signed-in people home. */
export function requireAnonymous({ context }: Pick<Args, "context">): void {
  if (context.get(signedInContext)) throw redirect("/app");
}

/** IP address and browser of the request, for rate limits and the audit trail. */
export function clientOf({ context }: Pick<Args, "context">): {
  ipAddress: string;
  userAgent: string;
} {
  const info = context.get(requestInfoContext);
  return { ipAddress: info.ip, userAgent: info.userAgent };
}

/** The token of a sign-in halfway (a password given, the two-factor code still to come), if any. */
export function pendingSignInToken(request: Request): string | null {
  return readCookie(request.headers.get("cookie"), pendingSignInCookieName) ?? null;
}
