import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as audit } from "#app/routes/audit.tsx";
import { loader as editCase } from "#app/routes/cases.$caseId.edit.tsx";
import { action as notesAction, loader as notesPage } from "#app/routes/cases.$caseId.notes.tsx";
import { loader as workspace } from "#app/routes/cases.$caseId.physician.tsx";
import { action as caseAction, loader as casePage } from "#app/routes/cases.$caseId.tsx";
import { loader as versions } from "#app/routes/cases.$caseId.versions.tsx";
import { loader as newCase } from "#app/routes/cases.new.tsx";
import { loader as casesList } from "#app/routes/cases.tsx";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import { runJobsUntilIdle } from "#tests/helpers/email.ts";
import { createMember } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * Who may do what with one case, through the real loaders and actions: HR and
 * owners, the case's manager, its employee and its physician, and people of
 * the same organisation who take no part in it.
 */
const team = await createCaseTeam();
const otherPhysician = await createMember(team.organization.id, "PHYSICIAN");
const caseId = team.record.id;
const people = {
  owner: team.owner.cookie,
  hr: team.hr.cookie,
  "case manager": team.manager.cookie,
  "other manager": team.otherManager.cookie,
  "case employee": team.employee.cookie,
  "other employee": team.otherEmployee.cookie,
  "case physician": team.physician.cookie,
  "other physician": otherPhysician.cookie,
} as const;
type Person = keyof typeof people;

const expected: Record<string, Record<Person, number>> = {
  "open the case's plan": {
    owner: 200,
    hr: 200,
    "case manager": 200,
    "other manager": 404,
    "case employee": 200,
    "other employee": 404,
    "case physician": 200,
    "other physician": 404,
  },
  "propose a plan item": {
    owner: 302,
    hr: 302,
    "case manager": 302,
    "other manager": 404,
    "case employee": 302,
    "other employee": 404,
    "case physician": 403,
    "other physician": 404,
  },
  "change the case's details": {
    owner: 200,
    hr: 200,
    "case manager": 200,
    "other manager": 404,
    "case employee": 403,
    "other employee": 404,
    "case physician": 403,
    "other physician": 404,
  },
  "read the employee's private notes": {
    owner: 404,
    hr: 404,
    "case manager": 404,
    "other manager": 404,
    "case employee": 200,
    "other employee": 404,
    "case physician": 404,
    "other physician": 404,
  },
  "open the physician's workspace": {
    owner: 404,
    hr: 404,
    "case manager": 404,
    "other manager": 404,
    "case employee": 404,
    "other employee": 404,
    "case physician": 200,
    "other physician": 404,
  },
  "open a new case": {
    owner: 200,
    hr: 200,
    "case manager": 200,
    "other manager": 200,
    "case employee": 403,
    "other employee": 403,
    "case physician": 403,
    "other physician": 403,
  },
};

const visits: Record<string, (cookie: string) => ReturnType<typeof callRoute>> = {
  "open the case's plan": (c) =>
    callRoute(casePage, get(`/cases/${caseId}`, { Cookie: c }), { caseId }),
  "propose a plan item": (c) =>
    callRoute(
      caseAction,
      post(
        `/cases/${caseId}`,
        { intent: "propose", kind: "REVIEW", date: isoDay(92) },
        { Cookie: c },
      ),
      { caseId },
    ),
  "change the case's details": (c) =>
    callRoute(editCase, get(`/cases/${caseId}/edit`, { Cookie: c }), { caseId }),
  "read the employee's private notes": (c) =>
    callRoute(notesPage, get(`/cases/${caseId}/notes`, { Cookie: c }), { caseId }),
  "open the physician's workspace": (c) =>
    callRoute(workspace, get(`/cases/${caseId}/physician`, { Cookie: c }), { caseId }),
  "open a new case": (c) => callRoute(newCase, get("/cases/new", { Cookie: c })),
};

describe("one case, everyone in the organisation", () => {
  const cells = Object.keys(expected).flatMap((what) =>
    (Object.keys(people) as Person[]).map((who) => [what, who] as const),
  );
  test.each(cells)("%s as %s", async (what, who) => {
    const answer = await visits[what]?.(people[who]);
    expect(answer?.status).toBe(expected[what]?.[who]);
  });

  test("the case list shows each person only the cases they may open", async () => {
    const seen = async (cookie: string) => {
      const answer = await callRoute(casesList, get("/cases", { Cookie: cookie }));
      // An employee with one case goes straight to it; a physician sees a list across organisations.
      if (answer.location) return [answer.location.replace("/cases/", "")];
      const data = answer.data as { cases: { id: string }[]; physician: { id: string }[] | null };
      return (data.physician ?? data.cases).map((c) => c.id);
    };
    expect(await seen(team.hr.cookie)).toContain(caseId);
    expect(await seen(team.manager.cookie)).toContain(caseId);
    expect(await seen(team.employee.cookie)).toContain(caseId);
    expect(await seen(team.physician.cookie)).toContain(caseId);
    expect(await seen(team.otherManager.cookie)).not.toContain(caseId);
    expect(await seen(team.otherEmployee.cookie)).not.toContain(caseId);
    expect(await seen(otherPhysician.cookie)).not.toContain(caseId);
  });
});

describe("the employee's private notes", () => {
  test("never appear in anything the employer side loads", async () => {
    const canary = `PRIVATE-CANARY-${Date.now()}`;
    const written = await callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "add", body: `Tired after ${canary}`, share: "on" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(written.status).toBe(302);
    const own = await callRoute(
      notesPage,
      get(`/cases/${caseId}/notes`, { Cookie: team.employee.cookie }),
      { caseId },
    );
    expect(JSON.stringify(own.data)).toContain(canary);

    for (const cookie of [team.owner.cookie, team.hr.cookie, team.manager.cookie]) {
      const pages = [
        await callRoute(casesList, get("/cases", { Cookie: cookie })),
        await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: cookie }), { caseId }),
        await callRoute(versions, get(`/cases/${caseId}/versions`, { Cookie: cookie }), { caseId }),
        await callRoute(editCase, get(`/cases/${caseId}/edit`, { Cookie: cookie }), { caseId }),
        await callRoute(notesPage, get(`/cases/${caseId}/notes`, { Cookie: cookie }), { caseId }),
        await callRoute(audit, get("/audit", { Cookie: cookie })),
      ];
      for (const page of pages) expect(JSON.stringify(page.data ?? "")).not.toContain(canary);
    }
    expect(JSON.stringify(await db.outboxMessage.findMany())).not.toContain(canary);
    expect(JSON.stringify(await db.job.findMany())).not.toContain(canary);
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain(canary);
  });
});

describe("who opened the case", () => {
  test("the employer side's visits are recorded once per ten minutes, and only the employee reads them", async () => {
    await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: team.hr.cookie }), { caseId });
    await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: team.hr.cookie }), { caseId });
    await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: team.employee.cookie }), {
      caseId,
    });
    await runJobsUntilIdle();
    const views = await db.auditEvent.findMany({
      where: { action: "case.viewed", targetId: caseId, actorId: team.hr.user.id },
    });
    expect(views).toHaveLength(1);
    expect(
      await db.auditEvent.count({
        where: { action: "case.viewed", actorId: team.employee.user.id },
      }),
    ).toBe(0);
    const notes = await callRoute(
      notesPage,
      get(`/cases/${caseId}/notes`, { Cookie: team.employee.cookie }),
      { caseId },
    );
    expect((notes.data as { views: { name: string }[] }).views.map((view) => view.name)).toContain(
      team.hr.user.name,
    );
  });
});

describe("nothing the employee typed is lost", () => {
  test("a note over the limit is refused with its text kept, and nothing is stored", async () => {
    const body = `${"A long day. ".repeat(400)}The end.`;
    expect(body.length).toBeGreaterThan(4000);
    const answer = await callRoute(
      notesAction,
      post(`/cases/${caseId}/notes`, { intent: "add", body }, { Cookie: team.employee.cookie }),
      { caseId },
    );
    expect(answer.status).toBe(200);
    const reply = answer.data as { initialValue: { body: string }; error: { body: string[] } };
    expect(reply.initialValue.body).toBe(body);
    expect(reply.error.body).toEqual(["validation.tooLong?max=4000"]);
    expect(await db.privateNote.count({ where: { caseId, body } })).toBe(0);
  });
});
