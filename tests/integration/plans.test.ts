process.env.RESEND_API_KEY = "re_test";

import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { sendDueDigests } from "#app/modules/plans/notify.server.ts";
import { loader as versionLoader } from "#app/routes/cases.$caseId.versions.$number.tsx";
import { loader as historyLoader } from "#app/routes/cases.$caseId.versions.tsx";
import { answerAs, createCaseTeam, editAs, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { inbox } from "#tests/helpers/email.ts";
import { callRoute, get } from "#tests/helpers/route-args.ts";
import { sentEmails } from "#tests/mocks/resend.ts";

const adjustment = (catalogueId: string, startDate = "2026-12-01") => ({
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
    expect(plan.versions).toEqual([]);
    for (const item of waiting) await answerAs(manager.cookie, caseId, item.id, "agree");

    plan = await planOf(employee.cookie, caseId);
    expect(plan.draftNumber).toBeNull();
    expect(plan.versions).toHaveLength(1);
    expect(plan.versions[0]).toMatchObject({
      number: 1,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const hash = plan.versions[0]?.contentHash;

    // A later change starts version 2 as a draft; version 1 stays readable.
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: "2027-01-15" });
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
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: "2026-12-10" });
    let [review] = (await planOf(employee.cookie, caseId)).items;
    await answerAs(employee.cookie, caseId, review?.id ?? "", "agree");
    expect((await planOf(employee.cookie, caseId)).versions).toHaveLength(1);

    [review] = (await planOf(manager.cookie, caseId)).items;
    await editAs(manager.cookie, caseId, review?.id ?? "", review?.lockVersion ?? 0, {
      date: "2026-12-17",
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
    expect(refused.status).toBe(200);
    expect(refused.data).toEqual({
      decline: { itemId: agreement?.id, errors: ["plans:refusals.reason-required"] },
    });
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
    await proposeAs(employee.cookie, caseId, "REVIEW", { date: "2027-02-01" });
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

describe("no lost updates", () => {
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
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: "2026-12-10" });
    const [item] = (await planOf(employee.cookie, caseId)).items;
    const seen = item?.lockVersion ?? 0;
    const results = await Promise.all([
      editAs(employee.cookie, caseId, item?.id ?? "", seen, { date: "2026-12-11" }),
      editAs(manager.cookie, caseId, item?.id ?? "", seen, { date: "2026-12-12" }),
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
    for (const date of ["2026-12-10", "2026-12-17", "2026-12-24"])
      await proposeAs(manager.cookie, caseId, "REVIEW", { date });
    const digests = () =>
      db.outboxMessage.count({ where: { to: employee.user.email, kind: "plan-changes" } });
    await sendDueDigests(new Date()); // not yet: it waits for a quiet moment
    expect(await digests()).toBe(0);
    await sendDueDigests(new Date(Date.now() + 11 * 60_000));
    expect(await digests()).toBe(1);
    const digest = await inbox(employee.user.email);
    expect(digest.subject).toContain("plan");
    expect(digest.text).toContain("3 changes in your plan wait for your answer.");
    expect(digest.text).not.toContain("2026-12-10");
    expect(digest.text).toContain(`/cases/${caseId}`);

    for (const item of (await planOf(employee.cookie, caseId)).items)
      await answerAs(employee.cookie, caseId, item.id, "agree");
    const before = sentEmails.length;
    await inbox(manager.user.email);
    const agreed = sentEmails.slice(before).filter((email) => email.subject.includes("version 1"));
    expect(agreed.map((email) => email.to).sort()).toEqual(
      [employee.user.email, manager.user.email].sort(),
    );
  });
});
