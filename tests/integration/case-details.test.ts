import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as editAction, loader as editLoader } from "#app/routes/cases.$caseId.edit.tsx";
import { action as newAction, loader as newLoader } from "#app/routes/cases.new.tsx";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * Closing a case takes a category (what HR's insights count) and an optional
 * note (which they never show); a case may name a department, chosen from
 * those the organisation already uses or typed new.
 */
const team = await createCaseTeam("Details BV");
const caseId = team.record.id;
const details = (fields: Record<string, string>) =>
  callRoute(
    editAction,
    post(
      `/cases/${caseId}/edit`,
      {
        status: "RETURNING",
        managerId: team.manager.user.id,
        country: "NL",
        startKind: "ABSENCE",
        ...fields,
      },
      { Cookie: team.hr.cookie },
    ),
    { caseId },
  );
type Reply = {
  status: string;
  error?: Record<string, string[]>;
  initialValue?: Record<string, string>;
};

describe("closing a case", () => {
  test("without a category is refused, next to the field, keeping what was typed", async () => {
    const answer = await details({ status: "CLOSED", closedReason: "Back in own work since May" });
    expect(answer.status).toBe(200);
    const reply = answer.data as Reply;
    expect(reply.error).toEqual({ closedCategory: ["cases:errors.closedCategory"] });
    expect(reply.initialValue).toMatchObject({
      status: "CLOSED",
      closedReason: "Back in own work since May",
    });
    const stored = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(stored).toMatchObject({ status: "PREPARING", closedCategory: null, closedReason: null });
  });

  test("an unknown category is refused the same way", async () => {
    const answer = await details({ status: "CLOSED", closedCategory: "FIRED" });
    expect((answer.data as Reply).error).toEqual({ closedCategory: ["validation.choose"] });
  });

  test("with a category is saved, the note optional; reopening clears both", async () => {
    expect(
      (await details({ status: "CLOSED", closedCategory: "RETURNED_OTHER_WORK" })).status,
    ).toBe(302);
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      status: "CLOSED",
      closedCategory: "RETURNED_OTHER_WORK",
      closedReason: null,
    });
    const edit = await callRoute(
      editLoader,
      get(`/cases/${caseId}/edit`, { Cookie: team.hr.cookie }),
      {
        caseId,
      },
    );
    expect((edit.data as { defaults: Record<string, string> }).defaults).toMatchObject({
      status: "CLOSED",
      closedCategory: "RETURNED_OTHER_WORK",
      closedReason: "",
    });
    expect((await details({ status: "RETURNING" })).status).toBe(302);
    expect(await db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      status: "RETURNING",
      closedCategory: null,
      closedAt: null,
    });
    const history = await db.caseStatusChange.findMany({
      where: { caseId },
      orderBy: { at: "asc" },
    });
    expect(history.map((change) => change.toStatus)).toEqual(["CLOSED", "RETURNING"]);
  });
});

describe("departments", () => {
  test("are saved tidied, and offered to every case form of the organisation", async () => {
    expect((await details({ department: "  Uitvoering   Noord " })).status).toBe(302);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).department).toBe(
      "Uitvoering Noord",
    );
    const opened = await callRoute(
      newAction,
      post(
        "/cases/new",
        {
          kind: "OWN_HEALTH",
          employeeId: team.otherEmployee.user.id,
          managerId: team.manager.user.id,
          country: "NL",
          startKind: "ABSENCE",
          department: "Kantoor",
        },
        { Cookie: team.hr.cookie },
      ),
    );
    expect(opened.status).toBe(302);
    const offered = await callRoute(newLoader, get("/cases/new", { Cookie: team.hr.cookie }));
    expect((offered.data as { departments: string[] }).departments).toEqual([
      "Kantoor",
      "Uitvoering Noord",
    ]);
    // Another organisation's departments are never offered.
    const other = await createCaseTeam("Other BV");
    const theirs = await callRoute(newLoader, get("/cases/new", { Cookie: other.hr.cookie }));
    expect((theirs.data as { departments: string[] }).departments).toEqual([]);
  });

  test("a name that is too long is refused and nothing is saved", async () => {
    const answer = await details({ department: "x".repeat(61) });
    expect((answer.data as Reply).error).toEqual({ department: ["validation.tooLong?max=60"] });
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).department).toBe(
      "Uitvoering Noord",
    );
  });

  test("an empty field removes the department", async () => {
    expect((await details({ department: "" })).status).toBe(302);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).department).toBeNull();
  });
});
