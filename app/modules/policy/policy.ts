import type { Role } from "#app/generated/prisma/enums.ts";
import { roleMatrix, roleMay, roles } from "./role-matrix.ts";

/**
 * The one place that answers "may this person do this, here?". Every loader
 * and action asks it; no route decides on its own. Two kinds of action:
 * - in the organisation (members, audit, opening cases): the organisation
 *   role decides (`roleMatrix`), and some actions add conditions;
 * - in one case: the person's case role decides (`caseMatrix`), and the case
 *   role follows from their part in the case and their organisation role
 *   (`caseRole`). So an HR colleague who is ill is the employee in their own
 *   case, and the employer side in everyone else's.
 * Both are written down in docs/roles.md; a test keeps the page and this file equal.
 *
 * Resources of other organisations never reach this module: they are not
 * found through the tenant door (app/modules/tenant.server.ts), and the
 * routes answer 404 for them, the same as for an id that does not exist.
 */
export type { Role };
export { roles };

export type Actor = {
  userId: string;
  organizationId: string;
  role: Role;
  emailVerified: boolean;
};

/** Who takes part in a case: what case rules look at. */
export type CaseParties = {
  employeeId: string | null;
  managerId: string;
  physicianId: string | null;
};

/** What each action needs to know about its resource. */
type Resources = {
  "organization.view": undefined;
  "members.list": undefined;
  "members.invite": { role: Role };
  "invitations.manage": { role: Role };
  "members.changeRole": { from: Role; to: Role; ownerCount: number };
  "members.remove": { role: Role; ownerCount: number };
  "members.resetTwoFactor": { isYou: boolean };
  "audit.view": undefined;
  "cases.open": undefined;
  "problems.view": undefined;
  "billing.manage": undefined;
  "privacy.view": undefined;
  "privacy.manage": undefined;
  "ownership.transfer": undefined;
  "organization.export": undefined;
  "organization.delete": undefined;
  "security.manage": undefined;
  "insights.view": undefined;
} & { [A in CaseAction]: CaseParties };
export type Action = keyof Resources;

/**
 * Actions in the organisation: the organisation role alone decides (then the
 * conditions below). The table lives in role-matrix.ts, which the browser
 * loads for the header's links without the rest of the policy.
 */
export { roleMatrix };

// The table covers exactly the organisation actions.
roleMatrix satisfies Record<Exclude<Action, CaseAction>, readonly Role[]>;

/**
 * What not paying blocks (billing/standing.ts): growing, that is opening new
 * cases and inviting new members. Nothing else: existing cases stay fully
 * usable for the employee, the physician and the employer side, because an
 * ill employee is never locked out of their plan over an unpaid invoice.
 */
export const blockedWhenNotPaying = ["cases.open", "members.invite"] as const;

export function billingAllows(
  action: Action,
  standing: { kind: "trial" | "active" | "past-due" | "blocked" },
): boolean {
  return (
    standing.kind !== "blocked" || !(blockedWhenNotPaying as readonly Action[]).includes(action)
  );
}

/**
 * The roles an owner can require two-factor sign-in for (security.manage):
 * those who see every case of the organisation or medical information, and
 * owners, who decide who does. Employees and managers are never forced.
 */
export const twoFactorRequirableRoles = ["OWNER", "HR", "PHYSICIAN"] as const satisfies Role[];

/** Whether someone with this role must sign in with two factors before using the organisation. */
export function mustUseTwoFactor(role: Role, organizationRequires: boolean): boolean {
  return organizationRequires && (twoFactorRequirableRoles as readonly Role[]).includes(role);
}

/**
 * Someone's part in a case, as the case records it. One part per person: the
 * first that applies, so the employee of a case is never also its employer.
 */
export const parts = ["EMPLOYEE", "MANAGER", "PHYSICIAN", "NONE"] as const;
export type Part = (typeof parts)[number];

/**
 * The organisation roles that may take each part. The case forms offer exactly
 * these people; a part held by anyone else (say, after a change of role) does
 * not count, and the person is treated as taking no part.
 */
export const rolesForPart: Record<Exclude<Part, "NONE">, readonly Role[]> = {
  EMPLOYEE: ["OWNER", "HR", "MANAGER", "EMPLOYEE"],
  MANAGER: ["OWNER", "HR", "MANAGER"],
  PHYSICIAN: ["PHYSICIAN"],
};

export function partIn(actor: Actor, parties: CaseParties): Part {
  if (parties.employeeId === actor.userId) return "EMPLOYEE";
  if (parties.managerId === actor.userId) return "MANAGER";
  if (parties.physicianId === actor.userId) return "PHYSICIAN";
  return "NONE";
}

/** HR and owners see every case of their organisation, on the employer side. */
export function seesEveryCase(actor: Actor): boolean {
  return actor.role === "OWNER" || actor.role === "HR";
}

/**
 * What someone is in one case, from their part in it and their organisation
 * role: the employee, the employer side (the case's manager, HR, owners), the
 * physician who advises, or nobody. Every case action follows from this alone.
 */
export const caseRoles = ["EMPLOYEE", "EMPLOYER", "PHYSICIAN", "NONE"] as const;
export type CaseRole = (typeof caseRoles)[number];

export function caseRole(actor: Actor, parties: CaseParties): CaseRole {
  const part = partIn(actor, parties);
  if (part !== "NONE" && rolesForPart[part].includes(actor.role)) {
    return part === "MANAGER" ? "EMPLOYER" : part;
  }
  return seesEveryCase(actor) ? "EMPLOYER" : "NONE";
}

/** Actions in one case: the case role alone decides. */
export const caseMatrix = {
  "case.view": ["EMPLOYEE", "EMPLOYER", "PHYSICIAN"],
  // Details, status, people: the employer side; never the employee, even one who is HR.
  "case.manage": ["EMPLOYER"],
  // Two sides negotiate; the physician advises but is not a side.
  "plan.negotiate": ["EMPLOYEE", "EMPLOYER"],
  // The employee's private notes are the employee's alone…
  "privateNotes.use": ["EMPLOYEE"],
  // …except those the employee shares with the physician (while the consent lasts).
  "privateNotes.readShared": ["PHYSICIAN"],
  "advice.give": ["PHYSICIAN"],
  "medicalNotes.write": ["PHYSICIAN"],
  // Medical notes reach the employee only when the physician shares them.
  "medicalNotes.readShared": ["EMPLOYEE"],
  "plan.review": ["PHYSICIAN"],
  "consent.manage": ["EMPLOYEE"],
  // Either side turns an agreed version into a document to sign; the physician advises, and neither prepares nor signs.
  "agreement.prepare": ["EMPLOYEE", "EMPLOYER"],
  "agreement.sign": ["EMPLOYEE", "EMPLOYER"],
  // Every party of the case may keep the agreement, the physician too.
  "agreement.download": ["EMPLOYEE", "EMPLOYER", "PHYSICIAN"],
  // The adjustment passport is the employee's own: the employer can neither make nor read it.
  "passport.use": ["EMPLOYEE"],
  // Conversations led by a guide: the employer side runs them and keeps its notes;
  // the employee prepares (topics both read, notes of their own). Not the physician.
  "conversation.run": ["EMPLOYER"],
  "conversation.prepare": ["EMPLOYEE"],
  // The employee's pulse is theirs to write; the physician and the employer
  // side read only the check-ins the employee shared with them.
  "checkIn.write": ["EMPLOYEE"],
  "checkIn.readShared": ["EMPLOYER", "PHYSICIAN"],
  // Hours actually worked are work data: either side records them, everyone in the case reads them.
  "hours.record": ["EMPLOYEE", "EMPLOYER"],
  // The statutory timeline: everyone in the case reads it; the employer side and
  // the physician record absences and dated steps, and mark deadlines done.
  "timeline.view": ["EMPLOYEE", "EMPLOYER", "PHYSICIAN"],
  "timeline.record": ["EMPLOYER", "PHYSICIAN"],
} as const satisfies Record<string, readonly CaseRole[]>;
export type CaseAction = keyof typeof caseMatrix;

function isCaseAction(action: Action): action is CaseAction {
  return action in caseMatrix;
}

/** Roles HR may hand out: everything but ownership, which only owners give. */
function mayGrant(actor: Actor, role: Role): boolean {
  return actor.role === "OWNER" || role !== "OWNER";
}

/**
 * The side a person negotiates a plan on: the employee of the case, or the
 * employer (HR, an owner, the case's manager). Physicians advise but are not a side.
 */
export function planSide(actor: Actor, parties: CaseParties): "EMPLOYEE" | "EMPLOYER" | null {
  const role = caseRole(actor, parties);
  return role === "EMPLOYEE" || role === "EMPLOYER" ? role : null;
}

const conditions: {
  [A in Exclude<Action, CaseAction>]?: (actor: Actor, resource: Resources[A]) => boolean;
} = {
  // Inviting needs a confirmed e-mail address: nobody invites from an address they do not own.
  "members.invite": (actor, { role }) => actor.emailVerified && mayGrant(actor, role),
  "invitations.manage": (actor, { role }) => mayGrant(actor, role),
  // An organisation always keeps at least one owner.
  "members.changeRole": (_actor, { from, to, ownerCount }) =>
    !(from === "OWNER" && to !== "OWNER" && ownerCount <= 1),
  "members.remove": (_actor, { role, ownerCount }) => !(role === "OWNER" && ownerCount <= 1),
  // One's own two-factor sign-in is turned off on one's account page, with a current code.
  "members.resetTwoFactor": (_actor, { isYou }) => !isYou,
};

export function can<A extends Action>(
  actor: Actor,
  action: A,
  ...[resource]: Resources[A] extends undefined ? [] : [Resources[A]]
): boolean {
  if (isCaseAction(action)) {
    const allowed: readonly CaseRole[] = caseMatrix[action];
    return allowed.includes(caseRole(actor, resource as CaseParties));
  }
  const organizationAction = action as Exclude<Action, CaseAction>;
  if (!roleMay(actor.role, organizationAction)) return false;
  const condition = conditions[organizationAction] as
    | ((actor: Actor, resource: unknown) => boolean)
    | undefined;
  return condition ? condition(actor, resource) : true;
}
