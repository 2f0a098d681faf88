import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { action, loader } from "#app/routes/cases.$caseId.timeline.tsx";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";

type Page = {
  deadlines: Array<{
    ruleId: string;
    due: string;
    state: string;
    title: string;
    occurrence?: number;
    unconfirmedNote: string | null;
  }>;
  mayRecord: boolean;
  recorded: { absences: Array<{ id: string }>; events: Array<{ id: string; event: string }> };
};

async function teamWithAbsence(country: "NL" | "BE" | "UK", daysAgo: number) {
  const team = await createCaseTeam();
  await db.case.update({
    where: { id: team.record.id },
    data: { country, startKind: "ABSENCE", startDate: new Date(`${isoDay(-daysAgo)}T00:00:00Z`) },
  });
  return { ...team, caseId: team.record.id };
}

const read = async (cookie: string, caseId: string) => {
  const answer = await callRoute(loader, get(`/cases/${caseId}/timeline`, { Cookie: cookie }), {
    caseId,
  });
  return { status: answer.status, page: answer.data as Page };
};
/** A refused form: which one, its errors by field ("" for the whole form) and what was typed. */
type Refused = {
  form: string;
  reply: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
};
const refusedOf = (answer: { data: unknown }) => answer.data as Refused;

const send = (cookie: string, caseId: string, fields: Record<string, string>) =>
  callRoute(action, post(`/cases/${caseId}/timeline`, fields, { Cookie: cookie }), { caseId });

describe("a case's statutory timeline", () => {
  test("a Dutch case's deadlines count from the first day of absence, in the reader's language", async () => {
    const team = await teamWithAbsence("NL", 0);
    const { page } = await read(team.employee.cookie, team.caseId);
    const byId = new Map(page.deadlines.map((deadline) => [deadline.ruleId, deadline]));
    // Day 1 is today: week 6 ends on day 42, week 8 on day 56, week 42 on day 294.
    expect(byId.get("probleemanalyse")?.due).toBe(isoDay(41));
    expect(byId.get("plan-van-aanpak")?.due).toBe(isoDay(55));
    expect(byId.get("melding-uwv-week-42")?.due).toBe(isoDay(293));
    expect(byId.get("wia-aanvraag")?.unconfirmedNote).toBeTruthy();
    expect(page.mayRecord).toBe(false);
    // The employee reads; only the employer side and the physician record.
    const refused = await send(team.employee.cookie, team.caseId, {
      intent: "done",
      ruleId: "probleemanalyse",
      occurrence: "0",
      doneOn: isoDay(0),
    });
    expect(refused.status).toBe(404);
    expect(await db.deadlineDone.count({ where: { caseId: team.caseId } })).toBe(0);
  });

  test("the physician marks the analysis done; a wrong date or an unknown deadline is refused and nothing is stored", async () => {
    const team = await teamWithAbsence("NL", 45);
    // A day that does not exist comes back to that deadline's form, as typed.
    const wrongDay = await send(team.physician.cookie, team.caseId, {
      intent: "done",
      ruleId: "probleemanalyse",
      occurrence: "0",
      doneOn: "2026-02-30",
    });
    expect(refusedOf(wrongDay).form).toBe("done-probleemanalyse-0");
    expect(refusedOf(wrongDay).reply.error.doneOn).toEqual(["validation.date"]);
    expect(refusedOf(wrongDay).reply.initialValue.doneOn).toBe("2026-02-30");
    // A deadline the case does not have (any more): the page is out of date.
    for (const fields of [
      { intent: "done", ruleId: "no-such-rule", occurrence: "0", doneOn: isoDay(0) },
      { intent: "done", ruleId: "probleemanalyse", occurrence: "7", doneOn: isoDay(0) },
    ]) {
      const answer = await send(team.physician.cookie, team.caseId, fields);
      expect(toastOf(answer)?.message).toBe("timelines:stale");
    }
    expect(await db.deadlineDone.count({ where: { caseId: team.caseId } })).toBe(0);
    const late = (await read(team.manager.cookie, team.caseId)).page.deadlines.find(
      (d) => d.ruleId === "probleemanalyse",
    );
    expect(late?.state).toBe("late");
    const done = await send(team.physician.cookie, team.caseId, {
      intent: "done",
      ruleId: "probleemanalyse",
      occurrence: "0",
      doneOn: isoDay(-2),
    });
    expect(toastOf(done)?.message).toBe("timelines:saved");
    const after = (await read(team.manager.cookie, team.caseId)).page.deadlines.find(
      (d) => d.ruleId === "probleemanalyse",
    );
    expect(after).toMatchObject({ state: "done", doneOn: isoDay(-2) });
    await send(team.physician.cookie, team.caseId, {
      intent: "undo",
      ruleId: "probleemanalyse",
      occurrence: "0",
    });
    expect(await db.deadlineDone.count({ where: { caseId: team.caseId } })).toBe(0);
  });

  test("a recovery of more than four weeks restarts the count from the new absence", async () => {
    const team = await teamWithAbsence("NL", 200);
    const manager = team.manager.cookie;
    await send(manager, team.caseId, {
      intent: "absence",
      startsOn: isoDay(-200),
      endsOn: isoDay(-100),
    });
    await send(manager, team.caseId, { intent: "absence", startsOn: isoDay(-10) });
    const { page } = await read(manager, team.caseId);
    expect(page.recorded.absences).toHaveLength(2);
    expect(page.deadlines.find((d) => d.ruleId === "probleemanalyse")?.due).toBe(isoDay(31));
    // An end before the start is refused at the end's field, with both dates kept.
    const wrong = await send(manager, team.caseId, {
      intent: "absence",
      startsOn: isoDay(-5),
      endsOn: isoDay(-6),
    });
    expect(refusedOf(wrong).form).toBe("absence");
    expect(refusedOf(wrong).reply.error.endsOn).toEqual(["timelines:errors.endBeforeStart"]);
    expect(refusedOf(wrong).reply.initialValue).toMatchObject({
      startsOn: isoDay(-5),
      endsOn: isoDay(-6),
    });
    // A period that overlaps a recorded one (the open one from 10 days ago) is refused as a whole.
    const overlapping = await send(manager, team.caseId, {
      intent: "absence",
      startsOn: isoDay(-150),
      endsOn: isoDay(-120),
    });
    expect(refusedOf(overlapping).reply.error[""]).toEqual(["timelines:errors.overlap"]);
    expect(refusedOf(overlapping).reply.initialValue.startsOn).toBe(isoDay(-150));
    const missing = await send(manager, team.caseId, { intent: "absence", startsOn: "" });
    expect(refusedOf(missing).reply.error.startsOn).toEqual(["validation.required"]);
    expect(await db.caseAbsence.count({ where: { caseId: team.caseId } })).toBe(2);
  });

  test("Belgian steps count from their recorded dates; another country's step is refused", async () => {
    const team = await teamWithAbsence("BE", 10);
    const requested = await send(team.manager.cookie, team.caseId, {
      intent: "event",
      event: "be-assessment-requested",
      on: isoDay(-1),
    });
    expect(toastOf(requested)?.message).toBe("timelines:saved");
    const { page } = await read(team.manager.cookie, team.caseId);
    expect(page.deadlines.find((d) => d.ruleId === "re-integratiebeoordeling")?.due).toBe(
      isoDay(48),
    );
    const dutch = await send(team.manager.cookie, team.caseId, {
      intent: "event",
      event: "nl-second-track-needed",
      on: isoDay(-1),
    });
    expect(refusedOf(dutch).form).toBe("event");
    expect(refusedOf(dutch).reply.error.event).toEqual(["validation.choose"]);
    expect(refusedOf(dutch).reply.initialValue.on).toBe(isoDay(-1));
    expect(await db.caseEvent.count({ where: { caseId: team.caseId } })).toBe(1);
  });

  test("malformed requests get 400, others' records 404, another organisation 404", async () => {
    const team = await teamWithAbsence("UK", 3);
    expect((await send(team.manager.cookie, team.caseId, { intent: "erase" })).status).toBe(400);
    expect((await send(team.manager.cookie, team.caseId, {})).status).toBe(400);
    const other = await teamWithAbsence("UK", 3);
    await send(other.manager.cookie, other.caseId, { intent: "absence", startsOn: isoDay(-3) });
    const theirs = await db.caseAbsence.findFirstOrThrow({ where: { caseId: other.caseId } });
    const removal = await send(team.manager.cookie, team.caseId, {
      intent: "remove-absence",
      id: theirs.id,
    });
    expect(removal.status).toBe(404);
    expect(await db.caseAbsence.count({ where: { id: theirs.id } })).toBe(1);
    const stranger = await createTeam();
    expect((await read(stranger.owner.cookie, team.caseId)).status).toBe(404);
  });
});
