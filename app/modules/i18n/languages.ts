/** The languages Werkpad speaks. Dutch first: the Netherlands and Belgium are the first markets. */
export const languages = ["nl", "en", "fr"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "nl";
export const languageCookieName = "werkpad_lang";

/** Each language's own name, shown in the switcher so people find theirs whatever the page's language. */
export const languageNames: Record<Language, string> = {
  nl: "Nederlands",
  en: "English",
  fr: "Français",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/**
 * Picks the best supported language from an Accept-Language header
 * (RFC 9110 §12.5.4): highest q first, ties in header order; "nl-BE" matches "nl".
 */
export function languageFromAcceptLanguage(
  header: string | null | undefined,
): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const primary = range.tag.split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

/**
 * Reads one cookie's value from a Cookie header. A value that is not valid
 * percent-encoding is ignored, as if the cookie were not there: another site
 * on a sibling domain can plant cookies, and one bad cookie must not lock a
 * browser out of every page.
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // Not percent-encoding: look for a well-formed cookie of the same name.
    }
  }
  return undefined;
}

/** The language of a request: the person's choice (cookie), else their browser's, else Dutch. */
export function languageOfRequest(request: Request): Language {
  const chosen = readCookie(request.headers.get("cookie"), languageCookieName);
  if (isLanguage(chosen)) return chosen;
  return languageFromAcceptLanguage(request.headers.get("accept-language")) ?? defaultLanguage;
}
