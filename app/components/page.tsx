import type { ReactNode } from "react";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/** A page's title (in the tab and as its one h1) and an optional introduction. */
export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="mb-6 max-w-3xl">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1 className="text-3xl font-bold tracking-tight text-ink">{title}</h1>
      {intro ? <div className="mt-2 text-lg text-muted">{intro}</div> : null}
    </header>
  );
}

/** The narrow column of the sign-in and sign-up pages. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-md py-4 sm:py-8">{children}</div>;
}
