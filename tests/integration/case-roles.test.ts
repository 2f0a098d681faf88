import { describe, expect, test } from "vitest";
import type { Role } from "#app/generated/prisma/client.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { type CaseRole, type Part, parts, roles } from "#app/modules/policy/policy.ts";
import { loader as audit } from "#app/routes/audit.tsx";
import { action as editAction, loader as editCase } from "#app/routes/cases.$caseId.edit.tsx";
import { action as notesAction, loader as notesPage } from "#app/routes/cases.$caseId.notes.tsx";
import {
  action as physicianAction,
  loader as workspace,
} from "#app/routes/cases.$caseId.physician.tsx";
import { loader as casePage } from "#app/routes/cases.$caseId.tsx";
import { loader as newCase, action as newCaseAction } from "#app/routes/cases.new.tsx";
import { loader as casesList } from "#app/routes/cases.tsx";
import { answerAs, createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { runJobsUntilIdle } from "#tests/helpers/email.ts";
import { createMember } from "#tests/helpers/factories.ts";
import { documentedRoles } from "#tests/helpers/roles-doc.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * What someone may do in a case follows from their part in it and their
 * organisation role (docs/roles.md). Through the real loaders and actions:
 * every role in every part, then the people this is for — an HR colleague,
 * an owner and a manager who are each the employee of a case of their own.
 */
const team = await createCaseTeam();
const organizationId = team.organization.id;

async function caseFor(parties: { employeeId: string; managerId: string; physicianId: string }) {
  return db.case.create({
    data: {
      organizationId,
      kind: "OWN_HEALTH",
      country: "NL",
      openedById: team.owner.user.id,
      ...parties,
    },
  });
}

/** A member with the given role who is the employee of a case of their own. */
async function employeeOfOwnCase(role: Role, managerId = team.manager.user.id) {
  const person = await createMember(organizationId, role);
  const record = await caseFor({
    employeeId: person.user.id,
    managerId,
    physicianId: team.physician.user.id,
  });
  return { person, record };
}

const visits = {
  "open the plan": (cookie: string, caseId: string) =>
    callRoute(casePage, get(`/cases/${caseId}`, { Cookie: cookie }), { caseId }),
  "propose a plan item": (cookie: string, caseId: string) =>
    proposeAs(cookie, caseId, "REVIEW", { date: isoDay(90) }),
  "change the case's details": (cookie: string, caseId: string) =>
    callRoute(editCase, get(`/cases/${caseId}/edit`, { Cookie: cookie }), { caseId }),
  "open the private notes": (cookie: string, caseId: string) =>
    callRoute(notesPage, get(`/cases/${caseId}/notes`, { Cookie: cookie }), { caseId }),
  "grant a consent": (cookie: string, caseId: string) =>
    callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "consent", scope: "CAPACITIES_TO_EMPLOYER", granted: "yes" },
        { Cookie: cookie },
      ),
      { caseId },
    ),
  "open the physician's workspace": (cookie: string, caseId: string) =>
    callRoute(workspace, get(`/cases/${caseId}/physician`, { Cookie: cookie }), { caseId }),
};
type Visit = keyof typeof visits;

/** What each case role gets from each page: the same for every role × part that makes it. */
const expectedStatus: Record<CaseRole, Record<Visit, number>> = {
  EMPLOYEE: {
    "open the plan": 200,
    "propose a plan item": 302,
    "change the case's details": 403,
    "open the private notes": 200,
    "grant a consent": 302,
    "open the physician's workspace": 404,
  },
  EMPLOYER: {
    "open the plan": 200,
    "propose a plan item": 302,
    "change the case's details": 200,
    "open the private notes": 404,
    "grant a consent": 404,
    "open the physician's workspace": 404,
  },
  PHYSICIAN: {
    "open the plan": 200,
    "propose a plan item": 403,
    "change the case's details": 403,
    "open the private notes": 404,
    "grant a consent": 404,
    "open the physician's workspace": 200,
  },
  NONE: {
    "open the plan": 404,
    "propose a plan item": 404,
    "change the case's details": 404,
    "open the private notes": 404,
    "grant a consent": 404,
    "open the physician's workspace": 404,
  },
};

describe("every organisation role in every part of a case, through the routes", () => {
  const documented = documentedRoles();
  const pairs = parts.flatMap((part) => roles.map((role) => [part, role] as const));

  test.each(pairs)("the %s part with the role %s", async (part: Part, role: Role) => {
    const person = await createMember(organizationId, role);
    const others = {
      employeeId: team.employee.user.id,
      managerId: team.manager.user.id,
      physicianId: team.physician.user.id,
    };
    const key = { EMPLOYEE: "employeeId", MANAGER: "managerId", PHYSICIAN: "physicianId" } as const;
    const record = await caseFor(
      part === "NONE" ? others : { ...others, [key[part]]: person.user.id },
    );
    const caseRole = documented.caseRoles[part][role];

    const answers: Record<string, number> = {};
    for (const [what, visit] of Object.entries(visits)) {
      answers[what] = (await visit(person.cookie, record.id)).status;
    }
    expect(answers).toEqual(expectedStatus[caseRole]);

    if (caseRole !== "NONE") {
      const page = (await visits["open the plan"](person.cookie, record.id)).data as {
        side: string | null;
        mayManage: boolean;
      };
      const sides = { EMPLOYEE: "EMPLOYEE", EMPLOYER: "EMPLOYER", PHYSICIAN: null } as const;
      expect(page.side).toBe(sides[caseRole]);
      expect(page.mayManage).toBe(caseRole === "EMPLOYER");
    }
  });
});

const illHr = await employeeOfOwnCase("HR", team.owner.user.id);

describe("an HR colleague who is ill", () => {
  const { person: ill, record } = illHr;
  const caseId = record.id;
  const notes = (cookie: string) =>
    callRoute(notesPage, get(`/cases/${caseId}/notes`, { Cookie: cookie }), { caseId });

  test("sees their own plan as its employee", async () => {
    const page = await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: ill.cookie }), {
      caseId,
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      side: "EMPLOYEE",
      mayManage: false,
      caseView: { isEmployee: true, isPhysician: false },
    });
  });

  test("writes a private note that nobody on the employer side reads", async () => {
    const canary = `HR-ILL-CANARY-${Date.now()}`;
    const written = await callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "add", body: `Slept badly ${canary}` },
        { Cookie: ill.cookie },
      ),
      { caseId },
    );
    expect(written.status).toBe(302);
    expect(JSON.stringify((await notes(ill.cookie)).data)).toContain(canary);
    for (const cookie of [team.hr.cookie, team.owner.cookie]) {
      expect((await notes(cookie)).status).toBe(404);
      const plan = await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: cookie }), {
        caseId,
      });
      expect(JSON.stringify(plan.data)).not.toContain(canary);
      expect(
        JSON.stringify((await callRoute(audit, get("/audit", { Cookie: cookie }))).data),
      ).not.toContain(canary);
    }
  });

  test("grants and withdraws consent", async () => {
    for (const granted of ["yes", "no"]) {
      const answer = await callRoute(
        notesAction,
        post(
          `/cases/${caseId}/notes`,
          { intent: "consent", scope: "CAPACITIES_TO_EMPLOYER", granted },
          { Cookie: ill.cookie },
        ),
        { caseId },
      );
      expect(answer.status).toBe(302);
    }
    const data = (await notes(ill.cookie)).data as {
      consents: Record<string, boolean>;
      history: Array<{ scope: string; withdrawnAt: Date | null }>;
    };
    expect(data.consents.CAPACITIES_TO_EMPLOYER).toBe(false);
    expect(data.history).toHaveLength(1);
    expect(data.history[0]?.withdrawnAt).not.toBeNull();
  });

  test("reads the medical notes the physician shares with them, and only those", async () => {
    for (const [body, share] of [
      ["For the physician only", false],
      ["Shared with you: rest after lunch", true],
    ] as const) {
      const written = await callRoute(
        physicianAction,
        post(
          `/cases/${caseId}/physician`,
          { intent: "medical-note", body, ...(share ? { shareWithEmployee: "on" } : {}) },
          { Cookie: team.physician.cookie },
        ),
        { caseId },
      );
      expect(written.status).toBe(302);
    }
    const data = (await notes(ill.cookie)).data as { medicalNotes: Array<{ body: string }> };
    expect(data.medicalNotes.map((note) => note.body)).toEqual([
      "Shared with you: rest after lunch",
    ]);
    // Other HR colleagues, on the employer side of this case, read no medical note at all.
    const hrPage = await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: team.hr.cookie }), {
      caseId,
    });
    expect(JSON.stringify(hrPage.data)).not.toContain("rest after lunch");
  });

  test("cannot change their own case", async () => {
    expect(
      (await callRoute(editCase, get(`/cases/${caseId}/edit`, { Cookie: ill.cookie }), { caseId }))
        .status,
    ).toBe(403);
    const changed = await callRoute(
      editAction,
      post(
        `/cases/${caseId}/edit`,
        {
          status: "CLOSED",
          closedReason: "Done",
          managerId: team.hr.user.id,
          country: "NL",
          startKind: "ABSENCE",
        },
        { Cookie: ill.cookie },
      ),
      { caseId },
    );
    expect(changed.status).toBe(403);
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      status: record.status,
      managerId: team.owner.user.id,
    });
  });

  test("cannot agree on the employer side: their agreement is the employee's", async () => {
    const proposed = await proposeAs(ill.cookie, caseId, "REVIEW", { date: isoDay(120) });
    expect(proposed.status).toBe(302);
    const item = (await planOf(ill.cookie, caseId)).items.find(
      (entry) => entry.content.date === isoDay(120),
    );
    expect(item?.awaiting).toBe("EMPLOYER");
    // Agreeing again as themselves does not stand in for the employer.
    await answerAs(ill.cookie, caseId, item?.id ?? "", "agree");
    const still = (await planOf(ill.cookie, caseId)).items.find((entry) => entry.id === item?.id);
    expect(still?.awaiting).toBe("EMPLOYER");
    expect(still?.status.kind).not.toBe("agreed");
    // A colleague on the employer side agrees, and then it is agreed by both.
    await answerAs(team.hr.cookie, caseId, item?.id ?? "", "agree");
    const agreed = (await planOf(ill.cookie, caseId)).items.find((entry) => entry.id === item?.id);
    expect(agreed?.status.kind).toBe("agreed");
  });

  test("their own visits are not recorded as an employer's; a colleague's are", async () => {
    await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: ill.cookie }), { caseId });
    await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: team.hr.cookie }), { caseId });
    await runJobsUntilIdle();
    const viewers = await db.auditEvent.findMany({
      where: { action: "case.viewed", targetId: caseId },
      select: { actorId: true },
    });
    expect(viewers.map((view) => view.actorId)).not.toContain(ill.user.id);
    expect(viewers.map((view) => view.actorId)).toContain(team.hr.user.id);
  });

  test("stays HR for everyone else's case, and reads the same audit trail as other HR", async () => {
    const other = await callRoute(
      editCase,
      get(`/cases/${team.record.id}/edit`, { Cookie: ill.cookie }),
      { caseId: team.record.id },
    );
    expect(other.status).toBe(200);
    const theirs = await callRoute(audit, get("/audit", { Cookie: ill.cookie }));
    const colleague = await callRoute(audit, get("/audit", { Cookie: team.hr.cookie }));
    const ids = (answer: typeof theirs) =>
      (answer.data as { events: Array<{ id: string }> }).events.map((event) => event.id);
    expect(theirs.status).toBe(200);
    expect(ids(theirs)).toEqual(ids(colleague));
    const actions = (theirs.data as { events: Array<{ action: string }> }).events.map(
      (event) => event.action,
    );
    expect(actions.filter((action) => action.startsWith("consent."))).toEqual([]);
    expect(actions.filter((action) => action.startsWith("medical_note."))).toEqual([]);
  });
});

describe("an owner who is ill", () => {
  test("uses their case as its employee and does not manage it", async () => {
    const { person: ill, record } = await employeeOfOwnCase("OWNER", team.hr.user.id);
    const caseId = record.id;
    const status = async (handler: (args: never) => unknown, path: string) =>
      (await callRoute(handler, get(path, { Cookie: ill.cookie }), { caseId })).status;
    expect(await status(casePage, `/cases/${caseId}`)).toBe(200);
    expect(await status(notesPage, `/cases/${caseId}/notes`)).toBe(200);
    expect(await status(editCase, `/cases/${caseId}/edit`)).toBe(403);
  });
});

const illManager = await employeeOfOwnCase("MANAGER");
const caseIllManagerManages = await caseFor({
  employeeId: team.otherEmployee.user.id,
  managerId: illManager.person.user.id,
  physicianId: team.physician.user.id,
});

describe("a manager who is the employee of a case", () => {
  const { person: ill, record: own } = illManager;
  const managed = caseIllManagerManages;

  test("opens their own case as its employee (no 404)", async () => {
    const page = await callRoute(casePage, get(`/cases/${own.id}`, { Cookie: ill.cookie }), {
      caseId: own.id,
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ side: "EMPLOYEE", mayManage: false });
    const notes = await callRoute(
      notesPage,
      get(`/cases/${own.id}/notes`, { Cookie: ill.cookie }),
      {
        caseId: own.id,
      },
    );
    expect(notes.status).toBe(200);
  });

  test("finds both their own case and the ones they manage in their list, their own marked", async () => {
    const list = await callRoute(casesList, get("/cases", { Cookie: ill.cookie }));
    const cases = (list.data as { cases: Array<{ id: string; isOwn: boolean }> }).cases;
    expect(cases.map((entry) => [entry.id, entry.isOwn]).sort()).toEqual(
      [
        [own.id, true],
        [managed.id, false],
      ].sort(),
    );
  });
});

describe("the case list", () => {
  test("HR sees every case, their own one marked as theirs", async () => {
    const { person: ill, record: own } = await employeeOfOwnCase("HR");
    const list = await callRoute(casesList, get("/cases", { Cookie: ill.cookie }));
    const { cases, page } = list.data as {
      cases: Array<{ id: string; isOwn: boolean }>;
      page: { total: number };
    };
    // Every case counts; the list shows them a page at a time, the newest change (their own case) first.
    expect(page.total).toBe(await db.case.count({ where: { organizationId } }));
    expect(cases.filter((entry) => entry.isOwn).map((entry) => entry.id)).toEqual([own.id]);
  });

  test("a manager since made an employee no longer finds the case they managed", async () => {
    const former = await createMember(organizationId, "EMPLOYEE");
    const { id } = await caseFor({
      employeeId: team.otherEmployee.user.id,
      managerId: former.user.id,
      physicianId: team.physician.user.id,
    });
    const list = await callRoute(casesList, get("/cases", { Cookie: former.cookie }));
    const seen = list.location
      ? [list.location.replace("/cases/", "")]
      : (list.data as { cases: Array<{ id: string }> }).cases.map((entry) => entry.id);
    expect(seen).not.toContain(id);
  });
});

describe("who the case forms offer and accept", () => {
  const openAs = (cookie: string, fields: Record<string, string>) =>
    callRoute(
      newCaseAction,
      post(
        "/cases/new",
        { kind: "OWN_HEALTH", country: "NL", startKind: "ABSENCE", ...fields },
        { Cookie: cookie },
      ),
    );

  test("employees: anyone but a physician; managers: owners, HR and managers", async () => {
    const form = await callRoute(newCase, get("/cases/new", { Cookie: team.hr.cookie }));
    const { candidates } = form.data as {
      candidates: Record<"employees" | "managers" | "physicians", Array<{ id: string }>>;
    };
    const ids = (list: Array<{ id: string }>) => list.map((person) => person.id);
    for (const person of [team.owner, team.hr, team.manager, team.employee]) {
      expect(ids(candidates.employees)).toContain(person.user.id);
    }
    expect(ids(candidates.employees)).not.toContain(team.physician.user.id);
    for (const person of [team.owner, team.hr, team.manager]) {
      expect(ids(candidates.managers)).toContain(person.user.id);
    }
    expect(ids(candidates.managers)).not.toContain(team.employee.user.id);
    expect(ids(candidates.managers)).not.toContain(team.physician.user.id);
    expect(ids(candidates.physicians)).toContain(team.physician.user.id);
    const physicians = await db.membership.findMany({
      where: { organizationId, userId: { in: ids(candidates.physicians) } },
    });
    expect(physicians.every((member) => member.role === "PHYSICIAN")).toBe(true);
  });

  test("the employee and the manager must differ, and a physician is never the employee", async () => {
    const before = await db.case.count();
    const sameTwice = await openAs(team.hr.cookie, {
      employeeId: team.hr.user.id,
      managerId: team.hr.user.id,
    });
    expect(JSON.stringify(sameTwice.data)).toContain("cases:errors.managerIsEmployee");
    const physicianChosen = await openAs(team.hr.cookie, {
      employeeId: team.physician.user.id,
      managerId: team.manager.user.id,
    });
    expect(JSON.stringify(physicianChosen.data)).toContain("validation.choose");
    const physicianTyped = await openAs(team.hr.cookie, {
      employeeEmail: team.physician.user.email.toUpperCase(),
      managerId: team.manager.user.id,
    });
    expect(JSON.stringify(physicianTyped.data)).toContain("cases:errors.cannotBeEmployee");
    // The typed address is kept for the person to correct.
    expect(JSON.stringify(physicianTyped.data)).toContain(team.physician.user.email.toUpperCase());
    expect(await db.case.count()).toBe(before);
    expect(await db.invitation.count({ where: { email: team.physician.user.email } })).toBe(0);
  });

  test("HR may open a case for themselves, and is then its employee", async () => {
    const hr = await createMember(organizationId, "HR");
    const opened = await openAs(hr.cookie, {
      employeeId: hr.user.id,
      managerId: team.owner.user.id,
    });
    expect(opened.status).toBe(302);
    const caseId = opened.location?.replace("/cases/", "") ?? "";
    const page = await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: hr.cookie }), {
      caseId,
    });
    expect(page.data).toMatchObject({ side: "EMPLOYEE", mayManage: false });
  });

  test("the edit form never offers or accepts the case's employee as its manager", async () => {
    const { person: employeeManager, record } = await employeeOfOwnCase("MANAGER");
    const caseId = record.id;
    const form = await callRoute(
      editCase,
      get(`/cases/${caseId}/edit`, { Cookie: team.hr.cookie }),
      {
        caseId,
      },
    );
    const { candidates } = form.data as { candidates: { managers: Array<{ id: string }> } };
    expect(candidates.managers.map((person) => person.id)).not.toContain(employeeManager.user.id);

    const changed = await callRoute(
      editAction,
      post(
        `/cases/${caseId}/edit`,
        {
          status: "PREPARING",
          managerId: employeeManager.user.id,
          country: "NL",
          startKind: "ABSENCE",
        },
        { Cookie: team.hr.cookie },
      ),
      { caseId },
    );
    expect(JSON.stringify(changed.data)).toContain("cases:errors.managerIsEmployee");
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).managerId).toBe(
      team.manager.user.id,
    );
  });
});
