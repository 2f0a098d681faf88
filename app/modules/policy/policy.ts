import type { Role } from "#app/generated/prisma/enums.ts";

/**
 * The one place that answers "may this person do this, here?". Every loader
 * and action asks it; no route decides on its own. The role matrix below is
 * the base rule and is written down in docs/roles.md (a test keeps the two
 * equal); some actions add conditions on the resource.
 *
 * Resources of other organisations never reach this module: they are not
 * found through the tenant door (app/modules/tenant.server.ts), and the
 * routes answer 404 for them, the same as for an id that does not exist.
 */
export type { Role };
export const roles = [
  "OWNER",
  "HR",
  "MANAGER",
  "EMPLOYEE",
  "PHYSICIAN",
] as const satisfies readonly Role[];

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
  "audit.view": undefined;
  "cases.open": undefined;
  "case.view": CaseParties;
  "case.manage": CaseParties;
  "plan.negotiate": CaseParties;
  "privateNotes.use": CaseParties;
  "privateNotes.readShared": CaseParties;
  "advice.give": CaseParties;
  "medicalNotes.write": CaseParties;
  "medicalNotes.readShared": CaseParties;
  "plan.review": CaseParties;
  "consent.manage": CaseParties;
  "problems.view": undefined;
};
export type Action = keyof Resources;

export const roleMatrix: Record<Action, readonly Role[]> = {
  "organization.view": roles,
  "members.list": ["OWNER", "HR"],
  "members.invite": ["OWNER", "HR"],
  "invitations.manage": ["OWNER", "HR"],
  "members.changeRole": ["OWNER"],
  "members.remove": ["OWNER"],
  "audit.view": ["OWNER", "HR"],
  "cases.open": ["OWNER", "HR", "MANAGER"],
  "case.view": roles,
  "case.manage": ["OWNER", "HR", "MANAGER"],
  "plan.negotiate": ["OWNER", "HR", "MANAGER", "EMPLOYEE"],
  "privateNotes.use": ["EMPLOYEE"],
  "privateNotes.readShared": ["PHYSICIAN"],
  "advice.give": ["PHYSICIAN"],
  "medicalNotes.write": ["PHYSICIAN"],
  "medicalNotes.readShared": ["EMPLOYEE"],
  "plan.review": ["PHYSICIAN"],
  "consent.manage": ["EMPLOYEE"],
  "problems.view": ["OWNER"],
};

/** Roles HR may hand out: everything but ownership, which only owners give. */
function mayGrant(actor: Actor, role: Role): boolean {
  return actor.role === "OWNER" || role !== "OWNER";
}

/**
 * HR and owners see every case of their organisation; everyone else only the
 * cases they take part in: the manager responsible, the employee, the
 * physician assigned.
 */
function takesPart(actor: Actor, parties: CaseParties): boolean {
  if (actor.role === "OWNER" || actor.role === "HR") return true;
  if (actor.role === "MANAGER") return parties.managerId === actor.userId;
  if (actor.role === "EMPLOYEE") return parties.employeeId === actor.userId;
  return parties.physicianId === actor.userId;
}

/**
 * The side a person negotiates a plan on: the employee of the case, or the
 * employer (HR, an owner, the case's manager). Physicians advise but are not a side.
 */
export function planSide(actor: Actor, parties: CaseParties): "EMPLOYEE" | "EMPLOYER" | null {
  if (parties.employeeId === actor.userId) return "EMPLOYEE";
  if (actor.role === "OWNER" || actor.role === "HR") return "EMPLOYER";
  if (actor.role === "MANAGER" && parties.managerId === actor.userId) return "EMPLOYER";
  return null;
}

const conditions: { [A in Action]?: (actor: Actor, resource: Resources[A]) => boolean } = {
  // Inviting needs a confirmed e-mail address: nobody invites from an address they do not own.
  "members.invite": (actor, { role }) => actor.emailVerified && mayGrant(actor, role),
  "invitations.manage": (actor, { role }) => mayGrant(actor, role),
  // An organisation always keeps at least one owner.
  "members.changeRole": (_actor, { from, to, ownerCount }) =>
    !(from === "OWNER" && to !== "OWNER" && ownerCount <= 1),
  "members.remove": (_actor, { role, ownerCount }) => !(role === "OWNER" && ownerCount <= 1),
  "case.view": takesPart,
  "case.manage": (actor, parties) =>
    takesPart(actor, parties) && planSide(actor, parties) === "EMPLOYER",
  "plan.negotiate": (actor, parties) => planSide(actor, parties) !== null,
  // The employee's private notes are the employee's alone…
  "privateNotes.use": (actor, parties) => parties.employeeId === actor.userId,
  // …except those the employee shares with the physician assigned to the case.
  "privateNotes.readShared": isAssignedPhysician,
  "advice.give": isAssignedPhysician,
  "medicalNotes.write": isAssignedPhysician,
  // Medical notes reach the employee only when the physician shares them.
  "medicalNotes.readShared": (actor, parties) => parties.employeeId === actor.userId,
  "plan.review": isAssignedPhysician,
  "consent.manage": (actor, parties) => parties.employeeId === actor.userId,
};

function isAssignedPhysician(actor: Actor, parties: CaseParties): boolean {
  return parties.physicianId === actor.userId;
}

export function can<A extends Action>(
  actor: Actor,
  action: A,
  ...[resource]: Resources[A] extends undefined ? [] : [Resources[A]]
): boolean {
  if (!roleMatrix[action].includes(actor.role)) return false;
  const condition = conditions[action] as
    | ((actor: Actor, resource: Resources[A]) => boolean)
    | undefined;
  return condition ? condition(actor, resource as Resources[A]) : true;
}
