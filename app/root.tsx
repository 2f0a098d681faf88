import { type ReactNode, useEffect, useMemo } from "react";
import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import { NamespacesUsed, useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/root";
import "./app.css";
import { AppHeader, type HeaderPage } from "./components/app-header.tsx";
import {
  markDocumentRendered,
  useErrorReference,
  useRenderInfo,
} from "./components/request-info.tsx";
import { NotFoundPage, RefusedRequestPage, StatusPage } from "./components/status-page.tsx";
import { ButtonLink } from "./components/ui/button.tsx";
import { FocusTargetProvider } from "./components/ui/focus-target.tsx";
import { NavigationProgress } from "./components/ui/pending.tsx";
import { Toaster } from "./components/ui/toast.tsx";
import { optionalUser, sessionMiddleware } from "./modules/auth/request.server.ts";
import { isRefusal } from "./modules/http/refusal.ts";
import { requestGuard } from "./modules/http/request-guard.server.ts";
import { takeToast } from "./modules/http/toast.server.ts";
import { formatMomentDate } from "./modules/i18n/dates.ts";
import { type Language, languageOfRequest } from "./modules/i18n/languages.ts";
import { serverI18n } from "./modules/i18n/resources.server.ts";
import { type Action, type Actor, can } from "./modules/policy/policy.ts";

export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The guard first: a refused request never reaches the session or a route.
export const middleware: Route.MiddlewareFunction[] = [requestGuard, sessionMiddleware];

function deletionBanner(language: Language, organization: string, dueAt: Date, mayCancel: boolean) {
  const { t } = serverI18n(language);
  return {
    text: t("organization:banner.text", {
      organization,
      date: formatMomentDate(language, dueAt),
    }),
    cancel: mayCancel ? t("organization:banner.cancel") : null,
  };
}

/** The header's links, in order, and the policy action that opens each page. */
const headerLinks = [
  { page: "members", action: "members.list" },
  { page: "audit", action: "audit.view" },
  { page: "insights", action: "insights.view" },
  { page: "billing", action: "billing.manage" },
  { page: "problems", action: "problems.view" },
] as const satisfies ReadonlyArray<{ page: HeaderPage; action: Action }>;

/** The header's links this person may follow: the policy decides, here on the server. */
function pagesFor(actor: Actor): HeaderPage[] {
  return headerLinks.filter(({ action }) => can(actor, action)).map(({ page }) => page);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { toast, headers } = await takeToast(request);
  const signedIn = optionalUser({ context });
  const organizations = signedIn?.organizations ?? [];
  const account = signedIn
    ? {
        name: signedIn.user.name,
        /** Sensitive forms ask for a current code (components/two-factor/second-factor-field.tsx). */
        twoFactor: signedIn.user.twoFactor,
        actor: signedIn.membership
          ? {
              userId: signedIn.user.id,
              organizationId: signedIn.membership.organizationId,
              role: signedIn.membership.role,
              emailVerified: signedIn.user.emailVerified,
            }
          : null,
        pages: signedIn.membership
          ? pagesFor({
              userId: signedIn.user.id,
              organizationId: signedIn.membership.organizationId,
              role: signedIn.membership.role,
              emailVerified: signedIn.user.emailVerified,
            })
          : [],
        organizationName: signedIn.membership?.organizationName ?? null,
        /**
         * While a deletion is scheduled: the banner's texts, in the reader's
         * language, made here so that no page's JavaScript carries them.
         */
        deletion: signedIn.membership?.deletionDueAt
          ? deletionBanner(
              languageOfRequest(request),
              signedIn.membership.organizationName,
              signedIn.membership.deletionDueAt,
              signedIn.membership.role === "OWNER",
            )
          : null,
        organizations,
        /** The language people in this organisation write in (components/user-text.tsx). */
        contentLanguage:
          organizations.find(({ id }) => id === signedIn.membership?.organizationId)?.language ??
          null,
      }
    : null;
  return data({ language: languageOfRequest(request), toast, account }, { headers });
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { nonce, requestId } = useRenderInfo();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const toast = rootData?.toast ?? null;
  const focusTarget = useMemo(
    () => ({ id: toast?.focus ?? null, claimed: { current: false } }),
    [toast],
  );
  return (
    <html lang={i18n.language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="request-id" content={requestId} />
        <Meta />
        {/* Stylesheets and module preloads are allowed by 'self' and need no nonce;
            an empty one keeps the server's nonce off them, so hydration matches. */}
        <Links nonce="" />
      </head>
      <body className="flex min-h-dvh flex-col">
        <FocusTargetProvider target={focusTarget}>
          <a
            href="#main"
            className="sr-only rounded-md bg-surface px-4 py-2 font-semibold text-brand-700 focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50"
          >
            {t("app.skipToContent")}
          </a>
          <NavigationProgress />
          <AppHeader account={rootData?.account ?? null} />
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6"
          >
            {rootData?.account?.deletion ? (
              <div className="deletion-banner">
                <p className="font-medium">{rootData.account.deletion.text}</p>
                {rootData.account.deletion.cancel ? (
                  <Link to="/organization" className="font-semibold underline">
                    {rootData.account.deletion.cancel}
                  </Link>
                ) : null}
              </div>
            ) : null}
            {children}
          </main>
          <footer className="border-t border-line bg-surface print:hidden">
            <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-6 text-sm text-muted sm:px-6">
              <p>{t("app.footer")}</p>
              <p>{t("app.footerLegal")}</p>
              <p>
                <Link to="/design" className="font-medium text-brand-700 underline">
                  {t("nav.designSystem")}
                </Link>
              </p>
            </div>
          </footer>
          <Toaster toast={toast} />
        </FocusTargetProvider>
        {/* Last, so that it lists every namespace the page above used. */}
        <NamespacesUsed />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useEffect(markDocumentRendered, []);
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const reference = useErrorReference();
  const location = useLocation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (isRouteErrorResponse(error) && isRefusal(error.data))
    return <RefusedRequestPage refused={error.data.refused} code={error.status} />;
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <StatusPage code="403" heading={t("forbidden.heading")}>
        <title>{`${t("forbidden.title")} · ${t("app.name")}`}</title>
        <p>{t("forbidden.body")}</p>
        <p>
          <ButtonLink to="/app">{t("forbidden.home")}</ButtonLink>
        </p>
      </StatusPage>
    );
  }
  return (
    <StatusPage
      code={isRouteErrorResponse(error) ? String(error.status) : "500"}
      heading={t("error.heading")}
    >
      <title>{`${t("error.title")} · ${t("app.name")}`}</title>
      <p>{t("error.body")}</p>
      {reference ? (
        <div className="rounded-lg border border-line bg-surface p-4 text-base">
          <p className="font-mono font-semibold text-ink">
            {t("error.reference", { id: reference })}
          </p>
          <p>{t("error.referenceHelp")}</p>
        </div>
      ) : null}
      <p className="flex flex-wrap gap-3">
        <ButtonLink to={location.pathname + location.search} reloadDocument>
          {t("error.tryAgain")}
        </ButtonLink>
        <ButtonLink to="/" variant="secondary" reloadDocument>
          {t("error.home")}
        </ButtonLink>
      </p>
    </StatusPage>
  );
}
