import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { type Action, type Actor, can, type Role, roleMatrix, roles } from "./policy.ts";

const actor = (role: Role, overrides: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  organizationId: "o1",
  role,
  emailVerified: true,
  ...overrides,
});

/** docs/roles.md's table, as { action: { role: allowed } }. */
function documentedMatrix(): Record<string, Record<string, boolean>> {
  const lines = readFileSync("docs/roles.md", "utf8")
    .split("\n")
    .filter((line) => line.startsWith("|"));
  const header =
    lines[0]
      ?.split("|")
      .map((cell) => cell.trim())
      .filter(Boolean) ?? [];
  const columns = header.slice(1);
  return Object.fromEntries(
    lines.slice(2).map((line) => {
      const [action = "", ...cells] = line
        .split("|")
        .map((cell) => cell.trim())
        .filter(Boolean);
      return [action, Object.fromEntries(columns.map((role, i) => [role, cells[i] === "yes"]))];
    }),
  );
}

// The most permissive resource for each action, so the table decides alone.
const neutral: { [A in Action]: Parameters<typeof can<A>>[2] } = {
  "organization.view": undefined,
  "members.list": undefined,
  "members.invite": { role: "EMPLOYEE" },
  "invitations.manage": { role: "EMPLOYEE" },
  "members.changeRole": { from: "EMPLOYEE", to: "MANAGER", ownerCount: 2 },
  "members.remove": { role: "EMPLOYEE", ownerCount: 2 },
  "audit.view": undefined,
  "cases.open": undefined,
  "case.view": { employeeId: "u1", managerId: "u1", physicianId: "u1" },
  "case.manage": { employeeId: "other", managerId: "u1", physicianId: null },
  "plan.negotiate": { employeeId: "u1", managerId: "u1", physicianId: null },
  "privateNotes.use": { employeeId: "u1", managerId: "m", physicianId: null },
  "privateNotes.readShared": { employeeId: "e", managerId: "m", physicianId: "u1" },
  "advice.give": { employeeId: "e", managerId: "m", physicianId: "u1" },
  "medicalNotes.write": { employeeId: "e", managerId: "m", physicianId: "u1" },
  "medicalNotes.readShared": { employeeId: "u1", managerId: "m", physicianId: "p" },
  "plan.review": { employeeId: "e", managerId: "m", physicianId: "u1" },
  "consent.manage": { employeeId: "u1", managerId: "m", physicianId: null },
  "problems.view": undefined,
};

function check<A extends Action>(who: Actor, action: A, resource: Parameters<typeof can<A>>[2]) {
  return (can as (actor: Actor, action: A, resource: unknown) => boolean)(who, action, resource);
}

describe("the role matrix", () => {
  const documented = documentedMatrix();

  test("docs/roles.md lists every action and every role", () => {
    expect(Object.keys(documented).sort()).toEqual(Object.keys(roleMatrix).sort());
  });

  const cells = (Object.keys(roleMatrix) as Action[]).flatMap((action) =>
    roles.map((role) => [action, role] as const),
  );
  test.each(cells)("%s by %s is as documented", (action, role) => {
    expect(check(actor(role), action, neutral[action])).toBe(documented[action]?.[role]);
  });
});

describe("conditions on top of the matrix", () => {
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
});

describe("cases", () => {
  const parties = { employeeId: "employee", managerId: "manager", physicianId: "physician" };
  const as = (role: Role, userId: string) => actor(role, { userId });

  test("HR and owners see every case; others only their own", () => {
    expect(can(as("HR", "someone"), "case.view", parties)).toBe(true);
    expect(can(as("OWNER", "someone"), "case.view", parties)).toBe(true);
    expect(can(as("MANAGER", "manager"), "case.view", parties)).toBe(true);
    expect(can(as("MANAGER", "other-manager"), "case.view", parties)).toBe(false);
    expect(can(as("EMPLOYEE", "employee"), "case.view", parties)).toBe(true);
    expect(can(as("EMPLOYEE", "colleague"), "case.view", parties)).toBe(false);
    expect(can(as("PHYSICIAN", "physician"), "case.view", parties)).toBe(true);
    expect(can(as("PHYSICIAN", "other-physician"), "case.view", parties)).toBe(false);
  });

  test("the employee and the employer side negotiate; the physician does not", () => {
    expect(can(as("EMPLOYEE", "employee"), "plan.negotiate", parties)).toBe(true);
    expect(can(as("MANAGER", "manager"), "plan.negotiate", parties)).toBe(true);
    expect(can(as("HR", "hr"), "plan.negotiate", parties)).toBe(true);
    expect(can(as("PHYSICIAN", "physician"), "plan.negotiate", parties)).toBe(false);
    expect(can(as("MANAGER", "other-manager"), "plan.negotiate", parties)).toBe(false);
  });

  test("only the employee uses the private notes, not even HR or the manager", () => {
    expect(can(as("EMPLOYEE", "employee"), "privateNotes.use", parties)).toBe(true);
    expect(can(as("HR", "hr"), "privateNotes.use", parties)).toBe(false);
    expect(can(as("MANAGER", "manager"), "privateNotes.use", parties)).toBe(false);
  });

  test("the employee cannot change the case itself", () => {
    expect(can(as("EMPLOYEE", "employee"), "case.manage", parties)).toBe(false);
    expect(can(as("MANAGER", "manager"), "case.manage", parties)).toBe(true);
  });
});

describe("the physician's writing", () => {
  const parties = { employeeId: "employee", managerId: "manager", physicianId: "physician" };
  const as = (role: Role, userId: string) => actor(role, { userId });

  test("only the assigned physician advises, reviews and writes medical notes", () => {
    for (const action of ["advice.give", "plan.review", "medicalNotes.write"] as const) {
      expect(can(as("PHYSICIAN", "physician"), action, parties)).toBe(true);
      expect(can(as("PHYSICIAN", "other-physician"), action, parties)).toBe(false);
      expect(can(as("HR", "hr"), action, parties)).toBe(false);
      expect(can(as("MANAGER", "manager"), action, parties)).toBe(false);
    }
  });

  test("medical notes reach the employee of the case, never the employer side", () => {
    expect(can(as("EMPLOYEE", "employee"), "medicalNotes.readShared", parties)).toBe(true);
    expect(can(as("HR", "hr"), "medicalNotes.readShared", parties)).toBe(false);
    expect(can(as("OWNER", "owner"), "medicalNotes.readShared", parties)).toBe(false);
    expect(can(as("MANAGER", "manager"), "medicalNotes.readShared", parties)).toBe(false);
  });

  test("only the employee decides what is shared", () => {
    expect(can(as("EMPLOYEE", "employee"), "consent.manage", parties)).toBe(true);
    expect(can(as("PHYSICIAN", "physician"), "consent.manage", parties)).toBe(false);
    expect(can(as("HR", "hr"), "consent.manage", parties)).toBe(false);
  });
});
