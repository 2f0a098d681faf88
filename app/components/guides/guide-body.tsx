import { Link } from "react-router";
import type { Localized } from "#app/modules/content/localize.ts";
import type { Guide } from "#app/modules/guides/guides.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

export type LocalGuide = Localized<Guide>;

/** A list under a small heading; nothing when empty. */
export function TextList({ heading, items }: { heading: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="font-semibold">{heading}</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/** What may not be asked or recorded, per country, and where to read more. */
export function MayNotAsk({ guide, country }: { guide: LocalGuide; country?: "NL" | "BE" | "UK" }) {
  const { t } = useTranslation("guides");
  const countries = country ? [country] : (["NL", "BE", "UK"] as const);
  return (
    <section aria-labelledby="may-not-ask" className="rounded-xl border border-line bg-info-50 p-5">
      <h2 id="may-not-ask" className="text-xl font-semibold">
        {t("guide.mayNotAsk")}
      </h2>
      {countries.map((code) => (
        <TextList
          key={code}
          heading={t(`countries.${code}`, { ns: "common" })}
          items={guide.mayNotAsk[code]}
        />
      ))}
    </section>
  );
}

/** The sources a guide or an information page rests on. */
export function Sources({ sources }: { sources: readonly { title: string; url: string }[] }) {
  const { t } = useTranslation("guides");
  return (
    <section aria-labelledby="sources" className="text-sm text-muted">
      <h2 id="sources" className="font-semibold">
        {t("sources")}
      </h2>
      <ul className="mt-1 space-y-1">
        {sources.map((source) => (
          <li key={source.url}>
            <a href={source.url} className="underline" rel="noopener noreferrer">
              {source.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Links to the information pages a guide points to. */
export function HubLinks({ pages }: { pages: readonly { id: string; title: string }[] }) {
  const { t } = useTranslation("guides");
  if (pages.length === 0) return null;
  return (
    <nav aria-label={t("hubLinks")} className="flex flex-wrap gap-3">
      {pages.map((page) => (
        <Link key={page.id} to={`/hub/${page.id}`} className="font-medium text-brand-700 underline">
          {page.title}
        </Link>
      ))}
    </nav>
  );
}

/** A whole guide, to read before a conversation or to print. */
export function GuideBody({ guide }: { guide: LocalGuide }) {
  const { t } = useTranslation("guides");
  return (
    <div className="flex flex-col gap-6">
      <p className="text-lg">{guide.purpose}</p>
      <section aria-labelledby="prepare" className="item-card">
        <h2 id="prepare" className="text-xl font-semibold">
          {t("guide.prepare")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {guide.prepare.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      <ol className="flex flex-col gap-4">
        {guide.steps.map((step, index) => (
          <li key={step.id} className="item-card flex flex-col gap-3 break-inside-avoid">
            <h2 className="text-xl font-semibold">
              {t("guide.step", { number: index + 1, title: step.title })}
            </h2>
            <p>{step.intro}</p>
            <TextList heading={t("guide.say")} items={step.say} />
            <TextList heading={t("guide.ask")} items={step.ask} />
            <TextList heading={t("guide.avoid")} items={step.avoid} />
          </li>
        ))}
      </ol>
      <MayNotAsk guide={guide} />
      <section aria-labelledby="outcomes" className="item-card">
        <h2 id="outcomes" className="text-xl font-semibold">
          {t("guide.outcomes")}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {guide.outcomes.map((outcome) => (
            <li key={outcome.id}>
              <span className="font-medium">{outcome.label}</span>: {outcome.hint}
            </li>
          ))}
        </ul>
        <TextList heading={t("guide.followUp")} items={guide.followUp} />
      </section>
    </div>
  );
}
