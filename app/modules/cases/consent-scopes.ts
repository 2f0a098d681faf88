/** What an employee can choose to share (see consent.server.ts). */
export const consentScopes = ["NOTES_TO_PHYSICIAN", "CAPACITIES_TO_EMPLOYER"] as const;

export function isConsentScope(value: unknown): value is (typeof consentScopes)[number] {
  return typeof value === "string" && (consentScopes as readonly string[]).includes(value);
}
