import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { maxBodyBytes } from "#app/modules/http/request-guard.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as notesAction } from "#app/routes/cases.$caseId.notes.tsx";
import { loader as caseLoader } from "#app/routes/cases.$caseId.tsx";
import { action as invitationAction } from "#app/routes/invitations.$invitationId.ts";
import { action as languageAction } from "#app/routes/language.ts";
import { action as membersAction } from "#app/routes/members.tsx";
import { action as signOutAction } from "#app/routes/signout.ts";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import { createOpenInvitation } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/**
 * The request guard (the root route's middleware) through the same chain the
 * server runs: cross-site requests, bodies that are not forms, characters the
 * database refuses, bodies that are too large. Each is refused before any
 * route runs, so nothing is stored.
 */
const team = await createCaseTeam("Guard BV");
const caseId = team.record.id;

function request(
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string>; method?: string },
) {
  return new Request(new URL(path, "http://localhost"), {
    method: init.method ?? "POST",
    body: init.body,
    headers: init.headers,
    duplex: "half",
  } as RequestInit);
}

const noteCount = () => db.privateNote.count({ where: { caseId } });

describe("a request from another website gets 403 and changes nothing", () => {
  test("a resource route: revoking an invitation with HR's cookie", async () => {
    const { invitation } = await createOpenInvitation(team.organization.id, team.hr.user.id);
    const revokeFrom = (origin: string) =>
      callRoute(
        invitationAction,
        post(
          `/invitations/${invitation.id}`,
          { intent: "revoke" },
          { Cookie: team.hr.cookie, Origin: origin },
        ),
        { invitationId: invitation.id },
      );
    const revoked = async () =>
      (await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt !== null;

    const answer = await revokeFrom("https://evil.example");
    expect(answer.status).toBe(403);
    expect(answer.data).toEqual({ refused: "cross-site" });
    expect(await revoked()).toBe(false);
    // The same request from Werkpad's own page works.
    expect((await revokeFrom("http://localhost:3000")).location).toBe("/members");
    expect(await revoked()).toBe(true);
  });

  test("signing out from another site does not end the session", async () => {
    const answer = await callRoute(
      signOutAction,
      post("/signout", {}, { Cookie: team.manager.cookie, "Sec-Fetch-Site": "cross-site" }),
    );
    expect(answer.status).toBe(403);
    const stillSignedIn = await callRoute(
      caseLoader,
      get(`/cases/${caseId}`, { Cookie: team.manager.cookie }),
      { caseId },
    );
    expect(stillSignedIn.status).toBe(200);
  });

  test("Origin: null is never ours (the language switch)", async () => {
    const answer = await callRoute(
      languageAction,
      post("/language", { language: "fr", redirectTo: "/" }, { Origin: "null" }),
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  test("a page's action: a note written from another site is not stored", async () => {
    const before = await noteCount();
    const crossSite: Array<Record<string, string>> = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "same-site" },
      { Referer: "https://evil.example/form" },
    ];
    for (const headers of crossSite) {
      const answer = await callRoute(
        notesAction,
        post(
          `/cases/${caseId}/notes`,
          { body: "Planted note" },
          { Cookie: team.employee.cookie, ...headers },
        ),
        { caseId },
      );
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await noteCount()).toBe(before);
  });

  test("HR's invitation form from another site invites nobody", async () => {
    const before = await db.invitation.count();
    const answer = await callRoute(
      membersAction,
      post(
        "/members",
        { email: "victim@example.com", role: "OWNER" },
        { Cookie: team.owner.cookie, Origin: "https://werkpad.example.evil.example" },
      ),
    );
    expect(answer.status).toBe(403);
    expect(await db.invitation.count()).toBe(before);
  });
});

describe("a body that is not a readable form gets 400 and stores nothing", () => {
  const cases: Array<[string, { body?: BodyInit; headers?: Record<string, string> }]> = [
    ["JSON", { body: '{"body":"x"}', headers: { "Content-Type": "application/json" } }],
    ["text/plain", { body: "body=x", headers: { "Content-Type": "text/plain" } }],
    ["no content type", { body: new Blob(["body=x"]) }],
    [
      "multipart without a boundary",
      { body: "body=x", headers: { "Content-Type": "multipart/form-data" } },
    ],
    [
      "truncated multipart",
      {
        body: '--xyz\r\nContent-Disposition: form-data; name="body"\r\n\r\nhalf a no',
        headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      },
    ],
    [
      "a file where no form takes one",
      {
        body: '--xyz\r\nContent-Disposition: form-data; name="body"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--xyz--\r\n',
        headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      },
    ],
    [
      "a NUL byte in a field",
      {
        body: "body=Hello%00world",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
    ],
    [
      "a NUL byte in a field's name",
      { body: "bo%00dy=Hello", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
    ],
  ];

  test.each(cases)("%s", async (_name, init) => {
    const before = await noteCount();
    const answer = await callRoute(
      notesAction,
      request(`/cases/${caseId}/notes`, {
        ...init,
        headers: { Cookie: team.employee.cookie, ...init.headers },
      }),
      { caseId },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ refused: "unreadable" });
    expect(await noteCount()).toBe(before);
  });

  test("a well-formed multipart form is read like any other", async () => {
    const form = new FormData();
    form.set("intent", "add");
    form.set("body", "A note sent as multipart");
    const answer = await callRoute(
      notesAction,
      request(`/cases/${caseId}/notes`, { body: form, headers: { Cookie: team.employee.cookie } }),
      { caseId },
    );
    expect(answer.status).toBe(302);
    expect(
      await db.privateNote.count({ where: { caseId, body: "A note sent as multipart" } }),
    ).toBe(1);
  });
});

describe("addresses the database cannot read get 400", () => {
  test.each([
    ["/cases/x%00", "x\u0000"],
    [`/cases/${caseId}?q=%00`, caseId],
    ["/cases/%E0%A4%A", "%E0%A4%A"],
  ])("%s", async (path, param) => {
    const answer = await callRoute(caseLoader, get(path, { Cookie: team.hr.cookie }), {
      caseId: param,
    });
    expect(answer.status).toBe(400);
  });
});

describe("a body above the limit gets 413 and is not stored", () => {
  test.each([
    ["just above the limit", maxBodyBytes + 1],
    ["32 MB", 32 * 1024 * 1024],
  ])("%s", async (_name, size) => {
    const before = await noteCount();
    const body = `body=${"a".repeat(size - 5)}`;
    const answer = await callRoute(
      notesAction,
      request(`/cases/${caseId}/notes`, {
        body,
        headers: {
          Cookie: team.employee.cookie,
          "Content-Type": "application/x-www-form-urlencoded",
        },
      }),
      { caseId },
    );
    expect(answer.status).toBe(413);
    expect(answer.data).toEqual({ refused: "too-large" });
    expect(await noteCount()).toBe(before);
  });

  test("a form at the limit is read", async () => {
    const answer = await callRoute(
      notesAction,
      request(`/cases/${caseId}/notes`, {
        body: `intent=add&body=${"a".repeat(maxBodyBytes - 16)}`,
        headers: {
          Cookie: team.employee.cookie,
          "Content-Type": "application/x-www-form-urlencoded",
        },
      }),
      { caseId },
    );
    // Read, and refused by the note's own rule (at most 4,000 characters), not by the guard.
    expect(answer.status).toBe(200);
  });
});

describe("a cookie with bad percent-encoding is ignored, on every page", () => {
  test.each([
    ["werkpad_session=%E0%A4%A"],
    ["werkpad_lang=%E0%A4%A"],
    ["werkpad_session=%E0%A4%A; werkpad_lang=%E0%A4%A; werkpad_toast=%E0%A4%A"],
  ])("%s", async (cookie) => {
    // The root loader runs for every page: it reads the language and toast cookies.
    const answer = await callRoute(rootLoader, get("/", { Cookie: cookie }));
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ account: null, language: "nl" });
  });
});
