import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { todosFor } from "#app/modules/todo/todo.server.ts";
import { loader as startPage } from "#app/routes/app.tsx";
import { action as timelineAction } from "#app/routes/cases.$caseId.timeline.tsx";
import { agreedCaseTeam, liveAgreement, prepareAs, signAs } from "#tests/helpers/agreements.ts";
import { answerAs, createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

type Member = { user: { id: string }; membership: { role: Actor["role"]; organizationId: string } };

function todosOf(member: Member, today?: string) {
  const actor: Actor = {
    userId: member.user.id,
    organizationId: member.membership.organizationId,
    role: member.membership.role,
    emailVerified: true,
  };
  return todosFor(tenantDb(actor.organizationId), actor, "en", today);
}

describe("what needs a person now", () => {
  test("items waiting: for the side that must answer, counted per case, and gone once answered", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(60) });
    await proposeAs(team.manager.cookie, caseId, "SCHEDULE_PHASE", {
      startWeek: "1",
      hoursPerWeek: "8",
    });
    expect(await todosOf(team.employee)).toEqual([
      { kind: "answer", caseId, own: true, who: team.employee.user.name, count: 2 },
    ]);
    expect(await todosOf(team.manager)).toEqual([]);

    const [first] = (await planOf(team.employee.cookie, caseId)).items;
    await answerAs(team.employee.cookie, caseId, first?.id ?? "", "decline", {
      reason: "Te vroeg",
    });
    // A declined item waits for the side that proposed it.
    expect(await todosOf(team.manager)).toEqual([
      { kind: "answer", caseId, own: false, who: team.employee.user.name, count: 1 },
    ]);
    expect(await todosOf(team.employee)).toMatchObject([{ kind: "answer", count: 1 }]);
  });

  test("an agreement to sign, for each side until it has signed; and the review due within 14 days", async () => {
    // Version 1 has a review in 42 days: seen from 32 days ahead, it is due within 14.
    const team = await agreedCaseTeam();
    const inTenDays = isoDay(32);
    await prepareAs(team.manager.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);
    const review = await db.planItem.findFirstOrThrow({
      where: { caseId: team.caseId, kind: "REVIEW" },
    });
    const sign = { kind: "sign", agreementId: agreement.id, version: 1 };
    expect(await todosOf(team.manager, inTenDays)).toEqual([
      { ...sign, caseId: team.caseId, own: false, who: team.employee.user.name },
      {
        kind: "review",
        caseId: team.caseId,
        own: false,
        who: team.employee.user.name,
        itemId: review.id,
        on: isoDay(42),
      },
    ]);
    await signAs(team.employee, team.caseId, agreement.id);
    expect(await todosOf(team.employee, inTenDays)).toMatchObject([{ kind: "review", own: true }]);
    expect(await todosOf(team.manager, inTenDays)).toMatchObject([
      { kind: "sign" },
      { kind: "review" },
    ]);
    // Today, six weeks before the review, it is not due yet; a week after it, it no longer shows.
    expect(await todosOf(team.employee)).toEqual([]);
    expect(await todosOf(team.employee, isoDay(50))).toEqual([]);
  });

  test("a planned conversation: the manager runs it, the employee prepares; the earliest first", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const plan = (plannedFor: string | null) =>
      db.conversation.create({
        data: {
          organizationId: team.organization.id,
          caseId,
          guideId: "keeping-in-touch",
          guideHash: "h",
          guide: {},
          startedById: team.manager.user.id,
          plannedFor: plannedFor ? new Date(`${plannedFor}T00:00:00Z`) : null,
        },
      });
    const later = await plan(isoDay(9));
    const sooner = await plan(isoDay(2));
    const undated = await plan(null);
    expect(
      (await todosOf(team.manager)).map(
        (todo) => todo.kind === "conversation" && [todo.conversationId, todo.on],
      ),
    ).toEqual([
      [sooner.id, isoDay(2)],
      [later.id, isoDay(9)],
      [undated.id, null],
    ]);
    expect(await todosOf(team.employee)).toMatchObject([
      { kind: "conversation", own: true, on: isoDay(2) },
      { kind: "conversation", own: true },
      { kind: "conversation", own: true, on: null },
    ]);
  });

  test("HR who is not the case's manager, the physician and another organisation see none of it", async () => {
    const team = await createCaseTeam();
    await proposeAs(team.employee.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    expect(await todosOf(team.manager)).toHaveLength(1);
    expect(await todosOf(team.hr)).toEqual([]);
    expect(await todosOf(team.owner)).toEqual([]);
    expect(await todosOf(team.physician)).toEqual([]);
    const other = await createTeam();
    expect(await todosOf(other.manager)).toEqual([]);
  });

  test("a closed case asks nothing of anyone", async () => {
    const team = await createCaseTeam();
    await proposeAs(team.employee.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    await db.case.update({ where: { id: team.record.id }, data: { status: "CLOSED" } });
    expect(await todosOf(team.manager)).toEqual([]);
  });

  test("statutory deadlines: due within 14 days or late, for whoever carries the duty, until marked done", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    // A Dutch absence 50 days ago: the problem analysis (week 6, day 42) is 9 days late,
    // the plan of action (week 8, day 56) is due in 6 days.
    await db.case.update({
      where: { id: caseId },
      data: { startKind: "ABSENCE", startDate: new Date(`${isoDay(-49)}T00:00:00Z`) },
    });
    const physician = await todosOf(team.physician);
    expect(physician).toEqual([
      expect.objectContaining({
        kind: "deadline",
        ruleId: "probleemanalyse",
        late: true,
        on: isoDay(-8),
      }),
    ]);
    const plan = expect.objectContaining({
      kind: "deadline",
      ruleId: "plan-van-aanpak",
      late: false,
      on: isoDay(6),
    });
    expect(await todosOf(team.manager)).toEqual([plan]);
    expect(await todosOf(team.employee)).toEqual([plan]);
    expect(await todosOf(team.hr)).toEqual([]);

    const marked = await callRoute(
      timelineAction,
      post(
        `/cases/${caseId}/timeline`,
        { intent: "done", ruleId: "plan-van-aanpak", occurrence: "0", doneOn: isoDay(0) },
        { Cookie: team.manager.cookie },
      ),
      { caseId },
    );
    expect(marked.status).toBe(302);
    expect(await todosOf(team.employee)).toEqual([]);
  });

  test("the start page carries them, linked from the person's own session", async () => {
    const team = await createCaseTeam();
    await proposeAs(team.manager.cookie, team.record.id, "REVIEW", { date: isoDay(60) });
    const answer = await callRoute(startPage, get("/app", { Cookie: team.employee.cookie }));
    expect((answer.data as { todos: unknown[] }).todos).toMatchObject([
      { kind: "answer", caseId: team.record.id, own: true, count: 1 },
    ]);
  });
});
