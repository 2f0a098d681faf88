import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { sendReminders } from "#app/modules/reminders/reminders.server.ts";
import { action as checkInsAction } from "#app/routes/cases.$caseId.checkins.tsx";
import { action as settingsAction, loader as settingsLoader } from "#app/routes/reminders.tsx";
import { action as stopAction, loader as stopLoader } from "#app/routes/unsubscribe.tsx";
import { createCaseTeam, proposeAs } from "#tests/helpers/cases.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

const dayMs = 24 * 60 * 60_000;
const inDays = (days: number, from = new Date()) => new Date(from.getTime() + days * dayMs);

/** The reminder e-mails queued for an address, newest last, as their lines' texts. */
async function remindersTo(email: string) {
  const jobs = await db.job.findMany({
    where: { kind: "email", summary: { equals: { template: "reminders", to: email } } },
    orderBy: { createdAt: "asc" },
  });
  return jobs.map((job) =>
    (
      (job.payload as { props: { lines: Array<{ text: string; link: string }> } }).props.lines ?? []
    ).map((line) => line.text),
  );
}

/** A Dutch case whose problem analysis (week 6: the 42nd day) is due `dueIn` days from now. */
async function caseWithAnalysisDueIn(dueIn: number) {
  const team = await createCaseTeam();
  await db.case.update({
    where: { id: team.record.id },
    data: { startKind: "ABSENCE", startDate: new Date(`${isoDay(dueIn - 41)}T00:00:00Z`) },
  });
  return team;
}

describe("reminder e-mails", () => {
  test("the physician is reminded 7 days and 1 day before the problem analysis, and once when it is late", async () => {
    const team = await caseWithAnalysisDueIn(7);
    const email = team.physician.user.email;
    const now = new Date();
    await sendReminders(now);
    await sendReminders(inDays(0.01, now)); // the same day: nothing again
    await sendReminders(inDays(1, now)); // six days ahead: nothing to say
    await sendReminders(inDays(6, now)); // one day ahead
    await sendReminders(inDays(8, now)); // late
    await sendReminders(inDays(9, now)); // still late: said already
    const sent = await remindersTo(email);
    expect(sent).toHaveLength(3);
    expect(sent[0]?.[0]).toMatch(/^.+: Problem analysis by the company doctor .*, by /);
    expect(sent[1]?.[0]).toMatch(/, by /);
    expect(sent[2]?.[0]).toMatch(/, late since /);
    // The employee and the manager are not responsible for the analysis.
    expect(await remindersTo(team.employee.user.email)).toEqual([]);
    expect(await remindersTo(team.manager.user.email)).toEqual([]);
  });

  test("a deadline marked done is not reminded of", async () => {
    const team = await caseWithAnalysisDueIn(-2);
    await db.deadlineDone.create({
      data: {
        organizationId: team.organization.id,
        caseId: team.record.id,
        ruleId: "probleemanalyse",
        doneOn: new Date(`${isoDay(-3)}T00:00:00Z`),
        markedById: team.physician.user.id,
      },
    });
    await sendReminders();
    expect(await remindersTo(team.physician.user.email)).toEqual([]);
  });

  test("an item that has waited 3 days for the employee's answer is reminded of, once, with a link to the plan", async () => {
    const team = await createCaseTeam();
    await proposeAs(team.manager.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    await sendReminders(inDays(2));
    expect(await remindersTo(team.employee.user.email)).toEqual([]);
    await sendReminders(inDays(3.1));
    await sendReminders(inDays(4.1));
    const sent = await remindersTo(team.employee.user.email);
    expect(sent).toEqual([["Your plan: 1 item has waited 3 days for your answer"]]);
    const job = await db.job.findFirstOrThrow({
      where: { summary: { equals: { template: "reminders", to: team.employee.user.email } } },
    });
    const props = (job.payload as { props: { lines: Array<{ link: string }>; stopLink: string } })
      .props;
    expect(props.lines[0]?.link).toMatch(new RegExp(`/cases/${team.record.id}$`));
    expect(props.stopLink).toMatch(/\/unsubscribe\?token=[a-z2-7]{32}$/);
  });

  test("the employee who chose weekly check-ins is asked once a week, and not in a week she checked in", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const rhythm = await callRoute(
      checkInsAction,
      post(
        `/cases/${caseId}/checkins`,
        { intent: "rhythm", rhythm: "WEEKLY" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(rhythm.status).toBe(302);
    const refused = await callRoute(
      checkInsAction,
      post(
        `/cases/${caseId}/checkins`,
        { intent: "rhythm", rhythm: "HOURLY" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(refused.status).toBe(400);
    const notHers = await callRoute(
      checkInsAction,
      post(
        `/cases/${caseId}/checkins`,
        { intent: "rhythm", rhythm: "NONE" },
        { Cookie: team.manager.cookie },
      ),
      { caseId },
    );
    expect(notHers.status).toBe(403);
    const now = new Date();
    await sendReminders(now);
    await sendReminders(inDays(1, now));
    expect(await remindersTo(team.employee.user.email)).toEqual([
      ["Your plan: time for a check-in"],
    ]);
    // She checks in: the next week's prompt does not come while that check-in is fresh.
    await db.checkIn.create({
      data: {
        organizationId: team.organization.id,
        caseId,
        authorId: team.employee.user.id,
        energy: 3,
        workload: 3,
        planFit: 3,
        createdAt: inDays(6, now),
      },
    });
    await sendReminders(inDays(8, now));
    expect(await remindersTo(team.employee.user.email)).toHaveLength(1);
    await sendReminders(inDays(14, now));
    expect(await remindersTo(team.employee.user.email)).toHaveLength(2);
  });

  test("each person's choice: only deadlines, weekly on Mondays, or none", async () => {
    const team = await caseWithAnalysisDueIn(7);
    await proposeAs(team.manager.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    const choose = (member: { cookie: string }, rhythm: string) =>
      callRoute(
        settingsAction,
        post("/reminders", { intent: "save-reminders", rhythm }, { Cookie: member.cookie }),
      );
    expect((await choose(team.employee, "DEADLINES_ONLY")).status).toBe(302);
    expect((await choose(team.physician, "NONE")).status).toBe(302);
    expect((await choose(team.manager, "SOMETIMES")).status).toBe(400);
    await sendReminders(inDays(3.1));
    // The employee has no deadline of her own today, so nothing; the physician asked for none.
    expect(await remindersTo(team.employee.user.email)).toEqual([]);
    expect(await remindersTo(team.physician.user.email)).toEqual([]);
    const page = await callRoute(
      settingsLoader,
      get("/reminders", { Cookie: team.employee.cookie }),
    );
    expect(page.data).toEqual({ rhythm: "DEADLINES_ONLY" });

    await choose(team.employee, "WEEKLY");
    const monday = new Date("2030-01-07T09:00:00Z");
    const tuesday = new Date("2030-01-08T09:00:00Z");
    await sendReminders(tuesday);
    expect(await remindersTo(team.employee.user.email)).toEqual([]);
    await sendReminders(monday);
    expect(await remindersTo(team.employee.user.email)).toHaveLength(1);
  });

  test("the link in the e-mail stops reminders without signing in; a visit alone changes nothing; a wrong link is 404", async () => {
    const team = await createCaseTeam();
    await proposeAs(team.manager.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    await sendReminders(inDays(3.1));
    const preference = await db.reminderPreference.findUniqueOrThrow({
      where: { userId: team.employee.user.id },
    });
    const url = `/unsubscribe?token=${preference.unsubscribeToken}`;
    const visit = await callRoute(stopLoader, get(url));
    expect(visit.data).toMatchObject({ stopped: false, name: team.employee.user.name });
    expect(
      (await db.reminderPreference.findUniqueOrThrow({ where: { userId: team.employee.user.id } }))
        .rhythm,
    ).toBe("DAILY");
    const stop = await callRoute(stopAction, post(url, { token: preference.unsubscribeToken }));
    expect(stop.data).toEqual({ stopped: true });
    expect(
      (await db.reminderPreference.findUniqueOrThrow({ where: { userId: team.employee.user.id } }))
        .rhythm,
    ).toBe("NONE");
    for (const token of ["a".repeat(32), "x", ""]) {
      expect((await callRoute(stopLoader, get(`/unsubscribe?token=${token}`))).status).toBe(404);
      expect((await callRoute(stopAction, post("/unsubscribe", { token }))).status).toBe(404);
    }
  });
});
