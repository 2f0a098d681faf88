import { describe, expect, test } from "vitest";
import { remindSigners } from "#app/modules/agreements/agreements.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import {
  agreeAllAs,
  agreedCaseTeam,
  agreementRoute,
  downloadAs,
  liveAgreement,
  pageCount,
  pdfsig,
  pdftotext,
  prepareAs,
  signAs,
  signedAgreement,
} from "#tests/helpers/agreements.ts";
import { answerAs, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { runJobsUntilIdle } from "#tests/helpers/email.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { toastOf } from "#tests/helpers/route-args.ts";

describe("a signed agreement", () => {
  test("both sides sign version 1 and the job seals it: pdfsig finds a valid PAdES signature over the whole file", async () => {
    const team = await agreedCaseTeam("Bakkerij Müller & Zoon");
    const prepared = await prepareAs(team.manager.cookie, team.caseId);
    expect(prepared.status).toBe(302);
    const agreement = await liveAgreement(team.caseId);
    expect(agreement.status).toBe("AWAITING_SIGNATURES");

    const document = pdftotext(new Uint8Array(agreement.document));
    expect(document).toContain("Agreement on adjustments and return to work");
    expect(document).toContain("Bakkerij Müller & Zoon");
    expect(document).toContain(team.employee.user.name);
    expect(document).toContain("Rustige werkplek bij het raam");
    expect(document).toContain(agreement.planHash.slice(0, 32));

    const first = await signAs(team.employee, team.caseId, agreement.id);
    expect(first.status).toBe(302);
    expect(toastOf(first)?.message).toBe("agreements:signed");
    const second = await signAs(team.manager, team.caseId, agreement.id);
    expect(toastOf(second)?.message).toBe("agreements:signedLast");
    expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).status).toBe(
      "SEALING",
    );

    await runJobsUntilIdle();
    const sealed = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(sealed.status).toBe("SEALED");
    const bytes = new Uint8Array(sealed.sealed ?? new Uint8Array());
    const report = pdfsig(bytes);
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
    expect(pageCount(bytes)).toBe(pageCount(new Uint8Array(agreement.document)) + 1);

    const certificate = pdftotext(bytes);
    expect(certificate).toContain("Signing certificate");
    // A long hash wraps where its glyphs fill the column, which differs from hash to hash.
    expect(certificate.replace(/\s+/g, "")).toContain(agreement.documentHash);
    expect(certificate).toContain(`/verify/${agreement.verifyCode}`);
    for (const signature of await db.agreementSignature.findMany({
      where: { agreementId: agreement.id },
    })) {
      expect(signature.documentHash).toBe(agreement.documentHash);
      expect(certificate).toContain(signature.typedName);
    }
  });

  test("every party downloads it; other organisations and members outside the case get 404", async () => {
    const team = await agreedCaseTeam();
    const agreement = await signedAgreement(team);
    for (const person of [team.employee, team.manager, team.hr, team.physician]) {
      const answer = await downloadAs(person.cookie, team.caseId, agreement.id);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/pdf");
    }
    const stranger = await createTeam();
    for (const cookie of [stranger.hr.cookie, team.otherManager.cookie, team.otherEmployee.cookie])
      expect((await downloadAs(cookie, team.caseId, agreement.id)).status).toBe(404);
    const downloads = await db.auditEvent.count({
      where: { action: "agreement.downloaded", targetId: agreement.id },
    });
    expect(downloads).toBe(4);
  });
});

describe("signing is refused when it should be", () => {
  test("a change to the plan voids the waiting agreement: both sides are told, and it can no longer be signed", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.manager.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);
    await proposeAs(team.employee.cookie, team.caseId, "REVIEW", { date: isoDay(60) });
    const voided = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(voided.status).toBe("VOID");

    const refused = await signAs(team.manager, team.caseId, agreement.id);
    expect(toastOf(refused)).toMatchObject({
      kind: "error",
      message: "agreements:refusals.not-awaiting",
    });
    expect(await db.agreementSignature.count({ where: { agreementId: agreement.id } })).toBe(0);
    const told = await db.job.findMany({ where: { kind: "email" } });
    const voidMails = told.filter(
      (job) => (job.payload as { props?: { event?: string } } | null)?.props?.event === "void",
    );
    expect(voidMails.map((job) => (job.payload as { to: string }).to).sort()).toEqual(
      [team.employee.user.email, team.manager.user.email].sort(),
    );
  });

  test("a superseded version cannot be made ready or signed", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.manager.cookie, team.caseId);
    const first = await liveAgreement(team.caseId);
    await proposeAs(team.manager.cookie, team.caseId, "REVIEW", { date: isoDay(60) });
    await agreeAllAs(team.employee, team.caseId, "EMPLOYEE");
    expect((await planOf(team.manager.cookie, team.caseId)).latestVersion?.number).toBe(2);
    expect(toastOf(await prepareAs(team.manager.cookie, team.caseId, 1))?.message).toBe(
      "agreements:refusals.not-latest",
    );
    expect(toastOf(await signAs(team.employee, team.caseId, first.id))?.message).toBe(
      "agreements:refusals.not-awaiting",
    );
  });

  test("nobody signs for someone else: the side is the signer's own, once, with their own name and password", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.employee.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);

    // The manager names the employee and their side: the request cannot choose either.
    const forged = await signAs(team.manager, team.caseId, agreement.id, {
      typedName: team.employee.user.name,
      side: "EMPLOYEE",
      signerId: team.employee.user.id,
    });
    expect(forged.status).toBe(200);
    expect(await db.agreementSignature.count({ where: { agreementId: agreement.id } })).toBe(0);

    const wrongPassword = await signAs(team.employee, team.caseId, agreement.id, {
      password: "not the password",
    });
    expect(JSON.stringify(wrongPassword.data)).toContain("agreements:errors.wrongPassword");

    const stale = await signAs(team.employee, team.caseId, agreement.id, {
      documentHash: "0".repeat(64),
    });
    expect(toastOf(stale)?.message).toBe("agreements:refusals.stale-document");

    // The physician advises but does not sign.
    expect((await signAs(team.physician, team.caseId, agreement.id)).status).toBe(403);

    expect((await signAs(team.manager, team.caseId, agreement.id)).status).toBe(302);
    // HR is the employer side too: that side has signed.
    expect(toastOf(await signAs(team.hr, team.caseId, agreement.id))?.message).toBe(
      "agreements:refusals.already-signed",
    );
    const signatures = await db.agreementSignature.findMany({
      where: { agreementId: agreement.id },
    });
    expect(signatures.map((signature) => [signature.signerId, signature.side])).toEqual([
      [team.manager.user.id, "EMPLOYER"],
    ]);
  });

  test("a signer declines with a reason: the agreement ends and the other side is told", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.manager.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);
    const empty = await agreementRoute(team.employee.cookie, team.caseId, agreement.id, {
      intent: "decline",
      reason: "   ",
    });
    expect(empty.status).toBe(200);
    const declined = await agreementRoute(team.employee.cookie, team.caseId, agreement.id, {
      intent: "decline",
      reason: "De werkplek bij het raam is te koud.",
    });
    expect(toastOf(declined)?.message).toBe("agreements:declined");
    const ended = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(ended).toMatchObject({
      status: "DECLINED",
      declineReason: "De werkplek bij het raam is te koud.",
      endedById: team.employee.user.id,
    });
    // The same version can be made ready again once both want to.
    expect((await prepareAs(team.manager.cookie, team.caseId)).status).toBe(302);
  });

  test("malformed requests get 400 and change nothing", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.manager.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);
    for (const fields of [
      { intent: "sign-everything" } as Record<string, string>,
      { intent: "sign", documentHash: "zz", statement: "on", typedName: "x", proof: "telepathy" },
    ]) {
      const answer = await agreementRoute(team.manager.cookie, team.caseId, agreement.id, fields);
      expect([200, 400]).toContain(answer.status);
    }
    expect((await prepareAs(team.manager.cookie, team.caseId, Number.NaN)).status).toBe(400);
    expect(await db.agreementSignature.count({ where: { agreementId: agreement.id } })).toBe(0);
  });
});

describe("amendments", () => {
  test("version 2's agreement names version 1 and shows what changed; version 1 stays downloadable", async () => {
    const team = await agreedCaseTeam();
    const first = await signedAgreement(team, 1);
    const [adjustment] = (await planOf(team.manager.cookie, team.caseId)).items.filter(
      (item) => item.kind === "ADJUSTMENT",
    );
    await answerAs(team.manager.cookie, team.caseId, adjustment?.id ?? "", "edit");
    await proposeAs(team.manager.cookie, team.caseId, "REVIEW", { date: isoDay(70) });
    await agreeAllAs(team.employee, team.caseId, "EMPLOYEE");
    const second = await signedAgreement(team, 2);
    expect(second.amendsId).toBe(first.id);
    const text = pdftotext(new Uint8Array(second.sealed ?? new Uint8Array()));
    expect(text).toContain("What changed since version 1");
    expect(text).toContain(`replaces the agreement on version 1`);
    expect((await downloadAs(team.employee.cookie, team.caseId, first.id)).status).toBe(200);
  });
});

describe("reminders to sign", () => {
  test("after three days, then weekly, three at most, only to whoever has not signed", async () => {
    const team = await agreedCaseTeam();
    await prepareAs(team.manager.cookie, team.caseId);
    const agreement = await liveAgreement(team.caseId);
    const day = 24 * 60 * 60_000;
    const at = (days: number) => new Date(agreement.createdAt.getTime() + days * day + 60_000);
    const reminders = async () =>
      (await db.job.findMany({ where: { kind: "email" } }))
        .map((job) => ({
          id: job.id,
          payload: job.payload as { to: string; props: { event?: string } } | null,
        }))
        .filter(({ payload }) => payload?.props.event === "reminder")
        .map(({ id, payload }) => ({ id, to: payload?.to }));
    const reminded = async () => (await reminders()).map(({ to }) => to);

    // Other tests' agreements wait too: count only this team's new reminders. Rows come back
    // in no promised order (PostgreSQL moves updated rows), so "new" means an id not seen before.
    const ours = async (days: number) => {
      const before = new Set((await reminders()).map(({ id }) => id));
      await remindSigners(at(days));
      return (await reminders())
        .filter(({ id }) => !before.has(id))
        .map(({ to }) => to)
        .filter((to) => to === team.employee.user.email || to === team.manager.user.email);
    };
    expect(await ours(2)).toEqual([]);
    expect((await ours(3)).sort()).toEqual(
      [team.employee.user.email, team.manager.user.email].sort(),
    );
    // Twice in the same week: once.
    expect(await ours(4)).toEqual([]);
    await signAs(team.employee, team.caseId, agreement.id);
    expect(await ours(10)).toEqual([team.manager.user.email]);
    expect(await ours(17)).toEqual([team.manager.user.email]);
    expect(await ours(24)).toEqual([]);
    expect(await ours(60)).toEqual([]);
    const all = await reminded();
    expect(all.filter((to) => to === team.manager.user.email)).toHaveLength(3);
    expect(all.filter((to) => to === team.employee.user.email)).toHaveLength(1);
  });
});
