import { Link } from "react-router";
import { Card } from "#app/components/ui/card.tsx";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

const audiences = ["hr", "manager", "employee", "physician"] as const;
const principles = ["capacities", "together", "fluctuate", "versions", "signed", "email"] as const;

export default function Home() {
  const { t } = useTranslation("home");
  return (
    <div className="flex flex-col gap-12">
      <title>{t("title")}</title>
      <meta name="description" content={t("app.tagline", { ns: "common" })} />
      <section className="max-w-3xl">
        <p className="font-semibold text-brand-700">{t("app.tagline", { ns: "common" })}</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-ink sm:text-5xl">
          {t("heading")}
        </h1>
        <p className="mt-4 text-lg text-muted">{t("intro")}</p>
        <p className="mt-4 flex flex-wrap gap-4">
          <Link to="/guides" className="font-semibold text-brand-700 underline">
            {t("nav.guides", { ns: "common" })}
          </Link>
          <Link to="/hub" className="font-semibold text-brand-700 underline">
            {t("nav.hub", { ns: "common" })}
          </Link>
        </p>
      </section>

      <section aria-labelledby="audiences">
        <h2 id="audiences" className="mb-4 text-2xl font-bold text-ink">
          {t("audiencesHeading")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {audiences.map((audience) => (
            <Card key={audience} title={t(`audiences.${audience}.title`)} headingLevel={3}>
              <p className="text-muted">{t(`audiences.${audience}.body`)}</p>
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="principles" className="rounded-xl bg-brand-50 p-6 sm:p-8">
        <h2 id="principles" className="mb-4 text-2xl font-bold text-brand-900">
          {t("principlesHeading")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {principles.map((principle) => (
            <li key={principle} className="flex gap-3 text-ink">
              <svg
                aria-hidden="true"
                viewBox="0 0 20 20"
                className="mt-1 size-5 shrink-0 fill-brand-600"
              >
                <path d="M10 1.5a8.5 8.5 0 1 1 0 17 8.5 8.5 0 0 1 0-17Zm3.7 5.3a1 1 0 0 0-1.4 0L9 10.1 7.7 8.8a1 1 0 1 0-1.4 1.4l2 2a1 1 0 0 0 1.4 0l4-4a1 1 0 0 0 0-1.4Z" />
              </svg>
              <span>{t(`principles.${principle}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
