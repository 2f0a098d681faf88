import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import { consentChain } from "#app/modules/cases/consent.server.ts";
import { sha256Hex } from "#app/modules/hash.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { renderPdf, sealPdf } from "#app/modules/pdf/pdf.server.ts";
import type { SnapshotItem } from "#app/modules/plans/versions.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { newVerifyCode, verifyUrl } from "./agreements.server.ts";
import { sealOptions } from "./certificate.server.ts";
import { passportDocument } from "./documents.server.ts";

/**
 * The employee's adjustment passport: a sealed PDF of what they choose from
 * their latest agreed plan (adjustments, capacities) and what they write in
 * their own words, to take to a new manager or employer. Only the employee
 * makes and downloads it (the policy's passport.use); each one is recorded in
 * the employee's own consent log (the consent chain, which the employer
 * side's audit page does not show), with what went in but not its text.
 */
const passportKinds = new Set(["ADJUSTMENT", "CAPACITY"]);

/** The items a passport can hold: the latest agreed version's adjustments and capacities. */
export async function passportChoices(tdb: TenantDb, caseId: string) {
  const latest = await tdb.planVersion.findFirst({
    where: { caseId },
    orderBy: { number: "desc" },
    select: { number: true, snapshot: true },
  });
  if (!latest) return null;
  const items = (latest.snapshot as SnapshotItem[]).filter((item) => passportKinds.has(item.kind));
  return { versionNumber: latest.number, items };
}

export async function makePassport(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { items: string[]; helps?: string; hard?: string; language: Language },
  client: Client,
): Promise<Result<{ passportId: string }, Refusal<"forbidden" | "no-plan" | "unknown-item">>> {
  if (!can(actor, "passport.use", partiesOf(record)) || !record.employee)
    return refused("forbidden");
  const choices = await passportChoices(tdb, record.id);
  if (!choices) return refused("no-plan");
  const wanted = new Set(input.items);
  const items = choices.items.filter((item) => wanted.has(item.id));
  if (items.length !== wanted.size) return refused("unknown-item");

  const verifyCode = newVerifyCode();
  const madeAt = new Date();
  const document = await passportDocument({
    language: input.language,
    country: record.country,
    employeeName: record.employee.name,
    items,
    helps: input.helps,
    hard: input.hard,
    madeAt,
    verifyUrl: verifyUrl(verifyCode),
    verifyCode,
  });
  const sealed = await sealPdf(await renderPdf(document), await sealOptions("Adjustment passport"));
  const passport = await tdb.$transaction(async (tx) => {
    const created = await tx.adjustmentPassport.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        employeeId: actor.userId,
        language: input.language,
        sealed,
        sealedHash: sha256Hex(sealed),
        verifyCode,
        contents: {
          version: choices.versionNumber,
          items: items.map((item) => ({ id: item.id, kind: item.kind })),
          ownWords: Boolean(input.helps || input.hard),
        },
        createdAt: madeAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      chain: consentChain(record.id),
      organizationId: null,
      actorId: actor.userId,
      action: "passport.made",
      targetType: "Case",
      targetId: record.id,
      data: {
        adjustments: items.filter((item) => item.kind === "ADJUSTMENT").length,
        capacities: items.filter((item) => item.kind === "CAPACITY").length,
      },
      ...client,
    });
    return created;
  });
  return done({ passportId: passport.id });
}

/** The employee's passports, newest first, with what went in (counted). */
export async function passportsOf(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  if (!can(actor, "passport.use", partiesOf(record))) return null;
  const passports = await tdb.adjustmentPassport.findMany({
    where: { caseId: record.id, employeeId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, contents: true, language: true },
  });
  return passports.map(({ contents, ...passport }) => {
    const items = (contents as { items?: Array<{ kind: string }> }).items ?? [];
    return {
      ...passport,
      adjustments: items.filter((item) => item.kind === "ADJUSTMENT").length,
      capacities: items.filter((item) => item.kind === "CAPACITY").length,
    };
  });
}

export async function downloadPassport(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  passportId: string,
  client: Client,
): Promise<Result<{ bytes: Uint8Array; fileName: string }, Refusal<"forbidden" | "not-found">>> {
  if (!can(actor, "passport.use", partiesOf(record))) return refused("forbidden");
  const passport = await tdb.adjustmentPassport.findFirst({
    where: { id: passportId, caseId: record.id, employeeId: actor.userId },
  });
  if (!passport) return refused("not-found");
  await tdb.$transaction((tx) =>
    recordAudit(tx, {
      chain: consentChain(record.id),
      organizationId: null,
      actorId: actor.userId,
      action: "passport.downloaded",
      targetType: "Case",
      targetId: record.id,
      ...client,
    }),
  );
  const day = passport.createdAt.toISOString().slice(0, 10);
  return done({
    bytes: new Uint8Array(passport.sealed),
    fileName: `adjustment-passport-${day}.pdf`,
  });
}
