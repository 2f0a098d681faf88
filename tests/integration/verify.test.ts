import { describe, expect, test } from "vitest";
import type { FileVerdict } from "#app/modules/agreements/verify.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as auditLoader } from "#app/routes/audit.tsx";
import { loader as passportPdfLoader } from "#app/routes/cases.$caseId.passport.$passportId.pdf.ts";
import {
  action as passportAction,
  loader as passportLoader,
} from "#app/routes/cases.$caseId.passport.tsx";
import { loader as codeLoader } from "#app/routes/verify.$code.tsx";
import { action as verifyAction } from "#app/routes/verify.tsx";
import {
  agreeAllAs,
  agreedCaseTeam,
  liveAgreement,
  pdfsig,
  pdftotext,
  prepareAs,
  signedAgreement,
} from "#tests/helpers/agreements.ts";
import { planOf, proposeAs } from "#tests/helpers/cases.ts";
import { callRoute, get, post, responseOf } from "#tests/helpers/route-args.ts";

/**
 * /verify as an employment lawyer or a new employer uses it: upload a PDF,
 * learn whether Werkpad issued exactly that file, whether its seal holds, who
 * signed, and whether a newer version replaces it. poppler's pdfsig is the
 * independent judge of every seal.
 */
function upload(bytes: Uint8Array | string, ip = "203.0.113.7", name = "agreement.pdf") {
  const form = new FormData();
  const part = typeof bytes === "string" ? bytes : new Uint8Array(bytes);
  form.append("file", new File([part], name, { type: "application/pdf" }));
  return callRoute(
    verifyAction,
    new Request("http://localhost/verify", { method: "POST", body: form }),
    {},
    { ip },
  );
}

async function verdictOf(bytes: Uint8Array | string, ip?: string): Promise<FileVerdict> {
  const answer = await upload(bytes, ip);
  expect(answer.status).toBe(200);
  const { verdict } = answer.data as { verdict: FileVerdict };
  return verdict;
}

const team = await agreedCaseTeam("Verify & Co");
const first = await signedAgreement(team, 1);
const firstBytes = new Uint8Array(first.sealed ?? new Uint8Array());

describe("checking a PDF at /verify", () => {
  test("the sealed agreement matches: seal intact, who signed and when, and that it is current", async () => {
    const verdict = await verdictOf(firstBytes);
    expect(verdict).toMatchObject({
      outcome: "match",
      seal: "intact",
      document: {
        kind: "agreement",
        sealed: true,
        versionNumber: 1,
        organizationName: "Verify & Co",
        supersededBy: null,
      },
    });
    const signers =
      verdict.outcome === "match" && verdict.document.kind === "agreement"
        ? verdict.document.signatures.map((signature) => [signature.side, signature.typedName])
        : [];
    expect(signers.sort()).toEqual(
      [
        ["EMPLOYEE", team.employee.user.name],
        ["EMPLOYER", team.manager.user.name],
      ].sort(),
    );
  });

  test("one byte changed: not matching, seal broken, and pdfsig agrees the signature is no longer valid", async () => {
    const tampered = new Uint8Array(firstBytes);
    const at = tampered.length >> 1;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(await verdictOf(tampered)).toEqual({ outcome: "no-match", seal: "broken" });
    expect(pdfsig(tampered)).not.toContain("Signature is Valid");
  });

  test("something added after the seal: not matching, and the seal no longer covers the file", async () => {
    const grown = new Uint8Array([...firstBytes, ...new TextEncoder().encode("\n% added\n")]);
    const verdict = await verdictOf(grown);
    expect(verdict.outcome).toBe("no-match");
    expect(["added-to", "broken"]).toContain(verdict.outcome === "no-match" ? verdict.seal : "");
    expect(pdfsig(grown)).not.toContain("Total document signed");
  });

  test("files that are not a whole PDF get a clear message", async () => {
    expect(await verdictOf("Dear sir, this is not a PDF")).toEqual({ outcome: "not-pdf" });
    expect(await verdictOf(firstBytes.subarray(0, firstBytes.length >> 1))).toEqual({
      outcome: "damaged",
    });
    expect(await verdictOf(new Uint8Array())).toEqual({ outcome: "empty" });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(firstBytes);
    expect(await verdictOf(big)).toEqual({ outcome: "too-large" });
  });

  test("a body past the upload limit is refused with 413, and a file sent to any other form with 400", async () => {
    const huge = await upload(new Uint8Array(17 * 1024 * 1024));
    expect(huge.status).toBe(413);
    const form = new FormData();
    form.append("file", new File([firstBytes], "x.pdf"));
    const elsewhere = await callRoute(
      passportAction,
      new Request(`http://localhost/cases/${team.caseId}/passport`, {
        method: "POST",
        body: form,
        headers: { Cookie: team.employee.cookie },
      }),
      { caseId: team.caseId },
    );
    expect(elsewhere.status).toBe(400);
  });

  test("the document made ready to sign is recognised, but as unsigned", async () => {
    await proposeAs(team.manager.cookie, team.caseId, "REVIEW", { date: isoDay(50) });
    await agreeAllAs(team.employee, team.caseId, "EMPLOYEE");
    await prepareAs(team.manager.cookie, team.caseId, 2);
    const waiting = await liveAgreement(team.caseId, 2);
    expect(await verdictOf(new Uint8Array(waiting.document))).toMatchObject({
      outcome: "match",
      seal: "unsigned",
      document: { kind: "agreement", sealed: false, versionNumber: 2, signatures: [] },
    });
  });

  test("once version 2 is signed, version 1 says it is superseded, at /verify and at its QR link", async () => {
    await signedAgreement(team, 2);
    expect(await verdictOf(firstBytes)).toMatchObject({
      outcome: "match",
      seal: "intact",
      document: { supersededBy: 2 },
    });
    const byCode = await callRoute(codeLoader, get(`/verify/${first.verifyCode}`), {
      code: first.verifyCode,
    });
    expect(byCode.status).toBe(200);
    expect(byCode.data).toMatchObject({ document: { versionNumber: 1, supersededBy: 2 } });
    const unknown = await callRoute(codeLoader, get("/verify/nothing-here-at-all"), {
      code: "nothing-here-at-all",
    });
    expect(unknown.status).toBe(404);
  });

  test("checks are limited per address: the 31st in fifteen minutes is refused, and says when to try again", async () => {
    const ip = "198.51.100.42";
    for (let check = 1; check <= 30; check++) await upload("not a pdf", ip);
    const refused = await upload("not a pdf", ip);
    expect(refused.data).toMatchObject({ verdict: null });
    expect(String((refused.data as { error: string }).error)).toContain("auth:errors.rateLimited");
    // Another address is not affected.
    expect(await verdictOf("not a pdf", "198.51.100.43")).toEqual({ outcome: "not-pdf" });
  });
});

describe("the employee's adjustment passport", () => {
  test("the employee chooses what goes in and gets a sealed PDF that /verify recognises; the employer cannot reach it", async () => {
    const plan = await planOf(team.employee.cookie, team.caseId);
    const adjustment = plan.items.find((item) => item.kind === "ADJUSTMENT");
    const made = await callRoute(
      passportAction,
      post(
        `/cases/${team.caseId}/passport`,
        {
          intent: "make",
          items: adjustment?.id ?? "",
          hard: "Lange vergaderingen na de lunch zijn zwaar.",
          language: "nl",
        },
        { Cookie: team.employee.cookie },
      ),
      { caseId: team.caseId },
    );
    expect(made.status).toBe(302);
    const passport = await db.adjustmentPassport.findFirstOrThrow({
      where: { caseId: team.caseId },
    });
    const bytes = new Uint8Array(passport.sealed);
    expect(pdfsig(bytes)).toContain("Signature is Valid");
    const text = pdftotext(bytes);
    expect(text).toContain("Rustige werkplek bij het raam");
    expect(text).toContain("Lange vergaderingen na de lunch zijn zwaar.");
    // Only what was chosen: the plan's review dates are not in it.
    expect(text).not.toContain(isoDay(42));

    expect(await verdictOf(bytes)).toMatchObject({
      outcome: "match",
      seal: "intact",
      document: { kind: "passport", ownerName: team.employee.user.name },
    });

    const download = await responseOf(
      passportPdfLoader,
      get(`/cases/${team.caseId}/passport/${passport.id}/pdf`, { Cookie: team.employee.cookie }),
      { caseId: team.caseId, passportId: passport.id },
    );
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

    for (const person of [team.manager, team.hr, team.owner, team.physician]) {
      const page = await callRoute(
        passportLoader,
        get(`/cases/${team.caseId}/passport`, { Cookie: person.cookie }),
        { caseId: team.caseId },
      );
      expect(page.status).toBe(404);
      const pdf = await callRoute(
        passportPdfLoader,
        get(`/cases/${team.caseId}/passport/${passport.id}/pdf`, { Cookie: person.cookie }),
        { caseId: team.caseId, passportId: passport.id },
      );
      expect(pdf.status).toBe(404);
      const tried = await callRoute(
        passportAction,
        post(
          `/cases/${team.caseId}/passport`,
          { intent: "make", helps: "x", language: "en" },
          { Cookie: person.cookie },
        ),
        { caseId: team.caseId },
      );
      expect(tried.status).toBe(404);
    }
    expect(await db.adjustmentPassport.count({ where: { caseId: team.caseId } })).toBe(1);

    // In the employee's own log of choices, not in the organisation's trail.
    const logged = await db.auditEvent.findMany({ where: { action: "passport.made" } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      chain: `consent:${team.caseId}`,
      data: { adjustments: 1, capacities: 0 },
    });
    const trail = await callRoute(auditLoader, get("/audit", { Cookie: team.hr.cookie }));
    expect(JSON.stringify(trail.data)).not.toContain("passport");
  });

  test("nothing chosen and nothing written: the form comes back with the reason, and nothing is made", async () => {
    const answer = await callRoute(
      passportAction,
      post(
        `/cases/${team.caseId}/passport`,
        { intent: "make", hard: "   ", language: "en" },
        { Cookie: team.employee.cookie },
      ),
      { caseId: team.caseId },
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.data)).toContain("agreements:passport.errors.empty");
    const stale = await callRoute(
      passportAction,
      post(
        `/cases/${team.caseId}/passport`,
        { intent: "make", items: "an-item-that-is-not-in-the-plan", language: "en" },
        { Cookie: team.employee.cookie },
      ),
      { caseId: team.caseId },
    );
    expect(JSON.stringify(stale.data)).toContain("agreements:passport.refusals.unknown-item");
    expect(await db.adjustmentPassport.count({ where: { caseId: team.caseId } })).toBe(1);
  });
});
