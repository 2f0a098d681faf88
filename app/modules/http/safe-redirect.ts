const base = "http://werkpad.invalid";

/**
 * A path on this site to return to; never an open redirect to somewhere else,
 * and never a value that makes the Location header invalid. Anything doubtful
 * falls back: control characters and backslashes (browsers drop tabs and
 * newlines and read "\" as "/", so "/\t/evil.example" would leave the site),
 * anything that resolves to another origin, and very long values. The path is
 * returned as the URL parser writes it, so characters such as "。" arrive
 * percent-encoded and the header stays valid.
 */
export function safeRedirect(value: unknown, fallback = "/"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.length > 2000 ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
    /[\u0000-\u001f\u007f\\]/.test(value)
  ) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
