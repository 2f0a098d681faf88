import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as physicianAction } from "#app/routes/cases.$caseId.physician.tsx";
import { action as planAction } from "#app/routes/cases.$caseId.tsx";
import { createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { callRoute, post, toastOf } from "#tests/helpers/route-args.ts";

/**
 * Plan actions at their edges: each either does what it says or refuses with
 * a message, and never stores half of a change.
 */
async function scheduleOf(cookie: string, caseId: string) {
  return (await planOf(cookie, caseId)).items
    .filter((item) => item.kind === "SCHEDULE_PHASE")
    .map((item) => ({ id: item.id, startWeek: Number(item.content.startWeek) }))
    .sort((a, b) => a.startWeek - b.startWeek);
}

async function caseWithPhases(startWeeks: number[]) {
  const team = await createCaseTeam();
  const caseId = team.record.id;
  for (const startWeek of startWeeks) {
    const answer = await proposeAs(team.manager.cookie, caseId, "SCHEDULE_PHASE", {
      startWeek: String(startWeek),
      hoursPerWeek: "8",
    });
    if (answer.status !== 302) throw new Error(`phase at week ${startWeek} was not proposed`);
  }
  return { ...team, caseId };
}

function repeat(cookie: string, caseId: string, itemId: string) {
  return callRoute(
    planAction,
    post(`/cases/${caseId}`, { intent: "repeat-phase", itemId }, { Cookie: cookie }),
    { caseId },
  );
}

describe("repeating a schedule phase", () => {
  test("when two phases share a start week, repeating the first is refused with a message, and nothing is stored", async () => {
    const { manager, caseId } = await caseWithPhases([1, 3, 3, 6]);
    const before = await scheduleOf(manager.cookie, caseId);
    const answer = await repeat(manager.cookie, caseId, before[1]?.id ?? "");
    expect(answer.status).toBe(302);
    expect(toastOf(answer)).toMatchObject({
      kind: "error",
      message: "plans:refusals.same-start-week",
    });
    expect(await scheduleOf(manager.cookie, caseId)).toEqual(before);
  });

  test("a phase in week 104 cannot be repeated: the schedule ends there, and nothing is stored", async () => {
    const { manager, caseId } = await caseWithPhases([100, 104]);
    const before = await scheduleOf(manager.cookie, caseId);
    const answer = await repeat(manager.cookie, caseId, before[1]?.id ?? "");
    expect(answer.status).toBe(302);
    expect(toastOf(answer)).toMatchObject({
      kind: "error",
      message: "plans:refusals.past-last-week",
    });
    expect(await scheduleOf(manager.cookie, caseId)).toEqual(before);
    expect(await db.planItem.count({ where: { caseId, kind: "SCHEDULE_PHASE" } })).toBe(2);
  });

  test("nor can one whose later phases would move past week 104", async () => {
    const { manager, caseId } = await caseWithPhases([98, 101, 103]);
    const before = await scheduleOf(manager.cookie, caseId);
    const answer = await repeat(manager.cookie, caseId, before[0]?.id ?? "");
    expect(toastOf(answer)).toMatchObject({ message: "plans:refusals.past-last-week" });
    expect(await scheduleOf(manager.cookie, caseId)).toEqual(before);
  });
});

describe("adding an advised adjustment in one click", () => {
  const advised = (cookie: string, caseId: string, catalogueId: string) =>
    callRoute(
      planAction,
      post(`/cases/${caseId}`, { intent: "propose-advised", catalogueId }, { Cookie: cookie }),
      { caseId },
    );

  test.each([[""], ["X99"], ["A04\u00a0"]])(
    "with catalogue id %j answers 404 and stores nothing",
    async (catalogueId) => {
      const { manager, record } = await createCaseTeam();
      const answer = await advised(manager.cookie, record.id, catalogueId);
      expect(answer.status).toBe(404);
      expect(await db.planItem.count({ where: { caseId: record.id } })).toBe(0);
    },
  );

  test("with a catalogue entry the physician advised proposes it, arranged by the manager", async () => {
    const { manager, physician, record } = await createCaseTeam();
    await callRoute(
      physicianAction,
      post(
        `/cases/${record.id}/physician`,
        { intent: "advice", capacities: "Four hours a day.", advisedAdjustments: "A04" },
        { Cookie: physician.cookie },
      ),
      { caseId: record.id },
    );
    const answer = await advised(manager.cookie, record.id, "A04");
    expect(answer.status).toBe(302);
    const [item] = await db.planItem.findMany({ where: { caseId: record.id } });
    expect(item?.content).toMatchObject({ catalogueId: "A04", owner: manager.user.name });
  });
});
