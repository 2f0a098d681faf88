process.env.RESEND_API_KEY = "re_test";

import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { sendDueDigests } from "#app/modules/plans/notify.server.ts";
import { action as planAction } from "#app/routes/cases.$caseId.tsx";
import { loader as versionLoader } from "#app/routes/cases.$caseId.versions.$number.tsx";
import { loader as historyLoader } from "#app/routes/cases.$caseId.versions.tsx";
import { answerAs, createCaseTeam, editAs, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { inbox } from "#tests/helpers/email.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";
import { sentEmails } from "#tests/mocks/resend.ts";

const adjustment = (catalogueId: string, startDate = isoDay(2)) => ({
  catalogueId,
  owner: "Mark (manager)",
  startDate,
  stage: "planned",
});

describe("negotiating a plan", () => {
  test("proposals, agreement, a counter-proposal and a new version, as the issue describes", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    for (const id of ["A04", "B01", "A06"])
      expect((await proposeAs(manager.cookie, caseId, "ADJUSTMENT", adjustment(id))).status).toBe(
        302,
      );
    for (const [week, hours] of [
      ["1", "12"],
      ["3", "18"],
      ["5", "24"],
    ] as const) {
      await proposeAs(manager.cookie, caseId, "SCHEDULE_PHASE", {
        startWeek: week,
        hoursPerWeek: hours,
      });
    }
    let plan = await planOf(employee.cookie, caseId);
    expect(plan.items).toHaveLength(6);
    expect(plan.items.every((item) => item.awaiting === "EMPLOYEE")).toBe(true);
    expect(plan.draftNumber).toBe(1);

    const [a04, b01, a06, ...phases] = plan.items;
    await answerAs(employee.cookie, caseId, a04?.id ?? "", "agree");
    await answerAs(employee.cookie, caseId, b01?.id ?? "", "agree");
    // A counter-proposal: the employee changes the third adjustment.
    const countered = await editAs(employee.cookie, caseId, a06?.id ?? "", a06?.lockVersion ?? 0, {
      ...adjustment("A06"),
      details: "Thursdays at home",
    });
    expect(countered.status).toBe(302);
    for (const phase of phases) await answerAs(employee.cookie, caseId, phase.id, "agree");
    await proposeAs(employee.cookie, caseId, "CAPACITY", {
      area: "personal",
      effects: "energy",
      whatHelps: "Mornings",
    });

    plan = await planOf(manager.cookie, caseId);
    const waiting = plan.items.filter((item) => item.awaiting === "EMPLOYER");
    expect(waiting.map((item) => item.kind).sort()).toEqual(["ADJUSTMENT", "CAPACITY"]);
    expect(plan.latestVersion).toBeNull();
    for (const item of waiting) await answerAs(manager.cookie, caseId, item.id, "agree");

    plan = await planOf(employee.cookie, caseId);
    expect(plan.draftNumber).toBeNull();
    expect(plan.latestVersion).toMatchObject({
      number: 1,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const hash = plan.latestVersion?.contentHash;

    // A later change starts version 2 as a draft; version 1 stays readable.
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: isoDay(47) });
    plan = await planOf(employee.cookie, caseId);
    expect(plan.draftNumber).toBe(2);
    const v1 = await callRoute(
      versionLoader,
      get(`/cases/${caseId}/versions/1`, { Cookie: employee.cookie }),
      {
        caseId,
        number: "1",
      },
    );
    const version = (v1.data as { version: { contentHash: string; items: unknown[] } }).version;
    expect(version.contentHash).toBe(hash);
    expect(version.items).toHaveLength(7);
    expect(JSON.stringify(version.items)).toContain("Thursdays at home");
  });

  test("editing an agreed item reopens it, and the history says what changed", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: isoDay(11) });
    let [review] = (await planOf(employee.cookie, caseId)).items;
    await answerAs(employee.cookie, caseId, review?.id ?? "", "agree");
    expect((await planOf(employee.cookie, caseId)).latestVersion?.number).toBe(1);

    [review] = (await planOf(manager.cookie, caseId)).items;
    await editAs(manager.cookie, caseId, review?.id ?? "", review?.lockVersion ?? 0, {
      date: isoDay(18),
    });
    [review] = (await planOf(employee.cookie, caseId)).items;
    expect(review?.status.kind).toBe("awaiting");
    expect(review?.awaiting).toBe("EMPLOYEE");
    await answerAs(employee.cookie, caseId, review?.id ?? "", "agree");

    const history = await callRoute(
      historyLoader,
      get(`/cases/${caseId}/versions`, { Cookie: manager.cookie }),
      {
        caseId,
      },
    );
    const versions = (history.data as { history: Array<{ number: number; changes: unknown }> })
      .history;
    expect(versions.map((entry) => entry.number)).toEqual([2, 1]);
    expect(versions[0]?.changes).toEqual([
      expect.objectContaining({ change: "changed", fields: ["date"] }),
    ]);
  });

  test("a decline keeps its reason and waits for the proposer; withdraw and removal work as agreed", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "AGREEMENT", {
      topic: "contact",
      text: "A call every Monday",
    });
    let [agreement] = (await planOf(employee.cookie, caseId)).items;
    // No reason: the form comes back with the error tied to this item's reason field.
    const refused = await answerAs(employee.cookie, caseId, agreement?.id ?? "", "decline", {
      reason: " ",
    });
    // Refused next to the field, as every form: nothing is stored.
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.data)).toContain("plans:errors.declineReason");
    expect((await planOf(employee.cookie, caseId)).items[0]?.status.kind).toBe("awaiting");
    await answerAs(employee.cookie, caseId, agreement?.id ?? "", "decline", {
      reason: "E-mail suits me better",
    });
    [agreement] = (await planOf(manager.cookie, caseId)).items;
    expect(agreement?.status).toEqual({
      kind: "declined",
      by: "EMPLOYEE",
      reason: "E-mail suits me better",
    });
    expect(agreement?.awaiting).toBe("EMPLOYER");

    // The employee cannot withdraw the manager's proposal; the manager can.
    await answerAs(employee.cookie, caseId, agreement?.id ?? "", "withdraw");
    expect((await planOf(manager.cookie, caseId)).items).toHaveLength(1);
    await answerAs(manager.cookie, caseId, agreement?.id ?? "", "withdraw");
    expect((await planOf(manager.cookie, caseId)).items).toHaveLength(0);

    // An item of an agreed plan only leaves when the other side agrees.
    await proposeAs(employee.cookie, caseId, "REVIEW", { date: isoDay(64) });
    const [review] = (await planOf(manager.cookie, caseId)).items;
    await answerAs(manager.cookie, caseId, review?.id ?? "", "agree");
    await answerAs(employee.cookie, caseId, review?.id ?? "", "propose-removal");
    expect((await planOf(manager.cookie, caseId)).items[0]?.status.kind).toBe("removal-proposed");
    await answerAs(manager.cookie, caseId, review?.id ?? "", "answer-removal", { accept: "yes" });
    expect((await planOf(manager.cookie, caseId)).items).toHaveLength(0);
  });

  test("a phase is repeated when recovery needs it, moving the later phases on", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    for (const [week, hours] of [
      ["1", "12"],
      ["3", "18"],
      ["5", "24"],
    ] as const) {
      await proposeAs(manager.cookie, caseId, "SCHEDULE_PHASE", {
        startWeek: week,
        hoursPerWeek: hours,
      });
    }
    const phases = (await planOf(employee.cookie, caseId)).items;
    const second = phases.find((item) => item.content.startWeek === 3);
    await callRoute(
      (await import("#app/routes/cases.$caseId.tsx")).action,
      (await import("#tests/helpers/route-args.ts")).post(
        `/cases/${caseId}`,
        { intent: "repeat-phase", itemId: second?.id ?? "" },
        { Cookie: employee.cookie },
      ),
      { caseId },
    );
    const after = (await planOf(manager.cookie, caseId)).items
      .map((item) => [item.content.startWeek, item.content.hoursPerWeek])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(after).toEqual([
      [1, 12],
      [3, 18],
      [5, 18],
      [7, 24],
    ]);
  });
});

describe("a schedule that goes up and down", () => {
  async function scheduleOf(cookie: string, caseId: string) {
    return (await planOf(cookie, caseId)).items
      .filter((item) => item.kind === "SCHEDULE_PHASE")
      .map((item) => [item.content.startWeek, item.content.hoursPerWeek])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  }
  async function withPhases(phases: Array<[string, string]>) {
    const team = await createCaseTeam();
    for (const [week, hours] of phases) {
      await proposeAs(team.manager.cookie, team.record.id, "SCHEDULE_PHASE", {
        startWeek: week,
        hoursPerWeek: hours,
      });
    }
    const items = (await planOf(team.employee.cookie, team.record.id)).items;
    const at = (week: number) => items.find((item) => item.content.startWeek === week)?.id ?? "";
    const change = (intent: string, itemId: string) =>
      callRoute(
        planAction,
        post(`/cases/${team.record.id}`, { intent, itemId }, { Cookie: team.employee.cookie }),
        { caseId: team.record.id },
      );
    return { ...team, at, change };
  }

  test("stepping back after a phase brings the hours before it, and the moved phases wait for the other side", async () => {
    const team = await withPhases([
      ["1", "8"],
      ["3", "16"],
      ["5", "24"],
    ]);
    const answer = await team.change("step-back-phase", team.at(3));
    expect(answer.location).toBe(`/cases/${team.record.id}`);
    expect(toastOf(answer)).toMatchObject({ kind: "success", focus: "schedule" });
    expect(await scheduleOf(team.manager.cookie, team.record.id)).toEqual([
      [1, 8],
      [3, 16],
      [5, 8],
      [7, 24],
    ]);
    const moved = (await planOf(team.manager.cookie, team.record.id)).items.find(
      (item) => item.content.startWeek === 7,
    );
    expect(moved?.awaiting).toBe("EMPLOYER");
  });

  test("stepping back from the first phase is refused and changes nothing", async () => {
    const team = await withPhases([
      ["1", "8"],
      ["3", "16"],
    ]);
    const before = await scheduleOf(team.manager.cookie, team.record.id);
    const answer = await team.change("step-back-phase", team.at(1));
    expect(answer.status).toBe(302);
    expect(toastOf(answer)).toMatchObject({
      kind: "error",
      message: "plans:refusals.no-step-back",
      focus: "schedule",
    });
    expect(await scheduleOf(team.manager.cookie, team.record.id)).toEqual(before);
  });

  test("a repeat that would pass week 104, or of a phase sharing its start week, changes nothing", async () => {
    const late = await withPhases([
      ["100", "20"],
      ["104", "24"],
    ]);
    await late.change("repeat-phase", late.at(104));
    await late.change("repeat-phase", late.at(100));
    expect(await scheduleOf(late.manager.cookie, late.record.id)).toEqual([
      [100, 20],
      [104, 24],
    ]);
    const clash = await withPhases([
      ["3", "16"],
      ["3", "20"],
    ]);
    const [first, second] = (await planOf(clash.employee.cookie, clash.record.id)).items;
    // The first of the two has no weeks of its own to repeat: refused.
    await clash.change("repeat-phase", first?.id ?? "");
    expect(await scheduleOf(clash.manager.cookie, clash.record.id)).toHaveLength(2);
    // The second runs until the end: repeating it is fine.
    await clash.change("repeat-phase", second?.id ?? "");
    expect((await scheduleOf(clash.manager.cookie, clash.record.id)).map(([week]) => week)).toEqual(
      [3, 3, 5],
    );
  });
});

describe("who proposed what", () => {
  test("the manager sees an item HR proposed as HR's, by name, not as their own", async () => {
    const { record, manager, hr, employee } = await createCaseTeam();
    await proposeAs(hr.cookie, record.id, "REVIEW", { date: isoDay(90) });
    const [asManager] = (await planOf(manager.cookie, record.id)).items;
    expect(asManager?.proposedBy).toEqual({ id: hr.user.id, name: hr.user.name });
    expect(asManager?.proposedBySide).toBe("EMPLOYER");
    const [asEmployee] = (await planOf(employee.cookie, record.id)).items;
    expect(asEmployee?.proposedBy.name).toBe(hr.user.name);
  });
});

describe("no lost updates", () => {
  test("a reason typed to say no to an item someone just changed comes back, kept, to be sent again", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "AGREEMENT", {
      topic: "contact",
      text: "A call on Mondays",
    });
    const [item] = (await planOf(employee.cookie, caseId)).items;
    const seen = item?.lockVersion ?? 0;
    await editAs(manager.cookie, caseId, item?.id ?? "", seen, {
      topic: "contact",
      text: "A call on Tuesdays",
    });
    const reason = "Mondays I bring my son to school, so a call at nine does not work";
    const answer = await callRoute(
      planAction,
      post(
        `/cases/${caseId}`,
        { intent: "decline", itemId: item?.id ?? "", lockVersion: String(seen), reason },
        { Cookie: employee.cookie },
      ),
      { caseId },
    );
    expect(answer.status).toBe(200);
    const data = answer.data as {
      form: string;
      reply: { initialValue: { reason: string }; error: Record<string, string[]> };
    };
    expect(data.form).toBe(`decline-${item?.id}`);
    expect(data.reply.initialValue.reason).toBe(reason);
    expect(data.reply.error[""]).toEqual(["plans:conflict.declineStale"]);
    const [now] = (await planOf(manager.cookie, caseId)).items;
    expect(now?.status.kind).toBe("awaiting");
  });

  test("the second of two edits to the same item is refused, showing the current text next to the kept one", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "AGREEMENT", {
      topic: "contact",
      text: "A call every Monday",
    });
    const [item] = (await planOf(employee.cookie, caseId)).items;
    const seen = item?.lockVersion ?? 0;
    const first = await editAs(manager.cookie, caseId, item?.id ?? "", seen, {
      topic: "contact",
      text: "A call every Tuesday",
    });
    expect(first.status).toBe(302);
    const second = await editAs(employee.cookie, caseId, item?.id ?? "", seen, {
      topic: "contact",
      text: "An e-mail on Fridays",
    });
    expect(second.status).toBe(200);
    const data = second.data as {
      current: { content: { text: string } };
      reply: { initialValue: { text: string } };
    };
    expect(data.current.content.text).toBe("A call every Tuesday");
    expect(data.reply.initialValue.text).toBe("An e-mail on Fridays");
    expect(
      (await db.planItem.findUniqueOrThrow({ where: { id: item?.id ?? "" } })).content,
    ).toMatchObject({
      text: "A call every Tuesday",
    });
  });

  test("two simultaneous answers on the same version: exactly one is written", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: isoDay(11) });
    const [item] = (await planOf(employee.cookie, caseId)).items;
    const seen = item?.lockVersion ?? 0;
    const results = await Promise.all([
      editAs(employee.cookie, caseId, item?.id ?? "", seen, { date: isoDay(12) }),
      editAs(manager.cookie, caseId, item?.id ?? "", seen, { date: isoDay(13) }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 302]);
    expect(
      (await db.planItem.findUniqueOrThrow({ where: { id: item?.id ?? "" } })).lockVersion,
    ).toBe(seen + 1);
  });
});

describe("e-mail about a plan", () => {
  test("a burst of changes becomes one message per person; an agreed plan is announced to both", async () => {
    const { record, manager, employee } = await createCaseTeam();
    const caseId = record.id;
    /** This case's people with an e-mail of `template` queued; the worker renders and sends it later. */
    async function queuedEmails(template: string) {
      const jobs = await db.job.findMany({ where: { kind: "email", status: "QUEUED" } });
      return jobs.flatMap((job) => {
        const payload = job.payload as { template: string; to: string } | null;
        const ours = [employee.user.email, manager.user.email].includes(payload?.to ?? "");
        return ours && payload?.template === template ? [payload.to] : [];
      });
    }
    for (const date of [isoDay(11), isoDay(18), isoDay(25)])
      await proposeAs(manager.cookie, caseId, "REVIEW", { date });
    await sendDueDigests(new Date()); // not yet: it waits for a quiet moment
    expect(await queuedEmails("plan-changes")).toEqual([]);
    await sendDueDigests(new Date(Date.now() + 11 * 60_000));
    expect(await queuedEmails("plan-changes")).toEqual([employee.user.email]);
    const digest = await inbox(employee.user.email);
    expect(digest.subject).toContain("plan");
    expect(digest.text).toContain("3 changes in your plan wait for your answer.");
    expect(digest.text).not.toContain(isoDay(11));
    expect(digest.text).toContain(`/cases/${caseId}`);

    for (const item of (await planOf(employee.cookie, caseId)).items)
      await answerAs(employee.cookie, caseId, item.id, "agree");
    // The agreement's transaction (which holds the plan's and the audit trail's
    // locks) only queued the announcements: nothing was rendered in it.
    expect((await queuedEmails("plan-agreed")).sort()).toEqual(
      [employee.user.email, manager.user.email].sort(),
    );
    expect(
      await db.outboxMessage.count({
        where: { kind: "plan-agreed", to: { in: [employee.user.email, manager.user.email] } },
      }),
    ).toBe(0);
    const before = sentEmails.length;
    await inbox(manager.user.email);
    const agreed = sentEmails.slice(before).filter((email) => email.subject.includes("version 1"));
    expect(agreed.map((email) => email.to).sort()).toEqual(
      [employee.user.email, manager.user.email].sort(),
    );
  });
});
