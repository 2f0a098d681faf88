import { decodeBase32 } from "@oslojs/encoding";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { hashToken } from "#app/modules/auth/tokens.ts";
import { codeForStep, stepAt } from "#app/modules/auth/totp.ts";
import { beginPendingSignIn, hasTwoFactor } from "#app/modules/auth/two-factor.server.ts";
import { db } from "#app/modules/db.server.ts";
import { addLogSink, type LogRecord } from "#app/modules/log.server.ts";
import { action as accountAction, loader as accountLoader } from "#app/routes/account.tsx";
import { action as setupAction, loader as setupLoader } from "#app/routes/account.two-factor.tsx";
import { loader as appLoader } from "#app/routes/app.tsx";
import { loader as casesLoader } from "#app/routes/cases.tsx";
import {
  action as memberAction,
  loader as memberLoader,
} from "#app/routes/members.$membershipId.tsx";
import { action as membersAction, loader as membersLoader } from "#app/routes/members.tsx";
import { action as organizationAction } from "#app/routes/organization.tsx";
import { action as resetAction } from "#app/routes/reset-password.tsx";
import { action as magicAction } from "#app/routes/signin.magic.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { action as codeAction, loader as codeLoader } from "#app/routes/signin.two-factor.tsx";
import { createCaseTeam } from "#tests/helpers/cases.ts";
import {
  createMember,
  createTeam,
  createUser,
  signInCookie,
  testPassword,
} from "#tests/helpers/factories.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";

/**
 * Two-factor sign-in through the routes, as a browser uses it. The clock is
 * fixed (only Date is faked) so each code belongs to a known 30-second step;
 * `later()` moves it on, to the next step or past a limit's window.
 */
const logs: LogRecord[] = [];
addLogSink((record) => logs.push(record));
/** Every secret key and recovery code the tests saw: none may be kept anywhere readable. */
const secrets: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  // A moment 10 s into a step, whatever the real time.
  vi.setSystemTime(Math.floor(Date.now() / 30_000) * 30_000 + 10_000);
});
afterEach(() => vi.useRealTimers());

function later(seconds: number) {
  vi.setSystemTime(Date.now() + seconds * 1000);
}

/** The code the person's app shows now. */
const codeNow = (key: Uint8Array) => codeForStep(key, stepAt(new Date()));

/** Each test its own address, so per-address limits of one do not touch another. */
let addresses = 0;
const newAddress = () => ({ ip: `198.51.100.${++addresses}` });

function cookieOf(headers: Headers, name: string): string | undefined {
  const cookie = headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`) && !c.includes("Max-Age=0"));
  return cookie?.split(";")[0];
}

type Person = { user: { id: string; email: string }; cookie: string };

/** Sets up two-factor sign-in through the pages, as the person would: start, scan, first code. */
async function enrol(person: Person, ip = newAddress()) {
  const headers = { Cookie: person.cookie };
  const started = await callRoute(
    setupAction,
    post("/account/two-factor", { intent: "start-two-factor" }, headers),
    {},
    ip,
  );
  expect(started.location).toBe("/account/two-factor");
  const page = await callRoute(setupLoader, get("/account/two-factor", headers));
  const enrolment = (page.data as { enrolment: { state: string; key: string; uri: string } })
    .enrolment;
  expect(enrolment.state).toBe("setting-up");
  const key = decodeBase32(enrolment.key.replaceAll(" ", ""));
  const confirmed = await callRoute(
    setupAction,
    post("/account/two-factor", { intent: "confirm-two-factor", code: codeNow(key) }, headers),
    {},
    ip,
  );
  const { recoveryCodes } = confirmed.data as { recoveryCodes: string[] };
  secrets.push(enrolment.key.replaceAll(" ", ""), ...recoveryCodes);
  // A code works once: the next use needs the next one.
  later(30);
  return { key, recoveryCodes, enrolment };
}

async function passwordStep(email: string, ip = newAddress(), redirectTo = "/app") {
  return callRoute(
    signInAction,
    post("/signin", { email, password: testPassword, redirectTo }),
    {},
    ip,
  );
}

async function codeStep(pending: string, code: string, ip = newAddress(), redirectTo = "/app") {
  return callRoute(
    codeAction,
    post("/signin/two-factor", { code, redirectTo }, { Cookie: pending }),
    {},
    ip,
  );
}

/** The first step of a sign-in; answers the pending sign-in's cookie. */
async function pendingCookie(email: string, ip = newAddress()): Promise<string> {
  const answer = await passwordStep(email, ip);
  const cookie = cookieOf(answer.headers, "werkpad_signin");
  if (!cookie) throw new Error(`no pending sign-in for ${email}`);
  return cookie;
}

describe("setting up", () => {
  test("a wrong first code leaves it off; the right one turns it on and shows ten recovery codes once", async () => {
    const organization = (await createTeam()).organization;
    const person = await createMember(organization.id, "EMPLOYEE");
    const otherBrowser = (await createMember(organization.id, "EMPLOYEE")).cookie;
    const headers = { Cookie: person.cookie };
    await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "start-two-factor" }, headers),
    );
    const page = await callRoute(setupLoader, get("/account/two-factor", headers));
    const { enrolment } = page.data as {
      enrolment: { state: string; key: string; uri: string; qr: { size: number; path: string } };
    };
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Werkpad:.+\?.*secret=[A-Z2-7]{32}&/);
    expect(enrolment.qr.path).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    const key = decodeBase32(enrolment.key.replaceAll(" ", ""));

    const wrong = codeNow(key) === "000000" ? "111111" : "000000";
    const refused = await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "confirm-two-factor", code: wrong }, headers),
    );
    expect(JSON.stringify(refused.data)).toContain("twoFactor:errors.wrongCode");
    const malformed = await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "confirm-two-factor", code: "12345" }, headers),
    );
    expect(JSON.stringify(malformed.data)).toContain("twoFactor:errors.codeFormat");
    expect(
      await db.twoFactor.findUniqueOrThrow({ where: { userId: person.user.id } }),
    ).toMatchObject({ enabledAt: null });

    const confirmed = await callRoute(
      setupAction,
      post("/account/two-factor", { intent: "confirm-two-factor", code: codeNow(key) }, headers),
    );
    const { recoveryCodes } = confirmed.data as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    secrets.push(enrolment.key.replaceAll(" ", ""), ...recoveryCodes);

    // Stored: the secret encrypted, never as the app shows it; only hashes of the codes.
    const stored = await db.twoFactor.findUniqueOrThrow({ where: { userId: person.user.id } });
    expect(stored.enabledAt).not.toBeNull();
    expect(stored.secret).not.toContain(enrolment.key.replaceAll(" ", ""));
    expect(stored.secret).not.toContain(enrolment.key.replaceAll(" ", "").toLowerCase());
    const codes = await db.recoveryCode.findMany({ where: { userId: person.user.id } });
    expect(codes).toHaveLength(10);
    const everything = JSON.stringify([stored, codes]);
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replaceAll("-", ""));
    }
    // Shown once: the page now says it is on, without the codes or the secret.
    const after = JSON.stringify(
      (await callRoute(setupLoader, get("/account/two-factor", headers))).data,
    );
    expect(after).toContain('"state":"on"');
    expect(after).not.toContain(recoveryCodes[0]);
    expect(after).not.toContain(enrolment.key);
    expect(
      await db.auditEvent.count({
        where: { action: "auth.two_factor_enabled", targetId: person.user.id },
      }),
    ).toBe(1);
    // The person's other browsers (signed in with the password alone) are signed out; this one stays.
    const sessions = await db.session.count({ where: { userId: person.user.id } });
    expect(sessions).toBe(1);
    expect((await callRoute(appLoader, get("/app", { Cookie: otherBrowser }))).status).toBe(200);
    expect((await callRoute(appLoader, get("/app", headers))).status).toBe(200);
  });

  test("turning it off, and new recovery codes, need a current code", async () => {
    const { organization } = await createTeam();
    const person = await createMember(organization.id, "MANAGER");
    const { key, recoveryCodes } = await enrol(person);
    const headers = { Cookie: person.cookie };

    const wrongOff = await callRoute(
      accountAction,
      post(
        "/account",
        { intent: "turn-off-two-factor", code: "000000" === codeNow(key) ? "111111" : "000000" },
        headers,
      ),
    );
    expect(JSON.stringify(wrongOff.data)).toContain("twoFactor:errors.wrongCode");
    const noCode = await callRoute(
      accountAction,
      post("/account", { intent: "turn-off-two-factor" }, headers),
    );
    expect(JSON.stringify(noCode.data)).toContain("validation.required");
    expect(
      await db.twoFactor.count({ where: { userId: person.user.id, enabledAt: { not: null } } }),
    ).toBe(1);

    const renewed = await callRoute(
      accountAction,
      post("/account", { intent: "new-recovery-codes", code: codeNow(key) }, headers),
    );
    const fresh = (renewed.data as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    secrets.push(...fresh);
    expect(fresh).not.toContain(recoveryCodes[0]);
    // The old codes no longer work; a new one does, here to turn it off.
    const oldCode = await callRoute(
      accountAction,
      post("/account", { intent: "turn-off-two-factor", code: recoveryCodes[0] ?? "" }, headers),
    );
    expect(JSON.stringify(oldCode.data)).toContain("twoFactor:errors.wrongCode");
    const off = await callRoute(
      accountAction,
      post("/account", { intent: "turn-off-two-factor", code: fresh[0] ?? "" }, headers),
    );
    expect(toastOf(off)?.message).toBe("twoFactor:turnedOff");
    expect(await db.twoFactor.count({ where: { userId: person.user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: person.user.id } })).toBe(0);
    const audited = await db.auditEvent.findMany({
      where: { targetId: person.user.id, action: { startsWith: "auth." } },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(audited.map((event) => event.action)).toEqual([
      "auth.two_factor_enabled",
      "auth.second_factor_failed",
      "auth.recovery_codes_renewed",
      "auth.second_factor_failed",
      "auth.recovery_code_used",
      "auth.two_factor_disabled",
    ]);
    // Off again: the password alone signs in.
    const signedIn = await passwordStep(person.user.email);
    expect(cookieOf(signedIn.headers, "werkpad_session")).toBeDefined();
  });
});

describe("signing in", () => {
  test("the password alone gives no session; the half-signed-in browser reaches nothing until the code", async () => {
    const team = await createTeam();
    const { key } = await enrol(team.hr);
    const sessionsBefore = await db.session.count({ where: { userId: team.hr.user.id } });

    const first = await passwordStep(team.hr.user.email, undefined, "/members");
    expect(first.location).toBe("/signin/two-factor?redirectTo=%2Fmembers");
    expect(cookieOf(first.headers, "werkpad_session")).toBeUndefined();
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith("werkpad_signin="));
    expect(setCookie).toMatch(/Path=\/signin;/);
    expect(setCookie).toMatch(/HttpOnly/);
    const pending = cookieOf(first.headers, "werkpad_signin") ?? "";
    expect(await db.session.count({ where: { userId: team.hr.user.id } })).toBe(sessionsBefore);

    // Whatever the browser sends it, and under whichever name, it is signed out everywhere else.
    const token = pending.split("=")[1] ?? "";
    for (const cookie of [pending, `werkpad_session=${token}`]) {
      for (const [loader, path] of [
        [appLoader, "/app"],
        [casesLoader, "/cases"],
        [membersLoader, "/members"],
        [accountLoader, "/account"],
        [setupLoader, "/account/two-factor"],
      ] as const) {
        const answer = await callRoute(loader, get(path, { Cookie: cookie }));
        expect(answer.location, `${path} with ${cookie.split("=")[0]}`).toMatch(/^\/signin\?/);
      }
    }
    expect(
      (await callRoute(codeLoader, get("/signin/two-factor", { Cookie: pending }))).status,
    ).toBe(200);

    const wrong = await codeStep(pending, codeNow(key) === "000000" ? "111111" : "000000");
    expect(JSON.stringify(wrong.data)).toContain("twoFactor:errors.wrongCode");
    expect(cookieOf(wrong.headers, "werkpad_session")).toBeUndefined();

    const done = await codeStep(pending, codeNow(key), undefined, "/members");
    expect(done.location).toBe("/members");
    const session = cookieOf(done.headers, "werkpad_session") ?? "";
    expect(session).not.toBe("");
    expect(done.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^werkpad_signin=; Path=\/signin;.*Max-Age=0/),
    );
    expect((await callRoute(membersLoader, get("/members", { Cookie: session }))).status).toBe(200);
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "auth.signed_in", targetId: team.hr.user.id },
        orderBy: { seq: "desc" },
      }),
    ).toMatchObject({ data: { method: "password", secondFactor: "totp" } });
    // The pending sign-in is used up.
    expect(JSON.stringify((await codeStep(pending, codeNow(key))).location)).toContain("/signin");

    // The same code once more, within its 30 seconds, on a new sign-in: refused.
    const again = await codeStep(await pendingCookie(team.hr.user.email), codeNow(key));
    expect(JSON.stringify(again.data)).toContain("twoFactor:errors.wrongCode");
    expect(
      await db.auditEvent.count({
        where: { action: "auth.second_factor_failed", targetId: team.hr.user.id },
      }),
    ).toBe(2);
  });

  test("a recovery code signs in once", async () => {
    const { organization } = await createTeam();
    const person = await createMember(organization.id, "PHYSICIAN");
    const { recoveryCodes } = await enrol(person);
    const code = (recoveryCodes[3] ?? "").toUpperCase().replaceAll("-", " ");

    const used = await codeStep(await pendingCookie(person.user.email), code);
    expect(used.location).toBe("/app");
    expect(cookieOf(used.headers, "werkpad_session")).toBeDefined();
    expect(toastOf(used)?.message).toBe("twoFactor:recoveryUsed");
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "auth.recovery_code_used", targetId: person.user.id },
      }),
    ).toMatchObject({ data: { left: 9 } });

    const twice = await codeStep(await pendingCookie(person.user.email), code);
    expect(JSON.stringify(twice.data)).toContain("twoFactor:errors.wrongCode");
    expect(cookieOf(twice.headers, "werkpad_session")).toBeUndefined();
    const account = await callRoute(accountLoader, get("/account", { Cookie: person.cookie }));
    expect(account.data).toMatchObject({ twoFactor: { on: true, recoveryCodesLeft: 9 } });
  });

  test("an e-mailed sign-in link and a password reset ask for the code too", async () => {
    const { organization } = await createTeam();
    const person = await createMember(organization.id, "OWNER");
    const { key } = await enrol(person);
    const link = async (purpose: "MAGIC_LINK" | "RESET_PASSWORD") => {
      const token = `link-${purpose}-${crypto.randomUUID()}`;
      await db.oneTimeToken.create({
        data: {
          purpose,
          userId: person.user.id,
          tokenHash: hashToken(token),
          expiresAt: new Date(Date.now() + 600_000),
        },
      });
      return token;
    };

    const magic = await callRoute(
      magicAction,
      post("/signin/magic", { token: await link("MAGIC_LINK") }),
    );
    expect(magic.location).toBe("/signin/two-factor?redirectTo=%2Fapp");
    expect(cookieOf(magic.headers, "werkpad_session")).toBeUndefined();
    const done = await codeStep(cookieOf(magic.headers, "werkpad_signin") ?? "", codeNow(key));
    expect(cookieOf(done.headers, "werkpad_session")).toBeDefined();
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "auth.signed_in", targetId: person.user.id },
        orderBy: { seq: "desc" },
      }),
    ).toMatchObject({ data: { method: "link", secondFactor: "totp" } });

    const reset = await callRoute(
      resetAction,
      post("/reset-password", {
        token: await link("RESET_PASSWORD"),
        password: "a new and long passphrase",
      }),
    );
    expect(reset.location).toBe("/signin/two-factor?redirectTo=%2Fapp");
    expect(cookieOf(reset.headers, "werkpad_session")).toBeUndefined();
  });

  test("a sign-in left halfway runs out after ten minutes", async () => {
    const { organization } = await createTeam();
    const person = await createMember(organization.id, "HR");
    const { key } = await enrol(person);
    const pending = await pendingCookie(person.user.email);
    later(601);
    const page = await callRoute(codeLoader, get("/signin/two-factor", { Cookie: pending }));
    expect(page.location).toBe("/signin");
    expect(toastOf(page)?.message).toBe("twoFactor:expired");
    const late = await codeStep(pending, codeNow(key));
    expect(late.location).toBe("/signin");
    expect(cookieOf(late.headers, "werkpad_session")).toBeUndefined();
    // Without any pending sign-in the page simply sends to the start.
    expect((await callRoute(codeLoader, get("/signin/two-factor"))).location).toBe("/signin");
  });
});

describe("rate limits", () => {
  test("after five wrong codes for a person even the right one is refused, until the window ends", async () => {
    const { organization } = await createTeam();
    const person = await createMember(organization.id, "HR");
    const { key } = await enrol(person);
    const pending = await pendingCookie(person.user.email);
    const wrong = codeNow(key) === "000000" ? "111111" : "000000";
    // From different addresses: the limit is the person's.
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await codeStep(pending, wrong);
      expect(JSON.stringify(answer.data)).toContain("twoFactor:errors.wrongCode");
    }
    const blocked = await codeStep(pending, codeNow(key));
    expect(JSON.stringify(blocked.data)).toContain("auth:errors.rateLimited");
    expect(cookieOf(blocked.headers, "werkpad_session")).toBeUndefined();

    later(15 * 60);
    const fresh = await pendingCookie(person.user.email);
    const allowed = await codeStep(fresh, codeNow(key));
    expect(cookieOf(allowed.headers, "werkpad_session")).toBeDefined();
  });

  test("after thirty wrong codes from one address, the right one is refused from there", async () => {
    const { organization } = await createTeam();
    const address = newAddress();
    const people = await Promise.all(
      Array.from({ length: 8 }, () => createMember(organization.id, "EMPLOYEE")),
    );
    const keys = [];
    for (const person of people) keys.push((await enrol(person)).key);
    for (let attempt = 0; attempt < 30; attempt++) {
      const index = attempt % people.length;
      const pending = await beginPendingSignIn(people[index]?.user.id ?? "", "password", null);
      const code = codeNow(keys[index] ?? new Uint8Array()) === "000000" ? "111111" : "000000";
      await codeStep(`werkpad_signin=${pending.token}`, code, address);
    }
    const last = people[7];
    const pending = await beginPendingSignIn(last?.user.id ?? "", "password", null);
    const right = codeNow(keys[7] ?? new Uint8Array());
    const blocked = await codeStep(`werkpad_signin=${pending.token}`, right, address);
    expect(JSON.stringify(blocked.data)).toContain("auth:errors.rateLimited");
    const elsewhere = await codeStep(`werkpad_signin=${pending.token}`, right);
    expect(cookieOf(elsewhere.headers, "werkpad_session")).toBeDefined();
  });
});

describe("an organisation that requires two-factor sign-in", () => {
  test("an owner requires it with a current code; HR and physicians must set it up, employees and managers are not asked", async () => {
    const team = await createTeam();
    const require = (cookie: string, fields: Record<string, string>) =>
      callRoute(
        membersAction,
        post(
          "/members",
          { intent: "require-two-factor", required: "on", ...fields },
          { Cookie: cookie },
        ),
      );

    // HR may not; an owner without it on themselves may not either.
    expect((await require(team.hr.cookie, {})).status).toBe(403);
    expect(JSON.stringify((await require(team.owner.cookie, {})).data)).toContain(
      "twoFactor:requirement.setUpFirst",
    );
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: team.organization.id } }))
        .requireTwoFactor,
    ).toBe(false);

    const { key } = await enrol(team.owner);
    const withoutCode = await require(team.owner.cookie, {});
    expect(withoutCode.data).toMatchObject({
      requirement: { required: true, secondFactorError: "twoFactor:errors.stepUpMissing" },
    });
    const saved = await require(team.owner.cookie, { secondFactorCode: codeNow(key) });
    expect(toastOf(saved)?.message).toBe("twoFactor:requirement.saved");
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { organizationId: team.organization.id, action: "organization.two_factor_required" },
      }),
    ).toMatchObject({ actorId: team.owner.user.id, targetId: team.organization.id });

    // Already signed in: sent to set it up at their next request, wherever they were going.
    for (const person of [team.hr, team.physician]) {
      for (const [loader, path] of [
        [appLoader, "/app"],
        [casesLoader, "/cases"],
      ] as const) {
        const answer = await callRoute(loader, get(path, { Cookie: person.cookie }));
        expect(answer.location).toBe(`/account/two-factor?redirectTo=${encodeURIComponent(path)}`);
      }
      // The set-up page itself, and the account page, stay open.
      expect(
        (await callRoute(setupLoader, get("/account/two-factor", { Cookie: person.cookie }))).data,
      ).toMatchObject({ requiredBy: team.organization.name, enrolment: { state: "off" } });
    }
    for (const person of [team.employee, team.manager, team.owner])
      expect((await callRoute(appLoader, get("/app", { Cookie: person.cookie }))).status).toBe(200);

    // At their next sign-in: the password opens a session that can only set it up.
    const signedIn = await passwordStep(team.hr.user.email);
    const session = cookieOf(signedIn.headers, "werkpad_session") ?? "";
    expect((await callRoute(appLoader, get("/app", { Cookie: session }))).location).toBe(
      "/account/two-factor?redirectTo=%2Fapp",
    );
    await enrol({ user: team.hr.user, cookie: session });
    expect((await callRoute(appLoader, get("/app", { Cookie: session }))).status).toBe(200);
    // From now on HR signs in with a code.
    expect((await passwordStep(team.hr.user.email)).location).toMatch(/^\/signin\/two-factor/);

    // The owner stops requiring it: the physician may go on without.
    later(30);
    await require(team.owner.cookie, { required: "", secondFactorCode: codeNow(key) });
    expect(
      (await callRoute(appLoader, get("/app", { Cookie: team.physician.cookie }))).status,
    ).toBe(200);
    expect(
      await db.auditEvent.count({
        where: { organizationId: team.organization.id, action: "organization.two_factor_optional" },
      }),
    ).toBe(1);
  });

  test("a physician's cases of an organisation that requires it are not listed until they set it up", async () => {
    const demanding = await createCaseTeam();
    const relaxed = await createTeam();
    const physician = demanding.physician;
    await db.membership.create({
      data: {
        organizationId: relaxed.organization.id,
        userId: physician.user.id,
        role: "PHYSICIAN",
      },
    });
    await db.organization.update({
      where: { id: demanding.organization.id },
      data: { requireTwoFactor: true },
    });
    // Working in the organisation that does not require it: the other one's case is left out.
    const cookie = await signInCookie(physician.user.id, relaxed.organization.id);
    const list = await callRoute(casesLoader, get("/cases", { Cookie: cookie }));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.data)).not.toContain(demanding.record.id);
    await enrol({ user: physician.user, cookie });
    const after = await callRoute(casesLoader, get("/cases", { Cookie: cookie }));
    expect(JSON.stringify(after.data)).toContain(demanding.record.id);
  });
});

describe("before sensitive actions", () => {
  test("asking for a copy of one's data, handing ownership over and scheduling the organisation's deletion ask for a current code", async () => {
    const team = await createTeam();
    const { key } = await enrol(team.employee);
    const askCopy = (fields: Record<string, string>) =>
      callRoute(
        accountAction,
        post("/account", { intent: "request-export", ...fields }, { Cookie: team.employee.cookie }),
      );
    const refusedCopy = await askCopy({});
    expect(JSON.stringify(refusedCopy.data)).toContain("twoFactor:errors.stepUpMissing");
    expect(await db.dataExport.count({ where: { userId: team.employee.user.id } })).toBe(0);
    expect((await askCopy({ secondFactorCode: codeNow(key) })).location).toBe("/account");
    expect(await db.dataExport.count({ where: { userId: team.employee.user.id } })).toBe(1);

    const owner = await enrol(team.owner);
    const onOrganization = (fields: Record<string, string>) =>
      callRoute(organizationAction, post("/organization", fields, { Cookie: team.owner.cookie }));
    const handOver = {
      intent: "transfer",
      newOwner: team.hr.membership.id,
      ownRole: "HR",
      confirm: "on",
    };
    const refusedHandOver = await onOrganization(handOver);
    expect(JSON.stringify(refusedHandOver.data)).toContain("twoFactor:errors.stepUpMissing");
    expect(
      (await db.membership.findUniqueOrThrow({ where: { id: team.hr.membership.id } })).role,
    ).toBe("HR");

    await db.organization.update({
      where: { id: team.organization.id },
      data: { lastExportAt: new Date() },
    });
    const deletion = { intent: "schedule-deletion", confirmName: team.organization.name };
    const wrong = codeNow(owner.key) === "000000" ? "111111" : "000000";
    const refusedDeletion = await onOrganization({ ...deletion, secondFactorCode: wrong });
    expect(JSON.stringify(refusedDeletion.data)).toContain("twoFactor:errors.wrongCode");
    const organization = () =>
      db.organization.findUniqueOrThrow({ where: { id: team.organization.id } });
    expect((await organization()).deletionDueAt).toBe(null);
    const scheduled = await onOrganization({ ...deletion, secondFactorCode: codeNow(owner.key) });
    expect(scheduled.location).toBe("/organization");
    expect((await organization()).deletionDueAt).toBeInstanceOf(Date);
  });

  test("changing a role asks an owner with two-factor sign-in on for a current code", async () => {
    const team = await createTeam();
    const { key } = await enrol(team.owner);
    const change = (fields: Record<string, string>) =>
      callRoute(
        memberAction,
        post(
          `/members/${team.employee.membership.id}`,
          { intent: "change-role", role: "MANAGER", ...fields },
          { Cookie: team.owner.cookie },
        ),
        { membershipId: team.employee.membership.id },
      );
    const roleNow = async () =>
      (await db.membership.findUniqueOrThrow({ where: { id: team.employee.membership.id } })).role;

    expect((await change({})).data).toEqual({
      role: "MANAGER",
      secondFactorError: "twoFactor:errors.stepUpMissing",
    });
    const wrong = codeNow(key) === "000000" ? "111111" : "000000";
    expect((await change({ secondFactorCode: wrong })).data).toEqual({
      role: "MANAGER",
      secondFactorError: "twoFactor:errors.wrongCode",
    });
    expect(await roleNow()).toBe("EMPLOYEE");
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "auth.second_factor_failed", targetId: team.owner.user.id },
      }),
    ).toMatchObject({ actorId: team.owner.user.id, data: { purpose: "step-up" } });

    const changed = await change({
      secondFactorCode: ` ${codeNow(key).slice(0, 3)} ${codeNow(key).slice(3)} `,
    });
    expect(changed.location).toBe(`/members/${team.employee.membership.id}`);
    expect(await roleNow()).toBe("MANAGER");
    // The same code does not work twice.
    const replay = await callRoute(
      memberAction,
      post(
        `/members/${team.employee.membership.id}`,
        { intent: "change-role", role: "EMPLOYEE", secondFactorCode: codeNow(key) },
        { Cookie: team.owner.cookie },
      ),
      { membershipId: team.employee.membership.id },
    );
    expect(replay.data).toMatchObject({ secondFactorError: "twoFactor:errors.wrongCode" });

    // Five wrong codes: then even the right one is refused.
    later(30);
    for (let attempt = 0; attempt < 4; attempt++) await change({ secondFactorCode: wrong });
    expect((await change({ secondFactorCode: codeNow(key) })).data).toMatchObject({
      secondFactorError: expect.stringMatching(/^auth:errors\.rateLimited\?minutes=\d+$/),
    });
    expect(await roleNow()).toBe("MANAGER");
  });

  test("removing a member asks an owner with two-factor sign-in on for a current code, and keeps the chosen successor", async () => {
    const team = await createCaseTeam();
    const { key } = await enrol(team.owner);
    const membershipId = team.manager.membership.id;
    const remove = (fields: Record<string, string>) =>
      callRoute(
        memberAction,
        post(
          `/members/${membershipId}`,
          { intent: "remove", ...fields },
          { Cookie: team.owner.cookie },
        ),
        { membershipId },
      );
    const stillMember = async () =>
      (await db.membership.count({ where: { id: membershipId } })) === 1;
    const successor = team.hr.user.id;
    expect((await remove({ managerId: successor })).data).toEqual({
      removal: { secondFactorError: "twoFactor:errors.stepUpMissing", managerId: successor },
    });
    const wrong = codeNow(key) === "000000" ? "111111" : "000000";
    expect((await remove({ managerId: successor, secondFactorCode: wrong })).data).toMatchObject({
      removal: { secondFactorError: "twoFactor:errors.wrongCode" },
    });
    expect(await stillMember()).toBe(true);
    const removed = await remove({ managerId: successor, secondFactorCode: codeNow(key) });
    expect(removed.location).toBe("/members");
    expect(await stillMember()).toBe(false);
    expect((await db.case.findUniqueOrThrow({ where: { id: team.record.id } })).managerId).toBe(
      successor,
    );
  });

  test("HR is refused before any code is asked, and an owner without two-factor sign-in is asked none", async () => {
    const team = await createTeam();
    await enrol(team.hr);
    const asHr = await callRoute(
      memberAction,
      post(
        `/members/${team.employee.membership.id}`,
        { intent: "change-role", role: "MANAGER" },
        { Cookie: team.hr.cookie },
      ),
      { membershipId: team.employee.membership.id },
    );
    expect(asHr.status).toBe(403);
    expect(
      await db.auditEvent.count({
        where: { action: "auth.second_factor_failed", targetId: team.hr.user.id },
      }),
    ).toBe(0);
    const asOwner = await callRoute(
      memberAction,
      post(
        `/members/${team.employee.membership.id}`,
        { intent: "change-role", role: "MANAGER" },
        { Cookie: team.owner.cookie },
      ),
      { membershipId: team.employee.membership.id },
    );
    expect(asOwner.location).toBe(`/members/${team.employee.membership.id}`);
  });
});

describe("an owner turns it off for a member who lost their phone and recovery codes", () => {
  const onMember = (cookie: string, membershipId: string, fields: Record<string, string>) =>
    callRoute(
      memberAction,
      post(
        `/members/${membershipId}`,
        { intent: "reset-two-factor", ...fields },
        { Cookie: cookie },
      ),
      { membershipId },
    );
  const memberPage = (cookie: string, membershipId: string) =>
    callRoute(memberLoader, get(`/members/${membershipId}`, { Cookie: cookie }), { membershipId });

  test("with the box ticked and the owner's own code: off, signed out everywhere, e-mailed and in the trail", async () => {
    const team = await createTeam();
    await enrol(team.hr);
    const owner = await enrol(team.owner);
    const hrId = team.hr.membership.id;
    // Only the owner is told whether a member uses it.
    expect((await memberPage(team.owner.cookie, hrId)).data).toMatchObject({ twoFactorOn: true });
    expect((await memberPage(team.hr.cookie, team.owner.membership.id)).data).toMatchObject({
      twoFactorOn: false,
    });
    const stillOn = async () => hasTwoFactor(team.hr.user.id);

    const unticked = await onMember(team.owner.cookie, hrId, {
      secondFactorCode: codeNow(owner.key),
    });
    expect(unticked.data).toEqual({
      reset: { error: "auth:members.resetTwoFactorConfirm", checked: false },
    });
    const wrong = codeNow(owner.key) === "000000" ? "111111" : "000000";
    const wrongCode = await onMember(team.owner.cookie, hrId, {
      checked: "on",
      secondFactorCode: wrong,
    });
    expect(wrongCode.data).toEqual({
      reset: { secondFactorError: "twoFactor:errors.wrongCode", checked: true },
    });
    expect(await stillOn()).toBe(true);

    const reset = await onMember(team.owner.cookie, hrId, {
      checked: "on",
      secondFactorCode: codeNow(owner.key),
    });
    expect(reset.location).toBe(`/members/${hrId}`);
    expect(toastOf(reset)).toMatchObject({
      kind: "success",
      message: "auth:members.twoFactorReset",
    });
    expect(await stillOn()).toBe(false);
    expect(await db.recoveryCode.count({ where: { userId: team.hr.user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: team.hr.user.id } })).toBe(0);
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "auth.two_factor_reset", targetId: team.hr.user.id },
      }),
    ).toMatchObject({ chain: team.organization.id, actorId: team.owner.user.id });
    const email = await db.job.findFirstOrThrow({
      where: {
        kind: "email",
        summary: { equals: { template: "organization", to: team.hr.user.email } },
      },
    });
    expect((email.payload as { props: { event: string } }).props.event).toBe("two-factor-reset");
    // The lost phone's codes no longer matter: the password alone signs in.
    later(30);
    const signedIn = await passwordStep(team.hr.user.email);
    expect(signedIn.location).toBe("/app");

    // A second owner's click finds it off already, and changes nothing.
    later(30);
    const again = await onMember(team.owner.cookie, hrId, {
      checked: "on",
      secondFactorCode: codeNow(owner.key),
    });
    expect(toastOf(again)).toMatchObject({ message: "auth:members.twoFactorAlreadyOff" });
    expect(
      await db.auditEvent.count({
        where: { action: "auth.two_factor_reset", targetId: team.hr.user.id },
      }),
    ).toBe(1);
  });

  test("HR gets 403, an owner for themselves 403, another organisation's owner 404; nothing changes", async () => {
    const team = await createTeam();
    await enrol(team.hr);
    await enrol(team.owner);
    const stranger = await createTeam();
    const fields = { checked: "on" };
    expect((await onMember(team.hr.cookie, team.employee.membership.id, fields)).status).toBe(403);
    expect((await onMember(team.owner.cookie, team.owner.membership.id, fields)).status).toBe(403);
    expect((await onMember(stranger.owner.cookie, team.hr.membership.id, fields)).status).toBe(404);
    expect(await hasTwoFactor(team.hr.user.id)).toBe(true);
    expect(await hasTwoFactor(team.owner.user.id)).toBe(true);
  });
});

test("a user made in a test signs in without a code", async () => {
  const user = await createUser();
  const answer = await passwordStep(user.email);
  expect(cookieOf(answer.headers, "werkpad_session")).toBeDefined();
});

test("no secret key or recovery code is in a log line, the audit trail, a job or an e-mail", async () => {
  expect(secrets.length).toBeGreaterThan(50);
  const kept = JSON.stringify([
    logs,
    await db.auditEvent.findMany(),
    await db.job.findMany(),
    await db.outboxMessage.findMany(),
  ]).toLowerCase();
  for (const secret of secrets) {
    expect(kept).not.toContain(secret.toLowerCase());
    expect(kept).not.toContain(secret.replaceAll("-", "").toLowerCase());
  }
});
