import { describe, expect, test } from "vitest";
import { loader as rootLoader } from "#app/root.tsx";
import { action as notesAction } from "#app/routes/cases.$caseId.notes.tsx";
import { loader as caseLoader } from "#app/routes/cases.$caseId.tsx";
import { loader as casesLoader } from "#app/routes/cases.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import { testPassword } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

const team = await createCaseTeam("Headers BV");
const caseId = team.record.id;

describe("nothing a signed-in person sees is cached", () => {
  test.each([
    ["a page", `/cases/${caseId}`],
    ["its data (single fetch)", `/cases/${caseId}.data?_routes=routes%2Fcases.%24caseId`],
  ])("%s answers Cache-Control: no-store", async (_name, path) => {
    const answer = await callRoute(caseLoader, get(path, { Cookie: team.hr.cookie }), { caseId });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
  });

  test("so does an action's redirect", async () => {
    const answer = await callRoute(
      notesAction,
      post(
        `/cases/${caseId}/notes`,
        { intent: "add", body: "A note" },
        { Cookie: team.employee.cookie },
      ),
      { caseId },
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
  });

  test("and the answer that signs someone in (it sets the session cookie)", async () => {
    const answer = await callRoute(
      signInAction,
      post("/signin", { email: team.manager.user.email, password: testPassword }),
    );
    expect(answer.headers.getSetCookie().some((c) => c.startsWith("werkpad_session="))).toBe(true);
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
  });

  test("a signed-out visitor's page may be cached", async () => {
    const answer = await callRoute(rootLoader, get("/"));
    expect(answer.headers.get("Cache-Control")).toBeNull();
  });
});

describe("a signed-out data request returns to the page after signing in", () => {
  test.each([
    [`/cases/abc.data?_routes=routes%2Fcases.%24caseId`, "/cases/abc"],
    [`/cases/abc.data?q=desk&_routes=root`, "/cases/abc?q=desk"],
    [`/cases/abc`, "/cases/abc"],
  ])("%s → redirectTo %s", async (path, page) => {
    const answer = await callRoute(caseLoader, get(path), { caseId: "abc" });
    expect(answer.location).toBe(`/signin?${new URLSearchParams({ redirectTo: page })}`);
  });

  test("a list page's data request returns to the list", async () => {
    const answer = await callRoute(casesLoader, get("/cases.data"));
    expect(answer.location).toBe("/signin?redirectTo=%2Fcases");
  });
});
