import type { ReactNode } from "react";
import type { Refusal } from "#app/modules/http/refusal.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { ButtonLink } from "./ui/button.tsx";

/** The frame of the 404 and error pages: calm, short, one clear way forward. */
export function StatusPage({
  code,
  heading,
  children,
}: {
  code: string;
  heading: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-2xl py-12 sm:py-20">
      <p className="text-sm font-semibold tracking-wide text-brand-700">{code}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-ink sm:text-4xl">{heading}</h1>
      <div className="mt-4 flex flex-col gap-4 text-lg text-muted">{children}</div>
    </div>
  );
}

/** Shown for unknown addresses and for anything a person may not see or that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusPage code="404" heading={t("notFound.heading")}>
      <title>{`${t("notFound.title")} · ${t("app.name")}`}</title>
      <p>{t("notFound.body")}</p>
      <p>
        <ButtonLink to="/">{t("notFound.home")}</ButtonLink>
      </p>
    </StatusPage>
  );
}

/**
 * A request the request guard refused (a damaged form, one too large, or one
 * sent from another website), or a change in an organisation that is
 * scheduled for deletion: nothing was saved, and what to do now.
 */
export function RefusedRequestPage({ refused, code }: { refused: Refusal; code: number }) {
  // The read-only refusal's texts live with the organisation's deletion: the
  // common catalogue, which every page loads, stays small.
  const { t } = useTranslation(["common", "organization"]);
  const texts = refused === "read-only" ? "organization:readOnly" : `refused.${refused}`;
  const heading = t(`${texts}.heading` as "refused.unreadable.heading");
  return (
    <StatusPage code={String(code)} heading={heading}>
      <title>{`${heading} · ${t("app.name")}`}</title>
      <p>{t(`${texts}.body` as "refused.unreadable.body")}</p>
      <p>{t("refused.nothingSaved")}</p>
      <p>
        <ButtonLink to="/" reloadDocument>
          {t("refused.home")}
        </ButtonLink>
      </p>
    </StatusPage>
  );
}
