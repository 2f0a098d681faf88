/** What an employee can choose to share (see consent.server.ts). */
export const consentScopes = ["NOTES_TO_PHYSICIAN", "CAPACITIES_TO_EMPLOYER"] as const;
