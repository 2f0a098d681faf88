import { Form, Link, NavLink, useLocation } from "react-router";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { LanguageSwitcher } from "./language-switcher.tsx";

/** The organisation's pages the header may link to, in order (the root loader picks those the policy allows). */
export type HeaderPage = "members" | "audit" | "insights" | "billing" | "problems";

export type HeaderAccount = {
  name: string;
  actor: Actor | null;
  /** The pages this person may open in the organisation they work in, in the header's order. */
  pages: HeaderPage[];
  organizationName: string | null;
  organizations: Array<{ id: string; name: string }>;
};

// Classes of app.css: the header is on every page, and the plan page has a weight budget.
const navLink = ({ isActive }: { isActive: boolean }) =>
  isActive ? "nav-link nav-link-active" : "nav-link";

export function AppHeader({ account }: { account: HeaderAccount | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const actor = account?.actor ?? null;
  return (
    <header className="border-b border-line bg-surface print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          to={account ? "/app" : "/"}
          className="flex items-center gap-2 rounded-md text-xl font-bold text-brand-800"
        >
          <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
            <rect width="32" height="32" rx="8" className="fill-brand-600" />
            <path
              d="M8 20c3-7 5-9 8-9s5 2 8 9"
              fill="none"
              stroke="white"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
            <circle cx="16" cy="11" r="2.5" fill="white" />
          </svg>
          {t("app.name")}
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          {account ? <OrganizationSwitcher account={account} /> : null}
          <LanguageSwitcher />
        </div>
      </div>
      <nav aria-label={t("app.mainNavigation")} className="border-t border-line/60">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-1 sm:px-6">
          {account ? (
            <>
              <ul className="flex flex-wrap items-center gap-1">
                <li>
                  <NavLink to="/app" end className={navLink}>
                    {t("nav.home")}
                  </NavLink>
                </li>
                {actor ? (
                  <li>
                    <NavLink to="/cases" className={navLink}>
                      {actor.role === "EMPLOYEE" ? t("nav.yourPlan") : t("nav.cases")}
                    </NavLink>
                  </li>
                ) : null}
                {account.pages.map((page) => (
                  <li key={page}>
                    <NavLink to={`/${page}`} className={navLink}>
                      {t(`nav.${page}`)}
                    </NavLink>
                  </li>
                ))}
              </ul>
              <div className="flex flex-wrap items-center gap-1">
                <NavLink to="/account" className={navLink}>
                  {t("nav.account")} <span className="sr-only">({account.name})</span>
                </NavLink>
                <Form method="post" action="/signout">
                  <button
                    type="submit"
                    className="min-h-11 rounded-md px-3 font-medium text-ink hover:bg-canvas"
                  >
                    {t("nav.signOut")}
                  </button>
                </Form>
              </div>
            </>
          ) : (
            <ul className="ml-auto flex items-center gap-1">
              <li>
                <NavLink
                  to={`/signin?${new URLSearchParams({ redirectTo: location.pathname })}`}
                  className={navLink}
                >
                  {t("nav.signIn")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/signup" className={navLink}>
                  {t("nav.signUp")}
                </NavLink>
              </li>
            </ul>
          )}
        </div>
      </nav>
    </header>
  );
}

/** People in several organisations (typically a physician) choose where they work; others see its name. */
function OrganizationSwitcher({ account }: { account: HeaderAccount }) {
  const { t } = useTranslation();
  if (account.organizations.length < 2) {
    return account.organizationName ? (
      <p className="px-2 text-sm font-medium text-muted">{account.organizationName}</p>
    ) : null;
  }
  return (
    <Form method="post" action="/organizations" className="flex min-w-0 items-center gap-2">
      <label htmlFor="organization-switch" className="sr-only">
        {t("nav.organization")}
      </label>
      {/* Keyed, so a switch made elsewhere (the physician's case list) shows here too. */}
      <select
        key={account.actor?.organizationId}
        id="organization-switch"
        name="organizationId"
        defaultValue={account.actor?.organizationId}
        className="min-h-11 min-w-0 max-w-56 shrink rounded-md border border-line bg-surface px-2 text-sm"
      >
        {account.organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-line px-3 text-sm font-semibold text-ink hover:bg-canvas"
      >
        {t("nav.switch")}
      </button>
    </Form>
  );
}
