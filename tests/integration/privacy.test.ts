import { decodeBase32 } from "@oslojs/encoding";
import { describe, expect, onTestFinished, test, vi } from "vitest";
import { accountChain, verifyChain } from "#app/modules/audit/audit.server.ts";
import { codeForStep, stepAt } from "#app/modules/auth/totp.ts";
import { db } from "#app/modules/db.server.ts";
import { applyRetention } from "#app/modules/privacy/retention.server.ts";
import { action as eraseAction, loader as eraseLoader } from "#app/routes/account.erase.tsx";
import { loader as erasedLoader } from "#app/routes/account.erased.tsx";
import { action as setupAction, loader as setupLoader } from "#app/routes/account.two-factor.tsx";
import { action as editCaseAction } from "#app/routes/cases.$caseId.edit.tsx";
import { loader as planLoader } from "#app/routes/cases.$caseId.tsx";
import { loader as casesLoader } from "#app/routes/cases.tsx";
import { action as privacyAction, loader as privacyLoader } from "#app/routes/privacy.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { createCaseTeam, proposeAs } from "#tests/helpers/cases.ts";
import { createTeam, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

const dayMs = 24 * 60 * 60_000;
const days = (n: number, from: Date) => new Date(from.getTime() + n * dayMs);

/** A closed case, closed on `closedAt` (the retention job's clock runs from there). */
async function closedCaseTeam(closedAt: Date) {
  const team = await createCaseTeam();
  await proposeAs(team.manager.cookie, team.record.id, "AGREEMENT", {
    topic: "contact",
    text: "We talk every Monday at ten.",
  });
  await db.case.update({
    where: { id: team.record.id },
    data: { status: "CLOSED", closedReason: "Back at work", closedAt },
  });
  return team;
}

async function retentionEmailsTo(email: string) {
  return db.job.count({
    where: { kind: "email", summary: { equals: { template: "retention", to: email } } },
  });
}

describe("closing a case", () => {
  test("records the closing day and the status history; reopening clears the day", async () => {
    const team = await createCaseTeam();
    const edit = (status: string) =>
      callRoute(
        editCaseAction,
        post(
          `/cases/${team.record.id}/edit`,
          {
            status,
            closedCategory: "RETURNED_OWN_WORK",
            closedReason: "Back at work",
            country: "NL",
            managerId: team.manager.user.id,
            startKind: "ABSENCE",
          },
          { Cookie: team.hr.cookie },
        ),
        { caseId: team.record.id },
      );
    expect((await edit("CLOSED")).status).toBe(302);
    const closed = await db.case.findUniqueOrThrow({ where: { id: team.record.id } });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect((await edit("RETURNING")).status).toBe(302);
    expect((await db.case.findUniqueOrThrow({ where: { id: team.record.id } })).closedAt).toBe(
      null,
    );
    const history = await db.caseStatusChange.findMany({
      where: { caseId: team.record.id },
      orderBy: { at: "asc" },
    });
    // The factory made the case without the application, so its history starts at the first change.
    expect(history.map((change) => [change.fromStatus, change.toStatus])).toEqual([
      ["PREPARING", "CLOSED"],
      ["CLOSED", "RETURNING"],
    ]);
  });
});

describe("the retention job, on a simulated clock", () => {
  test("warns HR and owners 30 days before, once; then deletes the case and all it holds; the trail still verifies", async () => {
    const closedAt = new Date("2025-01-15T10:00:00Z");
    const team = await closedCaseTeam(closedAt);
    const other = await closedCaseTeam(closedAt);
    // Another organisation keeps its cases for 24 months; this one for 12.
    await db.organization.update({
      where: { id: team.organization.id },
      data: { caseRetentionMonths: 12 },
    });
    const deletion = new Date("2026-01-15T10:00:00Z");
    const caseId = team.record.id;
    const itemIds = (await db.planItem.findMany({ where: { caseId } })).map((item) => item.id);
    const aboutTheCase = { targetId: { in: [caseId, ...itemIds] } };
    expect(await db.auditEvent.count({ where: aboutTheCase })).toBeGreaterThan(0);

    await applyRetention(days(-31, deletion));
    expect(await retentionEmailsTo(team.hr.user.email)).toBe(0);

    await applyRetention(days(-29, deletion));
    await applyRetention(days(-28, deletion));
    expect(await retentionEmailsTo(team.hr.user.email)).toBe(1);
    expect(await retentionEmailsTo(team.owner.user.email)).toBe(1);
    // The manager and the employee are not told; the other organisation's case is not due.
    expect(await retentionEmailsTo(team.manager.user.email)).toBe(0);
    expect(await retentionEmailsTo(other.hr.user.email)).toBe(0);

    await applyRetention(days(-1, deletion));
    expect(await db.case.count({ where: { id: caseId } })).toBe(1);
    await applyRetention(days(0, deletion));
    expect(await db.case.count({ where: { id: caseId } })).toBe(0);
    expect(await db.planItem.count({ where: { caseId } })).toBe(0);
    expect(await db.caseStatusChange.count({ where: { caseId } })).toBe(0);
    // What the trail said about the case is reduced to when and what happened.
    expect(await db.auditEvent.count({ where: aboutTheCase })).toBe(0);
    const deleted = await db.auditEvent.findFirstOrThrow({
      where: { chain: team.organization.id, action: "retention.case_deleted" },
    });
    expect(deleted.data).toEqual({ closedOn: "2025-01-15" });
    expect(await verifyChain(team.organization.id)).toEqual({ valid: true });
    // Twelve months is this organisation's choice: the other keeps its case.
    expect(await db.case.count({ where: { id: other.record.id } })).toBe(1);
    await applyRetention(new Date("2027-01-15T10:00:00Z"));
    expect(await db.case.count({ where: { id: other.record.id } })).toBe(0);
  });

  test("a case reopened before its day is kept", async () => {
    const closedAt = new Date("2024-06-01T00:00:00Z");
    const team = await closedCaseTeam(closedAt);
    await db.case.update({
      where: { id: team.record.id },
      data: { status: "RETURNING", closedAt: null },
    });
    await applyRetention(new Date("2027-06-01T00:00:00Z"));
    expect(await db.case.count({ where: { id: team.record.id } })).toBe(1);
  });
});

describe("the records of processing", () => {
  test("HR reads them with the period and the closed cases; managers and employees get 404", async () => {
    const team = await closedCaseTeam(new Date("2026-03-10T00:00:00Z"));
    const page = await callRoute(privacyLoader, get("/privacy", { Cookie: team.hr.cookie }));
    expect(page.status).toBe(200);
    const data = page.data as {
      months: number;
      records: Array<{ id: string }>;
      nextDeletions: Array<{ caseId: string; deletedOn: string }>;
    };
    expect(data.months).toBe(24);
    expect(data.records.map((record) => record.id)).toContain("medical");
    expect(data.nextDeletions).toEqual([
      expect.objectContaining({ caseId: team.record.id, deletedOn: "2028-03-10" }),
    ]);
    for (const person of [team.manager, team.employee, team.physician]) {
      const refused = await callRoute(privacyLoader, get("/privacy", { Cookie: person.cookie }));
      expect(refused.status).toBe(404);
    }
  });

  test("an owner shortens the period; a period out of bounds is refused and nothing changes; HR may not change it", async () => {
    const team = await createTeam();
    const setMonths = (cookie: string, months: string) =>
      callRoute(
        privacyAction,
        post("/privacy", { intent: "set-retention", months }, { Cookie: cookie }),
      );
    for (const wrong of ["3", "25", "twelve", "", "12.5"]) {
      const answer = await setMonths(team.owner.cookie, wrong);
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({ months: wrong });
    }
    expect((await setMonths(team.hr.cookie, "12")).status).toBe(403);
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: team.organization.id } }))
        .caseRetentionMonths,
    ).toBe(null);
    expect((await setMonths(team.owner.cookie, "12")).status).toBe(302);
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: team.organization.id } }))
        .caseRetentionMonths,
    ).toBe(12);
    const malformed = await callRoute(
      privacyAction,
      post("/privacy", { intent: "something-else" }, { Cookie: team.owner.cookie }),
    );
    expect(malformed.status).toBe(400);
  });
});

describe("erasing an account", () => {
  test("removes the employee's own notes at once, keeps the dossier until its period ends, then forgets the person; the trail still verifies", async () => {
    const team = await createCaseTeam();
    const { employee } = team;
    const caseId = team.record.id;
    const organizationId = team.organization.id;
    await db.privateNote.create({
      data: { organizationId, caseId, authorId: employee.user.id, body: "Tired after the scans." },
    });
    for (const sharing of ["PRIVATE", "EMPLOYER"] as const) {
      await db.checkIn.create({
        data: {
          organizationId,
          caseId,
          authorId: employee.user.id,
          energy: 2,
          workload: 3,
          planFit: 3,
          sharing,
        },
      });
    }
    // A sign-in leaves an event with her address and browser in the trail.
    await callRoute(
      signInAction,
      post("/signin", { email: employee.user.email, password: testPassword }),
      {},
      { ip: "192.0.2.44" },
    );
    expect(
      await db.auditEvent.count({ where: { actorId: employee.user.id, ipAddress: "192.0.2.44" } }),
    ).toBe(1);

    const preview = await callRoute(
      eraseLoader,
      get("/account/erase", { Cookie: employee.cookie }),
    );
    expect(preview.data).toMatchObject({
      soleOwnerOf: [],
      kept: [{ part: "employee", open: true, until: null, months: 24 }],
    });

    // Without ticking the box: refused, nothing happens.
    const unconfirmed = await callRoute(
      eraseAction,
      post("/account/erase", { intent: "erase-account" }, { Cookie: employee.cookie }),
    );
    expect(unconfirmed.data).toEqual({ error: "privacy:erase.confirmFirst" });
    expect(await db.privateNote.count({ where: { caseId } })).toBe(1);

    const erased = await callRoute(
      eraseAction,
      post(
        "/account/erase",
        { intent: "erase-account", understood: "understood" },
        { Cookie: employee.cookie },
      ),
    );
    expect(erased.status).toBe(302);
    expect(erased.location).toBe("/account/erased");
    const cookies = erased.headers.getSetCookie();
    expect(cookies.some((cookie) => /^werkpad_session=;/.test(cookie))).toBe(true);
    const receipt = cookies.find((cookie) => cookie.startsWith("werkpad_erasure="))?.split(";")[0];
    expect(receipt).toBeDefined();

    // Gone at once.
    expect(await db.privateNote.count({ where: { caseId } })).toBe(0);
    expect(await db.checkIn.count({ where: { caseId, sharing: "PRIVATE" } })).toBe(0);
    expect(await db.session.count({ where: { userId: employee.user.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: employee.user.id } })).toBe(0);
    // Kept for the organisation: the case and what was shared in it, without her address.
    expect(await db.checkIn.count({ where: { caseId, sharing: "EMPLOYER" } })).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { id: employee.user.id } });
    expect(user.email).not.toContain(employee.user.email);
    expect(user.passwordHash).toBe(null);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).employeeId).toBe(user.id);
    // HR reads on the plan and in the list that nobody answers on her side any more.
    const plan = await callRoute(planLoader, get(`/cases/${caseId}`, { Cookie: team.hr.cookie }), {
      caseId,
    });
    expect((plan.data as { caseView: object }).caseView).toMatchObject({
      employeeName: employee.user.name,
      // In the reader's language: Dutch, for a browser that names none.
      employeeErasedNotice: expect.stringMatching(
        /^Deze medewerker heeft het Werkpad-account gewist\./,
      ),
    });
    const list = await callRoute(casesLoader, get("/cases", { Cookie: team.hr.cookie }));
    const entries = (list.data as { cases: Array<{ id: string; employeeErased: boolean }> }).cases;
    expect(entries.find((entry) => entry.id === caseId)?.employeeErased).toBe(true);
    // Nobody signs in as her, with the old address or any other.
    const signIn = await callRoute(
      signInAction,
      post("/signin", { email: employee.user.email, password: testPassword }),
    );
    expect(signIn.status).not.toBe(302);
    // Her sign-ins are stubs now; the chains still verify.
    expect(await db.auditEvent.count({ where: { actorId: employee.user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { ipAddress: "192.0.2.44" } })).toBe(0);
    expect(await verifyChain(accountChain)).toEqual({ valid: true });
    expect(await verifyChain(organizationId)).toEqual({ valid: true });
    // The request and its outcome are recorded, without her name or address.
    const request = await db.erasureRequest.findFirstOrThrow({
      where: { userId: employee.user.id },
    });
    expect(JSON.stringify(request)).not.toContain(employee.user.email);
    expect(JSON.stringify(request)).not.toContain(employee.user.name);
    expect(request.outcome).toMatchObject({ removed: { privateNotes: 1, privateCheckIns: 1 } });

    // The browser that asked reads the outcome; another does not.
    const outcome = await callRoute(
      erasedLoader,
      get("/account/erased", { Cookie: receipt ?? "" }),
    );
    expect(outcome.data).toMatchObject({ outcome: { removed: { privateNotes: 1 } } });
    const elsewhere = await callRoute(erasedLoader, get("/account/erased"));
    expect(elsewhere.data).toEqual({ outcome: null });

    // The case closes; once its period ends it goes, and then the person goes too.
    const closedAt = new Date("2025-02-01T00:00:00Z");
    await db.case.update({ where: { id: caseId }, data: { status: "CLOSED", closedAt } });
    await applyRetention(new Date("2027-01-31T00:00:00Z"));
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
    await applyRetention(new Date("2027-02-01T00:00:00Z"));
    expect(await db.case.count({ where: { id: caseId } })).toBe(0);
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { OR: [{ actorId: user.id }, { targetId: user.id }] },
      }),
    ).toBe(0);
    expect(await verifyChain(organizationId)).toEqual({ valid: true });
    expect(await verifyChain(accountChain)).toEqual({ valid: true });
  });

  test("with two-factor sign-in on, erasing asks for a current code; then the secret and recovery codes go too", async () => {
    // Only Date is frozen, 10 s into a 30-second step, so each code's step is known.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / 30_000) * 30_000 + 10_000);
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const team = await createCaseTeam();
    const { employee } = team;
    const headers = { Cookie: employee.cookie };
    await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "start-two-factor" }, headers),
    );
    const page = await callRoute(setupLoader, get("/account/two-factor", headers));
    const key = decodeBase32(
      (page.data as { enrolment: { key: string } }).enrolment.key.replaceAll(" ", ""),
    );
    const codeNow = () => codeForStep(key, stepAt(new Date()));
    const confirmed = await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "confirm-two-factor", code: codeNow() }, headers),
    );
    expect(confirmed.status).toBe(200);
    expect(
      await db.twoFactor.count({ where: { userId: employee.user.id, enabledAt: { not: null } } }),
    ).toBe(1);

    const erase = (fields: Record<string, string>) =>
      callRoute(
        eraseAction,
        post(
          "/account/erase",
          { intent: "erase-account", understood: "understood", ...fields },
          headers,
        ),
      );
    expect((await erase({})).data).toEqual({ secondFactorError: "twoFactor:errors.stepUpMissing" });
    expect(
      (await erase({ secondFactorCode: "000000" === codeNow() ? "111111" : "000000" })).data,
    ).toEqual({
      secondFactorError: "twoFactor:errors.wrongCode",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: employee.user.id } })).erasedAt).toBe(
      null,
    );

    // The next step's code: the one that turned it on does not work twice.
    vi.setSystemTime(Date.now() + 30_000);
    const erased = await erase({ secondFactorCode: codeNow() });
    expect(erased.location).toBe("/account/erased");
    expect(await db.twoFactor.count({ where: { userId: employee.user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: employee.user.id } })).toBe(0);
  });

  test("the only owner of an organisation is asked to hand it over first", async () => {
    const team = await createTeam();
    const preview = await callRoute(
      eraseLoader,
      get("/account/erase", { Cookie: team.owner.cookie }),
    );
    expect(preview.data).toMatchObject({ soleOwnerOf: [team.organization.name] });
    const refused = await callRoute(
      eraseAction,
      post(
        "/account/erase",
        { intent: "erase-account", understood: "understood" },
        { Cookie: team.owner.cookie },
      ),
    );
    expect(refused.data).toEqual({ error: "privacy:erase.soleOwnerRefused" });
    expect((await db.user.findUniqueOrThrow({ where: { id: team.owner.user.id } })).erasedAt).toBe(
      null,
    );
  });
});
