import type { Role } from "#app/generated/prisma/enums.ts";

/**
 * Who may do what in the organisation, by role alone: part of the policy
 * (policy.ts adds the conditions and every case action, and is the one place
 * that decides). The browser needs none of it: the header's links come from
 * the root loader, which asks the policy on the server.
 */
export const roles = [
  "OWNER",
  "HR",
  "MANAGER",
  "EMPLOYEE",
  "PHYSICIAN",
] as const satisfies readonly Role[];

export const roleMatrix = {
  "organization.view": roles,
  "members.list": ["OWNER", "HR"],
  "members.invite": ["OWNER", "HR"],
  "invitations.manage": ["OWNER", "HR"],
  "members.changeRole": ["OWNER"],
  "members.remove": ["OWNER"],
  // Turning two-factor sign-in off for a member who lost their phone and recovery codes.
  "members.resetTwoFactor": ["OWNER"],
  "audit.view": ["OWNER", "HR"],
  "cases.open": ["OWNER", "HR", "MANAGER"],
  "problems.view": ["OWNER"],
  // The subscription, its invoices and the card: owners only; everyone else gets 404.
  "billing.manage": ["OWNER"],
  // The records of processing, the retention period and the closed cases it deletes next.
  "privacy.view": ["OWNER", "HR"],
  "privacy.manage": ["OWNER"],
  // Handing ownership to another member, the organisation's export and its deletion: owners only.
  "ownership.transfer": ["OWNER"],
  "organization.export": ["OWNER"],
  "organization.delete": ["OWNER"],
  // Whether owners, HR and physicians must use two-factor sign-in: owners only.
  "security.manage": ["OWNER"],
  // Figures about groups of cases, never a person (app/modules/insights): HR and owners.
  "insights.view": ["OWNER", "HR"],
} as const satisfies Record<string, readonly Role[]>;

/** Whether the role allows the action at all (policy.ts then checks the action's conditions). */
export function roleMay(role: Role, action: keyof typeof roleMatrix): boolean {
  return (roleMatrix[action] as readonly Role[]).includes(role);
}
