import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as notesPage } from "#app/routes/cases.$caseId.notes.tsx";
import {
  action as physicianAction,
  loader as physicianPage,
} from "#app/routes/cases.$caseId.physician.tsx";
import { action as caseAction, loader as casePage } from "#app/routes/cases.$caseId.tsx";
import { loader as casesList } from "#app/routes/cases.tsx";
import { answerAs, createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";

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
    expect((await planOf(employee.cookie, caseId)).latestVersion?.number).toBe(2);
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
    expect(JSON.stringify(unknown.data)).toContain("physician:refusals.unknown-adjustment");
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

  test("one click adds only what the newest advice names, and only once", async () => {
    const { record, manager, physician } = await createCaseTeam();
    const caseId = record.id;
    await asPhysician(physician.cookie, caseId, {
      intent: "advice",
      capacities: "Four hours a day.",
      advisedAdjustments: "A04",
    });
    const click = (catalogueId: string) =>
      callRoute(
        caseAction,
        post(
          `/cases/${caseId}`,
          { intent: "propose-advised", catalogueId },
          { Cookie: manager.cookie },
        ),
        { caseId },
      );
    // Not an adjustment at all: only a tampered form sends that.
    for (const unknown of ["", "Z99"]) expect((await click(unknown)).status).toBe(404);
    // A real one the newest advice does not name: the page was older than the advice.
    expect(toastOf(await click("A05"))).toMatchObject({
      kind: "error",
      message: "plans:refusals.not-advised",
      focus: "physician",
    });
    expect((await click("A04")).status).toBe(302);
    expect(toastOf(await click("A04"))).toMatchObject({
      message: "plans:refusals.already-in-plan",
    });
    const items = await db.planItem.findMany({ where: { caseId } });
    expect(items.map((item) => (item.content as { catalogueId?: string }).catalogueId)).toEqual([
      "A04",
    ]);
  });
});

describe("correcting medical notes", () => {
  async function noteTeam() {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    await asPhysician(team.physician.cookie, caseId, {
      intent: "medical-note",
      body: "First text, shared",
      shareWithEmployee: "on",
    });
    const note = await db.medicalNote.findFirstOrThrow({ where: { caseId } });
    return { ...team, caseId, note };
  }
  const employeeSees = async (cookie: string, caseId: string) =>
    JSON.stringify(
      (await callRoute(notesPage, get(`/cases/${caseId}/notes`, { Cookie: cookie }), { caseId }))
        .data,
    );

  test("an amended note shows its new text; the earlier text stays for the physician only", async () => {
    const { physician, employee, manager, hr, caseId, note } = await noteTeam();
    const amended = await asPhysician(physician.cookie, caseId, {
      intent: "amend-medical-note",
      noteId: note.id,
      body: "Corrected text, shared",
      shareWithEmployee: "on",
    });
    expect(amended.status).toBe(302);
    const seen = await employeeSees(employee.cookie, caseId);
    expect(seen).toContain("Corrected text, shared");
    expect(seen).not.toContain("First text, shared");
    const workspace = JSON.stringify(
      (
        await callRoute(
          physicianPage,
          get(`/cases/${caseId}/physician`, { Cookie: physician.cookie }),
          { caseId },
        )
      ).data,
    );
    expect(workspace).toContain("First text, shared");
    expect(workspace).toContain("Corrected text, shared");
    for (const cookie of [manager.cookie, hr.cookie]) {
      const answer = await callRoute(
        physicianPage,
        get(`/cases/${caseId}/physician`, { Cookie: cookie }),
        { caseId },
      );
      expect(answer.status).toBe(404);
    }
    const events = await db.auditEvent.findMany({
      where: { chain: `medical:${caseId}` },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "medical_note.written",
      "medical_note.amended",
    ]);
    expect(JSON.stringify(events)).not.toContain("Corrected text");
  });

  test("a withdrawn note leaves the employee's page, stays marked for the physician, and can no longer be amended", async () => {
    const { physician, employee, caseId, note } = await noteTeam();
    const withdrawn = await asPhysician(physician.cookie, caseId, {
      intent: "withdraw-medical-note",
      noteId: note.id,
    });
    expect(withdrawn.status).toBe(302);
    expect(await employeeSees(employee.cookie, caseId)).not.toContain("First text, shared");
    const again = await asPhysician(physician.cookie, caseId, {
      intent: "amend-medical-note",
      noteId: note.id,
      body: "Too late",
    });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.data)).toContain("physician:refusals.withdrawn");
    // The refused text comes back as it was typed.
    expect(JSON.stringify(again.data)).toContain("Too late");
    const stored = await db.medicalNote.findUniqueOrThrow({ where: { id: note.id } });
    expect(stored.body).toBe("First text, shared");
    expect(stored.withdrawnAt).not.toBeNull();
  });

  test("only the assigned physician corrects or withdraws, and only notes of this case", async () => {
    const { employee, caseId, note } = await noteTeam();
    const other = await noteTeam();
    const asEmployee = await callRoute(
      physicianAction,
      post(
        `/cases/${caseId}/physician`,
        { intent: "withdraw-medical-note", noteId: note.id },
        { Cookie: employee.cookie },
      ),
      { caseId },
    );
    expect(asEmployee.status).toBe(404);
    // The other case's physician names this case's note through their own case.
    const crossed = await asPhysician(other.physician.cookie, other.caseId, {
      intent: "withdraw-medical-note",
      noteId: note.id,
    });
    expect(crossed.status).toBe(404);
    expect(
      (await db.medicalNote.findUniqueOrThrow({ where: { id: note.id } })).withdrawnAt,
    ).toBeNull();
  });
});
