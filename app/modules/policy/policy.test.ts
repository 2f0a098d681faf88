import { describe, expect, test } from "vitest";
import { documentedRoles } from "#tests/helpers/roles-doc.ts";
import {
  type Action,
  type Actor,
  billingAllows,
  type CaseAction,
  type CaseParties,
  type CaseRole,
  can,
  caseMatrix,
  caseRole,
  caseRoles,
  mustUseTwoFactor,
  type Part,
  partIn,
  parts,
  planSide,
  type Role,
  roleMatrix,
  roles,
} from "./policy.ts";

const actor = (role: Role, overrides: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  organizationId: "o1",
  role,
  emailVerified: true,
  ...overrides,
});

/** A case in which "u1" has the given part, and three other people the others. */
const caseWhere: Record<Part, CaseParties> = {
  EMPLOYEE: { employeeId: "u1", managerId: "m", physicianId: "p" },
  MANAGER: { employeeId: "e", managerId: "u1", physicianId: "p" },
  PHYSICIAN: { employeeId: "e", managerId: "m", physicianId: "u1" },
  NONE: { employeeId: "e", managerId: "m", physicianId: "p" },
};

function check<A extends Action>(who: Actor, action: A, resource: unknown) {
  return (can as (actor: Actor, action: A, resource: unknown) => boolean)(who, action, resource);
}

const documented = documentedRoles();
const organisationActions = Object.keys(roleMatrix) as Array<keyof typeof roleMatrix>;
const caseActions = Object.keys(caseMatrix) as CaseAction[];

describe("docs/roles.md describes the policy completely", () => {
  test("the organisation table lists every organisation action and every role", () => {
    expect(Object.keys(documented.organisation).sort()).toEqual([...organisationActions].sort());
    expect(documented.organisationColumns).toEqual([...roles]);
  });

  test("the part table lists every part and every role", () => {
    expect(Object.keys(documented.caseRoles)).toEqual([...parts]);
    expect(documented.caseRoleColumns).toEqual([...roles]);
  });

  test("the case action table lists every case action and every case role", () => {
    expect(Object.keys(documented.caseActions).sort()).toEqual([...caseActions].sort());
    expect(documented.caseActionColumns).toEqual([...caseRoles]);
  });
});

describe("in the organisation, the role decides", () => {
  // The most permissive resource for each action, so the table decides alone.
  const neutral: { [A in keyof typeof roleMatrix]: unknown } = {
    "organization.view": undefined,
    "members.list": undefined,
    "members.invite": { role: "EMPLOYEE" },
    "invitations.manage": { role: "EMPLOYEE" },
    "members.changeRole": { from: "EMPLOYEE", to: "MANAGER", ownerCount: 2 },
    "members.remove": { role: "EMPLOYEE", ownerCount: 2 },
    "members.resetTwoFactor": { isYou: false },
    "audit.view": undefined,
    "cases.open": undefined,
    "problems.view": undefined,
    "billing.manage": undefined,
    "privacy.view": undefined,
    "privacy.manage": undefined,
    "ownership.transfer": undefined,
    "organization.export": undefined,
    "organization.delete": undefined,
    "security.manage": undefined,
    "insights.view": undefined,
  };
  const cells = organisationActions.flatMap((action) =>
    roles.map((role) => [action, role] as const),
  );
  test.each(cells)("%s by %s is as documented", (action, role) => {
    expect(check(actor(role), action, neutral[action])).toBe(
      documented.organisation[action]?.[role],
    );
  });
});

describe("in a case, the part and the organisation role decide", () => {
  const pairs = parts.flatMap((part) => roles.map((role) => [part, role] as const));

  test.each(pairs)("the %s part with the role %s makes the documented case role", (part, role) => {
    expect(caseRole(actor(role), caseWhere[part])).toBe(documented.caseRoles[part][role]);
  });

  // Every organisation role × every part × every case action: 200 cells.
  const cells = caseActions.flatMap((action) =>
    pairs.map(([part, role]) => [action, part, role] as const),
  );
  test.each(cells)("%s with the %s part and the role %s is as documented", (action, part, role) => {
    const documentedRole = documented.caseRoles[part][role];
    expect(can(actor(role), action, caseWhere[part])).toBe(
      documented.caseActions[action]?.[documentedRole],
    );
  });

  test.each(pairs)(
    "the %s part with the role %s negotiates on the documented side",
    (part, role) => {
      const sides: Record<CaseRole, "EMPLOYEE" | "EMPLOYER" | null> = {
        EMPLOYEE: "EMPLOYEE",
        EMPLOYER: "EMPLOYER",
        PHYSICIAN: null,
        NONE: null,
      };
      expect(planSide(actor(role), caseWhere[part])).toBe(sides[documented.caseRoles[part][role]]);
    },
  );
});

describe("the people this is for", () => {
  const parties = { employeeId: "employee", managerId: "manager", physicianId: "physician" };
  const as = (role: Role, userId: string) => actor(role, { userId });

  test("an HR colleague who is ill is the employee of their own case, fully", () => {
    const ill = as("HR", "employee");
    for (const action of [
      "case.view",
      "plan.negotiate",
      "privateNotes.use",
      "medicalNotes.readShared",
      "consent.manage",
    ] as const) {
      expect(can(ill, action, parties)).toBe(true);
    }
    expect(planSide(ill, parties)).toBe("EMPLOYEE");
  });

  test("an HR colleague or owner never acts as the employer on their own case", () => {
    for (const role of ["HR", "OWNER"] as const) {
      const ill = as(role, "employee");
      expect(can(ill, "case.manage", parties)).toBe(false);
      expect(planSide(ill, parties)).not.toBe("EMPLOYER");
      // …while staying the employer side of every other case.
      expect(can(ill, "case.manage", { ...parties, employeeId: "colleague" })).toBe(true);
    }
  });

  test("a manager who is the employee of a case sees it, as its employee", () => {
    const ill = as("MANAGER", "employee");
    expect(can(ill, "case.view", parties)).toBe(true);
    expect(can(ill, "privateNotes.use", parties)).toBe(true);
    expect(can(ill, "case.manage", parties)).toBe(false);
  });

  test("being the employee wins over every other part, even in inconsistent data", () => {
    const both = as("HR", "same");
    const parts = { employeeId: "same", managerId: "same", physicianId: "same" };
    expect(partIn(both, parts)).toBe("EMPLOYEE");
    expect(can(both, "case.manage", parts)).toBe(false);
    expect(planSide(both, parts)).toBe("EMPLOYEE");
  });

  test("only an assigned physician member advises", () => {
    expect(can(as("PHYSICIAN", "physician"), "advice.give", parties)).toBe(true);
    expect(can(as("PHYSICIAN", "other-physician"), "advice.give", parties)).toBe(false);
    // Assigned while a physician, since made HR: HR now, not the physician.
    const formerPhysician = as("HR", "physician");
    expect(can(formerPhysician, "advice.give", parties)).toBe(false);
    expect(caseRole(formerPhysician, parties)).toBe("EMPLOYER");
  });

  test("a manager of the case who has since become an employee loses it", () => {
    expect(can(as("EMPLOYEE", "manager"), "case.view", parties)).toBe(false);
  });

  test("a case whose employee has not joined yet has no employee to match", () => {
    const invited = { ...parties, employeeId: null };
    expect(can(as("EMPLOYEE", "employee"), "case.view", invited)).toBe(false);
    expect(can(as("HR", "hr"), "case.manage", invited)).toBe(true);
  });
});

describe("conditions on top of the organisation table", () => {
  test("inviting needs a confirmed e-mail address", () => {
    expect(
      can(actor("OWNER", { emailVerified: false }), "members.invite", { role: "EMPLOYEE" }),
    ).toBe(false);
  });

  test("only owners make owners", () => {
    expect(can(actor("HR"), "members.invite", { role: "OWNER" })).toBe(false);
    expect(can(actor("OWNER"), "members.invite", { role: "OWNER" })).toBe(true);
    expect(can(actor("HR"), "invitations.manage", { role: "OWNER" })).toBe(false);
  });

  test("the last owner can neither be demoted nor removed", () => {
    expect(
      can(actor("OWNER"), "members.changeRole", { from: "OWNER", to: "HR", ownerCount: 1 }),
    ).toBe(false);
    expect(
      can(actor("OWNER"), "members.changeRole", { from: "OWNER", to: "HR", ownerCount: 2 }),
    ).toBe(true);
    expect(can(actor("OWNER"), "members.remove", { role: "OWNER", ownerCount: 1 })).toBe(false);
    expect(can(actor("OWNER"), "members.remove", { role: "OWNER", ownerCount: 2 })).toBe(true);
  });

  test("an owner turns two-factor sign-in off for another member, never for themselves here", () => {
    expect(can(actor("OWNER"), "members.resetTwoFactor", { isYou: false })).toBe(true);
    expect(can(actor("OWNER"), "members.resetTwoFactor", { isYou: true })).toBe(false);
    expect(can(actor("HR"), "members.resetTwoFactor", { isYou: false })).toBe(false);
  });
});

describe("what not paying blocks", () => {
  const blocked = { kind: "blocked" } as const;
  test("only opening cases and inviting members, and only when blocked", () => {
    for (const action of Object.keys(roleMatrix) as Array<keyof typeof roleMatrix>) {
      const growing = action === "cases.open" || action === "members.invite";
      expect(billingAllows(action, blocked)).toBe(!growing);
      for (const kind of ["trial", "active", "past-due"] as const)
        expect(billingAllows(action, { kind })).toBe(true);
    }
  });
  test("never a case action: the plan stays usable for everyone", () => {
    for (const action of Object.keys(caseMatrix) as Array<keyof typeof caseMatrix>)
      expect(billingAllows(action, blocked)).toBe(true);
  });
});

describe("two-factor sign-in an owner can require", () => {
  test("binds owners, HR and physicians, never employees or managers, and only when required", () => {
    expect(roles.filter((role) => mustUseTwoFactor(role, true))).toEqual([
      "OWNER",
      "HR",
      "PHYSICIAN",
    ]);
    expect(roles.filter((role) => mustUseTwoFactor(role, false))).toEqual([]);
  });
});
