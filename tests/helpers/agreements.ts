import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as pdfLoader } from "#app/routes/cases.$caseId.agreements.$agreementId.pdf.ts";
import { action as agreementAction } from "#app/routes/cases.$caseId.agreements.$agreementId.tsx";
import { action as prepareAction } from "#app/routes/cases.$caseId.agreements.tsx";
import { answerAs, createCaseTeam, planOf, proposeAs } from "./cases.ts";
import { runJobsUntilIdle } from "./email.ts";
import { testPassword } from "./factories.ts";
import { callRoute, get, post } from "./route-args.ts";

/**
 * Agreements the way people make them: a plan both sides agreed, made ready
 * to sign, signed with the signer's own name and password, sealed by the job.
 */
/** `person` agrees to every item that waits for their side. */
export async function agreeAllAs(person: { cookie: string }, caseId: string, side: string) {
  for (const item of (await planOf(person.cookie, caseId)).items)
    if (item.awaiting === side) await answerAs(person.cookie, caseId, item.id, "agree");
}

/** A case whose plan has an agreed version 1: an adjustment, a phase and a review date. */
export async function agreedCaseTeam(name?: string) {
  const team = await createCaseTeam(name);
  const caseId = team.record.id;
  await proposeAs(team.manager.cookie, caseId, "ADJUSTMENT", {
    title: "Rustige werkplek bij het raam",
    owner: "Facilitair",
    startDate: isoDay(3),
    reviewDate: isoDay(30),
  });
  await proposeAs(team.manager.cookie, caseId, "SCHEDULE_PHASE", {
    startWeek: "1",
    hoursPerWeek: "12",
    days: "mon",
  });
  await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(42) });
  await agreeAllAs(team.employee, caseId, "EMPLOYEE");
  return { ...team, caseId };
}

export function prepareAs(cookie: string, caseId: string, versionNumber = 1, language = "en") {
  return callRoute(
    prepareAction,
    post(
      `/cases/${caseId}/agreements`,
      { intent: "prepare", versionNumber: String(versionNumber), language },
      { Cookie: cookie },
    ),
    { caseId },
  );
}

/** The agreement of a version that is not void or declined. */
export function liveAgreement(caseId: string, versionNumber = 1) {
  return db.agreement.findFirstOrThrow({
    where: { caseId, versionNumber, status: { in: ["AWAITING_SIGNATURES", "SEALING", "SEALED"] } },
  });
}

export function agreementRoute(
  cookie: string,
  caseId: string,
  agreementId: string,
  fields: Record<string, string>,
) {
  return callRoute(
    agreementAction,
    post(`/cases/${caseId}/agreements/${agreementId}`, fields, { Cookie: cookie }),
    { caseId, agreementId },
  );
}

/** Signs as the person whose cookie it is: the statement ticked, their name, their password. */
export async function signAs(
  person: { cookie: string; user: { name: string } },
  caseId: string,
  agreementId: string,
  overrides: Record<string, string> = {},
) {
  const agreement = await db.agreement.findUniqueOrThrow({ where: { id: agreementId } });
  return agreementRoute(person.cookie, caseId, agreementId, {
    intent: "sign",
    documentHash: agreement.documentHash,
    statement: "on",
    typedName: person.user.name,
    proof: "password",
    password: testPassword,
    ...overrides,
  });
}

/** Prepares version `n`, signs it on both sides and lets the seal job run. */
export async function signedAgreement(
  team: Awaited<ReturnType<typeof agreedCaseTeam>>,
  versionNumber = 1,
) {
  await prepareAs(team.manager.cookie, team.caseId, versionNumber);
  const agreement = await liveAgreement(team.caseId, versionNumber);
  await signAs(team.employee, team.caseId, agreement.id);
  await signAs(team.manager, team.caseId, agreement.id);
  await runJobsUntilIdle();
  return db.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
}

export async function downloadAs(cookie: string, caseId: string, agreementId: string) {
  return callRoute(
    pdfLoader,
    get(`/cases/${caseId}/agreements/${agreementId}/pdf`, { Cookie: cookie }),
    {
      caseId,
      agreementId,
    },
  );
}

const folder = mkdtempSync(join(tmpdir(), "werkpad-pdf-"));
let fileNumber = 0;

/** Writes bytes to a file of their own, for poppler's tools. */
export function pdfFile(bytes: Uint8Array): string {
  fileNumber += 1;
  const file = join(folder, `file-${fileNumber}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** poppler-utils' own view of a PDF: its text, its signatures, its page count. */
export function pdftotext(bytes: Uint8Array): string {
  return execFileSync("pdftotext", ["-layout", pdfFile(bytes), "-"], { encoding: "utf8" });
}

export function pdfsig(bytes: Uint8Array): string {
  try {
    return execFileSync("pdfsig", [pdfFile(bytes)], { encoding: "utf8" });
  } catch (error) {
    // pdfsig exits non-zero for a file it finds invalid; its findings are still on stdout.
    return String((error as { stdout?: string }).stdout ?? "");
  }
}

export function pageCount(bytes: Uint8Array): number {
  const info = execFileSync("pdfinfo", [pdfFile(bytes)], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
