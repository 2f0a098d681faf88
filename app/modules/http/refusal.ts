/**
 * Why a request was refused before any route did its work: by the request
 * guard (request-guard.server.ts), or, for "read-only", by requireMember while
 * the organisation is scheduled for deletion. Shared with the error boundary,
 * which shows each reason in the reader's language, and that nothing was saved.
 */
export const refusalStatus = {
  "cross-site": 403,
  unreadable: 400,
  "too-large": 413,
  "read-only": 423,
} as const;

export type Refusal = keyof typeof refusalStatus;

/** The data of a refusal's error response. */
export function isRefusal(value: unknown): value is { refused: Refusal } {
  const refused = (value as { refused?: unknown } | null)?.refused;
  return typeof refused === "string" && Object.hasOwn(refusalStatus, refused);
}
