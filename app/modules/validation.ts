import { z } from "zod";

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

/** Splits a message made by errorMessage() back into its key and values. */
export function parseErrorMessage(message: string): {
  key: string;
  values: Record<string, string>;
} {
  const [key = "", query = ""] = message.split("?", 2);
  return { key, values: Object.fromEntries(new URLSearchParams(query)) };
}

const required = "validation.required";

/** A required line of text, trimmed, at most `max` characters. */
export function requiredText(max = 200) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, errorMessage("validation.tooLong", { max }));
}

export function requiredEmail() {
  return z
    .string({ error: required })
    .trim()
    .toLowerCase()
    .max(254, errorMessage("validation.tooLong", { max: 254 }))
    .pipe(z.email("validation.email"));
}

/** One of a fixed set of values, chosen from a list. */
export function requiredChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: "validation.choose" });
}
