/**
 * Validation schemas carry translation keys, not text, so that one schema
 * checks a form in the browser and on the server, and the message appears in
 * the reader's language. Values travel with the key: "validation.tooLong?max=80".
 */
export function errorMessage(key: string, values?: Record<string, string | number>): string {
  if (!values) return key;
  const query = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]));
  return `${key}?${query}`;
}

/**
 * Splits a message made by errorMessage() back into its key and values. A
 * `count` comes back as a number, so that the translator picks its plural form.
 */
export function parseErrorMessage(message: string): {
  key: string;
  values: Record<string, string | number>;
} {
  const [key = "", query = ""] = message.split("?", 2);
  const values: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query));
  if (typeof values.count === "string" && /^\d+$/.test(values.count)) {
    values.count = Number(values.count);
  }
  return { key, values };
}
