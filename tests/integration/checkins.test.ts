import { afterAll, describe, expect, test } from "vitest";
import { addDays, mondayOf } from "#app/modules/checkins/trend.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { addLogSink, type LogRecord } from "#app/modules/log.server.ts";
import { action, loader } from "#app/routes/cases.$caseId.checkins.tsx";
import { createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";

/**
 * The employee's check-ins and the hours worked, as the people of a case use
 * them: recording, forms that keep what was typed, who reads which check-in
 * (a canary in a private comment must reach nobody else), hours that replace
 * a week, and the suggestion to ask for a review, which only the employee
 * sees and only the employee acts on.
 */
const logs: LogRecord[] = [];
const detach = addLogSink((record) => logs.push(record));
afterAll(() => detach());

const thisMonday = mondayOf(isoDay());
const weeksAgo = (n: number) => addDays(thisMonday, -7 * n);

function view(cookie: string, caseId: string) {
  return callRoute(loader, get(`/cases/${caseId}/checkins`, { Cookie: cookie }), { caseId });
}

function act(cookie: string, caseId: string, fields: Record<string, string>) {
  return callRoute(action, post(`/cases/${caseId}/checkins`, fields, { Cookie: cookie }), {
    caseId,
  });
}

function checkIn(cookie: string, caseId: string, fields: Record<string, string> = {}) {
  return act(cookie, caseId, {
    intent: "check-in",
    energy: "3",
    workload: "3",
    planFit: "3",
    ...fields,
  });
}

function hours(cookie: string, caseId: string, weekStart: string, value: string) {
  return act(cookie, caseId, { intent: "record-hours", weekStart, hours: value });
}

type Page = {
  role: string;
  mayWrite: boolean;
  mayRecordHours: boolean;
  checkIns: Array<{ id: string; comment: string | null; sharing: string; energy: number }>;
  weeks: Array<{
    weekStart: string;
    week: number | null;
    planned: { hours: number; agreed: boolean } | null;
    actual: number | null;
  }>;
  weekChoices: string[];
  suggestion: { reasons: Array<{ kind: string }>; reviewPlanned: string | null } | null;
};
type Refused = {
  form: string;
  reply: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
};

async function pageOf(cookie: string, caseId: string): Promise<Page> {
  const answer = await view(cookie, caseId);
  expect(answer.status).toBe(200);
  return answer.data as Page;
}

/** A case that started five weeks ago (this is week 6), planning 12 hours, then 20 from week 3. */
async function caseWithSchedule() {
  const team = await createCaseTeam();
  const caseId = team.record.id;
  await db.case.update({
    where: { id: caseId },
    data: { startDate: new Date(`${addDays(weeksAgo(5), 2)}T00:00:00Z`) },
  });
  for (const [startWeek, hoursPerWeek] of [
    ["1", "12"],
    ["3", "20"],
  ] as const)
    await proposeAs(team.manager.cookie, caseId, "SCHEDULE_PHASE", { startWeek, hoursPerWeek });
  return { ...team, caseId };
}

describe("the employee's pulse", () => {
  test("is recorded with who may read it; private unless chosen", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const saved = await checkIn(team.employee.cookie, caseId, {
      energy: "4",
      workload: "2",
      planFit: "5",
      comment: "  De ochtenden gaan goed.  ",
      sharing: "EMPLOYER",
    });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/cases/${caseId}/checkins`);
    expect(toastOf(saved)).toMatchObject({
      kind: "success",
      message: "checkins:pulse.saved.EMPLOYER",
      focus: "check-ins",
    });
    await checkIn(team.employee.cookie, caseId);
    const stored = await db.checkIn.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
    expect(
      stored.map(({ energy, workload, planFit, comment, sharing, authorId }) => ({
        energy,
        workload,
        planFit,
        comment,
        sharing,
        authorId,
      })),
    ).toEqual([
      {
        energy: 4,
        workload: 2,
        planFit: 5,
        comment: "De ochtenden gaan goed.",
        sharing: "EMPLOYER",
        authorId: team.employee.user.id,
      },
      {
        energy: 3,
        workload: 3,
        planFit: 3,
        comment: null,
        sharing: "PRIVATE",
        authorId: team.employee.user.id,
      },
    ]);
    const page = await pageOf(team.employee.cookie, caseId);
    expect(page).toMatchObject({ role: "EMPLOYEE", mayWrite: true, mayRecordHours: true });
    expect(page.checkIns.map((entry) => entry.sharing)).toEqual(["PRIVATE", "EMPLOYER"]);
  });

  test("a refused check-in comes back with every value and the message at its field; nothing is stored", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const refused = await checkIn(team.employee.cookie, caseId, {
      energy: "7",
      workload: "2",
      planFit: "",
      comment: "Kept as typed",
      sharing: "PHYSICIAN",
    });
    expect(refused.status).toBe(200);
    const { form, reply } = refused.data as Refused;
    expect(form).toBe("check-in");
    expect(reply.error.energy).toEqual(["checkins:errors.score"]);
    expect(reply.error.planFit).toEqual(["checkins:errors.score"]);
    expect(reply.error.workload).toBeUndefined();
    expect(reply.initialValue).toMatchObject({
      energy: "7",
      workload: "2",
      comment: "Kept as typed",
      sharing: "PHYSICIAN",
    });

    const tooLong = await checkIn(team.employee.cookie, caseId, { comment: "x".repeat(2001) });
    expect(tooLong.status).toBe(200);
    expect((tooLong.data as Refused).reply.error.comment).toEqual(["validation.tooLong?max=2000"]);
    expect((tooLong.data as Refused).reply.initialValue.comment).toBe("x".repeat(2001));

    for (const fields of [
      { energy: "3.5" } as Record<string, string>,
      { workload: "0" },
      { planFit: "1e400" },
      { sharing: "EVERYONE" },
    ]) {
      const answer = await checkIn(team.employee.cookie, caseId, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(200);
    }
    expect(await db.checkIn.count({ where: { caseId } })).toBe(0);
  });

  test("an unknown intent or none is a 400, never a 500, and stores nothing", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    for (const fields of [
      {} as Record<string, string>,
      { intent: "nonsense", energy: "3", workload: "3", planFit: "3" },
      { intent: "CHECK-IN", energy: "3", workload: "3", planFit: "3" },
      { intent: "hours", weekStart: weeksAgo(1), hours: "8" },
    ]) {
      const answer = await act(team.employee.cookie, caseId, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await db.checkIn.count({ where: { caseId } })).toBe(0);
    expect(await db.actualHours.count({ where: { caseId } })).toBe(0);
  });
});

describe("who reads which check-in", () => {
  test("the employee all of their own, the physician what is shared with them, the employer side only what is shared with the employer", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const canary = `CANARY-CHECKIN-${crypto.randomUUID()}`;
    const forPhysician = `FOR-PHYSICIAN-${crypto.randomUUID()}`;
    const forEmployer = `FOR-EMPLOYER-${crypto.randomUUID()}`;
    await checkIn(team.employee.cookie, caseId, { energy: "1", comment: canary });
    await checkIn(team.employee.cookie, caseId, {
      energy: "2",
      comment: forPhysician,
      sharing: "PHYSICIAN",
    });
    await checkIn(team.employee.cookie, caseId, {
      energy: "4",
      comment: forEmployer,
      sharing: "EMPLOYER",
    });
    const [privateOne] = await db.checkIn.findMany({ where: { caseId, sharing: "PRIVATE" } });

    const employee = JSON.stringify((await view(team.employee.cookie, caseId)).data);
    for (const text of [canary, forPhysician, forEmployer]) expect(employee).toContain(text);

    const physician = await pageOf(team.physician.cookie, caseId);
    expect(physician).toMatchObject({ role: "PHYSICIAN", mayWrite: false, mayRecordHours: false });
    expect(physician.checkIns.map((entry) => entry.comment)).toEqual([forEmployer, forPhysician]);
    expect(physician.suggestion).toBeNull();
    const physicianData = JSON.stringify(physician);
    expect(physicianData).not.toContain(canary);
    expect(physicianData).not.toContain(privateOne?.id);

    for (const person of [team.manager, team.hr, team.owner]) {
      const page = await pageOf(person.cookie, caseId);
      expect(page).toMatchObject({ role: "EMPLOYER", mayWrite: false, mayRecordHours: true });
      expect(page.checkIns.map((entry) => [entry.comment, entry.energy])).toEqual([
        [forEmployer, 4],
      ]);
      expect(page.suggestion).toBeNull();
      const seen = JSON.stringify(page);
      expect(seen).not.toContain(canary);
      expect(seen).not.toContain(forPhysician);
      expect(seen).not.toContain(privateOne?.id);
    }

    // The comments travel nowhere else: no log line, no job.
    expect(JSON.stringify(logs)).not.toContain(canary);
    const jobs = await db.job.findMany({ select: { payload: true, lastError: true } });
    expect(JSON.stringify(jobs)).not.toContain(canary);
  });

  test("only the employee writes a check-in; outsiders and other organisations get 404", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    for (const person of [team.manager, team.hr, team.owner, team.physician]) {
      const answer = await checkIn(person.cookie, caseId, { comment: "Not theirs" });
      expect(answer.status).toBe(403);
    }
    // Not a party of the case: an employee or a manager of another case.
    for (const person of [team.otherEmployee, team.otherManager]) {
      expect((await view(person.cookie, caseId)).status).toBe(404);
      expect((await checkIn(person.cookie, caseId)).status).toBe(404);
      expect((await hours(person.cookie, caseId, weeksAgo(1), "8")).status).toBe(404);
    }
    const stranger = await createTeam();
    expect((await view(stranger.owner.cookie, caseId)).status).toBe(404);
    expect((await checkIn(stranger.owner.cookie, caseId)).status).toBe(404);
    expect((await hours(stranger.owner.cookie, caseId, weeksAgo(1), "8")).status).toBe(404);
    expect((await act(stranger.owner.cookie, caseId, { intent: "ask-review" })).status).toBe(404);
    expect(await db.checkIn.count({ where: { caseId } })).toBe(0);
    expect(await db.actualHours.count({ where: { caseId } })).toBe(0);
  });
});

describe("hours worked", () => {
  test("either side records a week; recording it again replaces it; everyone in the case reads them", async () => {
    const team = await caseWithSchedule();
    const { caseId } = team;
    const first = await hours(team.employee.cookie, caseId, weeksAgo(1), "10");
    expect(first.status).toBe(302);
    expect(toastOf(first)).toMatchObject({ message: "checkins:hours.saved", focus: "hours" });
    expect((await hours(team.employee.cookie, caseId, weeksAgo(1), "12,5")).status).toBe(302);
    expect((await hours(team.manager.cookie, caseId, weeksAgo(2), "16")).status).toBe(302);
    const stored = await db.actualHours.findMany({
      where: { caseId },
      orderBy: { weekStart: "asc" },
    });
    expect(stored.map((row) => [row.weekStart.toISOString().slice(0, 10), row.hours])).toEqual([
      [weeksAgo(2), 16],
      [weeksAgo(1), 12.5],
    ]);
    expect(stored[0]?.recordedById).toBe(team.manager.user.id);

    // The physician reads them but does not record them.
    expect((await hours(team.physician.cookie, caseId, weeksAgo(3), "8")).status).toBe(403);
    expect(await db.actualHours.count({ where: { caseId } })).toBe(2);

    for (const person of [team.employee, team.manager, team.physician, team.hr]) {
      const page = await pageOf(person.cookie, caseId);
      const rows = page.weeks.map((row) => [row.week, row.planned?.hours ?? null, row.actual]);
      expect(rows).toEqual([
        [1, 12, null],
        [2, 12, null],
        [3, 20, null],
        [4, 20, 16],
        [5, 20, 12.5],
        [6, 20, null],
      ]);
      // The schedule is only proposed so far.
      expect(page.weeks[0]?.planned?.agreed).toBe(false);
    }
    expect((await pageOf(team.physician.cookie, caseId)).weekChoices).toEqual([]);
    expect((await pageOf(team.manager.cookie, caseId)).weekChoices[0]).toBe(thisMonday);
  });

  test("hours out of range or a malformed week come back with the values typed; nothing is stored", async () => {
    const team = await caseWithSchedule();
    const { caseId } = team;
    for (const [weekStart, value, field] of [
      [weeksAgo(1), "81", "hours"],
      [weeksAgo(1), "-2", "hours"],
      [weeksAgo(1), "7.25", "hours"],
      [weeksAgo(1), "", "hours"],
      [addDays(weeksAgo(1), 2), "8", "weekStart"],
      [addDays(thisMonday, 7), "8", "weekStart"],
      ["2026-02-30", "8", "weekStart"],
      ["last week", "8", "weekStart"],
      [weeksAgo(105), "8", "weekStart"],
    ] as const) {
      const answer = await hours(team.manager.cookie, caseId, weekStart, value);
      expect(answer.status, `${weekStart} ${value}`).toBe(200);
      const { form, reply } = answer.data as Refused;
      expect(form).toBe("hours");
      expect(reply.error[field], `${weekStart} ${value}`).toEqual([
        field === "hours" ? "checkins:errors.hours" : "checkins:errors.week",
      ]);
      if (value) expect(reply.initialValue.hours).toBe(value);
      expect(reply.initialValue.weekStart).toBe(weekStart);
    }
    expect(await db.actualHours.count({ where: { caseId } })).toBe(0);
  });

  test("without a start date there is no planned line, only the hours worked", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    await proposeAs(team.manager.cookie, caseId, "SCHEDULE_PHASE", {
      startWeek: "1",
      hoursPerWeek: "12",
    });
    await hours(team.employee.cookie, caseId, weeksAgo(1), "4");
    await hours(team.employee.cookie, caseId, weeksAgo(2), "4");
    const page = await pageOf(team.employee.cookie, caseId);
    expect(page.weeks.map((row) => [row.week, row.planned, row.actual])).toEqual([
      [null, null, 4],
      [null, null, 4],
      [null, null, null],
    ]);
    expect(page.suggestion).toBeNull();
  });
});

describe("suggesting a review", () => {
  test("hours below the plan two weeks running: the employee alone sees why, and asks for a review the employer answers", async () => {
    const team = await caseWithSchedule();
    const { caseId } = team;
    await hours(team.manager.cookie, caseId, weeksAgo(2), "14");
    expect((await pageOf(team.employee.cookie, caseId)).suggestion).toBeNull();
    await hours(team.manager.cookie, caseId, weeksAgo(1), "19.5");
    const employee = await pageOf(team.employee.cookie, caseId);
    expect(employee.suggestion).toEqual({
      reasons: [
        {
          kind: "hours-below-plan",
          weeks: [
            { weekStart: weeksAgo(2), planned: 20, actual: 14 },
            { weekStart: weeksAgo(1), planned: 20, actual: 19.5 },
          ],
        },
      ],
      reviewPlanned: null,
    });
    // Nothing was sent: no review on the plan until the employee asks.
    const reviews = () => db.planItem.findMany({ where: { caseId, kind: "REVIEW" } });
    expect(await reviews()).toEqual([]);
    for (const person of [team.manager, team.hr, team.physician]) {
      expect((await pageOf(person.cookie, caseId)).suggestion).toBeNull();
      expect((await act(person.cookie, caseId, { intent: "ask-review" })).status).toBe(403);
    }
    expect(await reviews()).toEqual([]);

    const asked = await act(team.employee.cookie, caseId, { intent: "ask-review" });
    expect(asked.status).toBe(302);
    expect(toastOf(asked)).toMatchObject({
      kind: "success",
      message: "checkins:review.asked",
      focus: "suggestion",
    });
    const [review] = await reviews();
    expect(review?.content).toEqual({ date: isoDay(7) });
    expect(review?.proposedById).toBe(team.employee.user.id);
    const plan = await planOf(team.manager.cookie, caseId);
    expect(plan.items.find((item) => item.id === review?.id)).toMatchObject({
      proposedBySide: "EMPLOYEE",
      awaiting: "EMPLOYER",
    });

    // Asked once: the page names the date, and asking again proposes nothing.
    expect((await pageOf(team.employee.cookie, caseId)).suggestion?.reviewPlanned).toBe(isoDay(7));
    const again = await act(team.employee.cookie, caseId, { intent: "ask-review" });
    expect(toastOf(again)).toMatchObject({
      kind: "info",
      message: "checkins:review.refused.review-planned",
    });
    expect(await reviews()).toHaveLength(1);
  });

  test("energy down 2 points: a suggestion; the employer side, even reading the check-ins, sees none", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    await checkIn(team.employee.cookie, caseId, { energy: "5", sharing: "EMPLOYER" });
    await checkIn(team.employee.cookie, caseId, { energy: "4", sharing: "EMPLOYER" });
    expect((await pageOf(team.employee.cookie, caseId)).suggestion).toBeNull();
    await checkIn(team.employee.cookie, caseId, { energy: "3", sharing: "EMPLOYER" });
    expect((await pageOf(team.employee.cookie, caseId)).suggestion).toEqual({
      reasons: [{ kind: "energy-drop", from: 5, to: 3 }],
      reviewPlanned: null,
    });
    expect((await pageOf(team.manager.cookie, caseId)).suggestion).toBeNull();
    expect((await pageOf(team.physician.cookie, caseId)).suggestion).toBeNull();
    // Feeling better again: the suggestion goes.
    await checkIn(team.employee.cookie, caseId, { energy: "4" });
    expect((await pageOf(team.employee.cookie, caseId)).suggestion).toBeNull();
  });

  test("asking when nothing calls for a review proposes nothing", async () => {
    const team = await caseWithSchedule();
    const { caseId } = team;
    await hours(team.employee.cookie, caseId, weeksAgo(2), "20");
    await hours(team.employee.cookie, caseId, weeksAgo(1), "10");
    const answer = await act(team.employee.cookie, caseId, { intent: "ask-review" });
    expect(answer.status).toBe(302);
    expect(toastOf(answer)).toMatchObject({
      kind: "info",
      message: "checkins:review.refused.not-suggested",
    });
    expect(await db.planItem.count({ where: { caseId, kind: "REVIEW" } })).toBe(0);
  });
});
