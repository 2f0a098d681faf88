import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { isoDay } from "#app/modules/validation.ts";
import { action as physicianAction } from "#app/routes/cases.$caseId.physician.tsx";
import { action as caseAction, loader as casePage } from "#app/routes/cases.$caseId.tsx";
import { loader as casesList } from "#app/routes/cases.tsx";
import { answerAs, createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

function asPhysician(cookie: string, caseId: string, fields: Record<string, string>) {
  return callRoute(
    physicianAction,
    post(`/cases/${caseId}/physician`, fields, { Cookie: cookie }),
    { caseId },
  );
}

async function pageData(cookie: string, caseId: string) {
  return (await callRoute(casePage, get(`/cases/${caseId}`, { Cookie: cookie }), { caseId }))
    .data as {
    advice: {
      advisedAdjustments: string[];
      capacities: string | null;
      capacitiesWithheld: boolean;
    } | null;
    latestReview: { outcome: string; remarks: string } | null;
  };
}

describe("the physician's review and advice", () => {
  test("a review with concerns reaches both sides; a newer version needs a new review", async () => {
    const { record, manager, employee, physician } = await createCaseTeam();
    const caseId = record.id;
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: isoDay(42) });
    for (const item of (await planOf(employee.cookie, caseId)).items)
      await answerAs(employee.cookie, caseId, item.id, "agree");

    const reviewed = await asPhysician(physician.cookie, caseId, {
      intent: "review",
      versionNumber: "1",
      outcome: "CONCERNS",
      remarks: "Plan a review after two weeks, not four.",
    });
    expect(reviewed.status).toBe(302);
    for (const cookie of [manager.cookie, employee.cookie]) {
      expect((await pageData(cookie, caseId)).latestReview).toMatchObject({
        outcome: "CONCERNS",
        remarks: "Plan a review after two weeks, not four.",
      });
    }
    // Version 2: the review of version 1 no longer counts as the latest.
    const [item] = (await planOf(manager.cookie, caseId)).items;
    await answerAs(manager.cookie, caseId, item?.id ?? "", "propose-removal");
    await proposeAs(manager.cookie, caseId, "REVIEW", { date: isoDay(25) });
    for (const open of (await planOf(employee.cookie, caseId)).items) {
      await answerAs(
        employee.cookie,
        caseId,
        open.id,
        open.status.kind === "removal-proposed" ? "answer-removal" : "agree",
        {
          accept: "yes",
        },
      );
    }
    expect((await planOf(employee.cookie, caseId)).versions.map((v) => v.number)).toEqual([2, 1]);
    expect((await pageData(manager.cookie, caseId)).latestReview).toBeNull();
    // Reviewing a version that does not exist is not possible.
    const missing = await asPhysician(physician.cookie, caseId, {
      intent: "review",
      versionNumber: "9",
      outcome: "REVIEWED",
      remarks: "x",
    });
    expect(missing.status).toBe(404);
  });

  test("an advised adjustment becomes a proposal in one click", async () => {
    const { record, manager, physician } = await createCaseTeam();
    const caseId = record.id;
    await asPhysician(physician.cookie, caseId, {
      intent: "advice",
      capacities: "Four hours a day; no heavy lifting.",
      advisedAdjustments: "A04",
    });
    const advice = (await pageData(manager.cookie, caseId)).advice;
    expect(advice).toMatchObject({
      advisedAdjustments: ["A04"],
      capacities: null,
      capacitiesWithheld: true,
    });
    const clicked = await callRoute(
      caseAction,
      post(
        `/cases/${caseId}`,
        { intent: "propose-advised", catalogueId: "A04" },
        { Cookie: manager.cookie },
      ),
      { caseId },
    );
    expect(clicked.status).toBe(302);
    const [item] = (await planOf(manager.cookie, caseId)).items;
    expect(item).toMatchObject({
      kind: "ADJUSTMENT",
      content: { catalogueId: "A04" },
      awaiting: "EMPLOYEE",
    });
  });

  test("advice with a made-up adjustment is refused; only the assigned physician may write", async () => {
    const { record, physician, manager } = await createCaseTeam();
    const caseId = record.id;
    const unknown = await asPhysician(physician.cookie, caseId, {
      intent: "advice",
      capacities: "x",
      advisedAdjustments: "Z99",
    });
    expect(JSON.stringify(unknown.data)).toContain("plans:errors.unknownAdjustment");
    expect(
      (await asPhysician(manager.cookie, caseId, { intent: "advice", capacities: "x" })).status,
    ).toBe(404);
    expect(await db.physicianAdvice.count({ where: { caseId } })).toBe(0);
  });

  test("a physician's case list spans the organisations they work for", async () => {
    const first = await createCaseTeam("First clinic");
    const second = await createCaseTeam("Second clinic");
    await db.membership.create({
      data: {
        organizationId: second.organization.id,
        userId: first.physician.user.id,
        role: "PHYSICIAN",
      },
    });
    await db.case.update({
      where: { id: second.record.id },
      data: { physicianId: first.physician.user.id },
    });
    const list = await callRoute(casesList, get("/cases", { Cookie: first.physician.cookie }));
    const cases = (list.data as { physician: Array<{ id: string; organizationName: string }> })
      .physician;
    expect(cases.map((c) => c.organizationName).sort()).toEqual(["First clinic", "Second clinic"]);
    // Opening the second organisation's case directly, without switching, is still a 404.
    const direct = await callRoute(
      casePage,
      get(`/cases/${second.record.id}`, { Cookie: first.physician.cookie }),
      {
        caseId: second.record.id,
      },
    );
    expect(direct.status).toBe(404);
  });
});
