import { Form, useLocation } from "react-router";
import { type Language, languageNames, languages } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { cx } from "./ui/cx.ts";

/**
 * Three buttons, each labelled in its own language so people find theirs
 * whatever the page's language. A plain form: it works without JavaScript, and
 * reloads the page so everything is rendered in the new language.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.language as Language;
  return (
    <Form method="post" action="/language" reloadDocument aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <ul className="flex items-center gap-1">
        {languages.map((language) => (
          <li key={language}>
            <button
              type="submit"
              name="language"
              value={language}
              lang={language}
              aria-current={language === current ? "true" : undefined}
              className={cx(
                "min-h-11 min-w-11 rounded-md px-2 text-sm font-semibold uppercase",
                language === current
                  ? "bg-brand-100 text-brand-900"
                  : "text-muted hover:bg-canvas hover:text-ink",
              )}
            >
              <abbr title={languageNames[language]} className="no-underline">
                {language}
              </abbr>
              <span className="sr-only"> {languageNames[language]}</span>
            </button>
          </li>
        ))}
      </ul>
    </Form>
  );
}
