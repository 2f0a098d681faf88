import { randomBytes } from "node:crypto";
import type { AgreementStatus } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import { agreementsAwaitingSignatures } from "#app/modules/cross-organization.server.ts";
import { env } from "#app/modules/env.server.ts";
import { sha256Hex } from "#app/modules/hash.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { renderPdf, sealPdf } from "#app/modules/pdf/pdf.server.ts";
import type { Side } from "#app/modules/plans/agreement.ts";
import { planMatchesVersion } from "#app/modules/plans/plans.server.ts";
import type { SnapshotItem } from "#app/modules/plans/versions.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { lockFor, type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";
import { sealOptions } from "./certificate.server.ts";
import { agreementDocument, certificateDocument } from "./documents.server.ts";
import { agreementLink, audit, tell, tellIds } from "./notify.server.ts";
import { confirmSigner, type Proof, type ReauthRefusal } from "./reauth.server.ts";

/**
 * Signed agreements: an agreed plan version becomes a PDF both sides read and
 * sign, then a job seals it (the signing certificate page appended, a PAdES
 * signature by the platform certificate) so that anyone can check it at
 * /verify. The lifecycle:
 *
 *   AWAITING_SIGNATURES ──both signed──▶ SEALING ──seal job──▶ SEALED
 *          │ a signer declines ▶ DECLINED      │ the plan changes ▶ VOID
 *
 * Each signature names the SHA-256 of the exact bytes the signer was shown;
 * a document that changed since cannot be signed. A later agreed version's
 * agreement names the sealed one it replaces, which /verify then marks as
 * superseded. Every step is audited in the organisation's trail.
 */
export type AgreementRefusal =
  | "forbidden"
  | "not-found"
  | "not-latest"
  | "plan-changed"
  | "already-prepared"
  | "not-awaiting"
  | "stale-document"
  | "already-signed"
  | "name-mismatch";

const live: AgreementStatus[] = ["AWAITING_SIGNATURES", "SEALING", "SEALED"];

export function verifyUrl(code: string): string {
  return `${env().APP_URL}/verify/${code}`;
}

/** A random code for the QR link: 20 characters, unguessable, meaning nothing. */
export function newVerifyCode(): string {
  return randomBytes(15).toString("base64url");
}

/** The file name a download gets: the version, never a name. */
export function agreementFileName(agreement: { versionNumber: number; status: AgreementStatus }) {
  const sealed = agreement.status === "SEALED" ? "signed" : "for-signing";
  return `werkpad-agreement-v${agreement.versionNumber}-${sealed}.pdf`;
}

/**
 * Turns the latest agreed version into a document to sign. Either side may
 * do it; the PDF is laid out in the PDF thread, outside the transaction, and
 * stored with its hash. Refused when the plan has changed since the version
 * (there is nothing agreed to sign) or when the version has its agreement.
 */
export async function prepareAgreement(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: { versionNumber: number; language: Language },
  client: Client,
): Promise<Result<{ agreementId: string }, Refusal<AgreementRefusal> & { agreementId?: string }>> {
  if (!can(actor, "agreement.prepare", partiesOf(record))) return refused("forbidden");
  const [version, latest, existing, organization, review, amended] = await Promise.all([
    tdb.planVersion.findFirst({ where: { caseId: record.id, number: input.versionNumber } }),
    tdb.planVersion.findFirst({
      where: { caseId: record.id },
      orderBy: { number: "desc" },
      select: { number: true },
    }),
    tdb.agreement.findFirst({
      where: { caseId: record.id, versionNumber: input.versionNumber, status: { in: live } },
      select: { id: true },
    }),
    tdb.organization.findUniqueOrThrow({ where: { id: actor.organizationId } }),
    tdb.planReview.findFirst({
      where: { caseId: record.id, versionNumber: input.versionNumber },
      orderBy: { createdAt: "desc" },
    }),
    latestSealed(tdb, record.id, input.versionNumber),
  ]);
  if (!version) return refused("not-found");
  if (existing) return refused("already-prepared", { agreementId: existing.id });
  if (latest?.number !== version.number) return refused("not-latest");
  if (!(await planMatchesVersion(tdb, record.id, version.contentHash)))
    return refused("plan-changed");
  if (!record.employee) return refused("not-found");

  const reviewer = review
    ? await tdb.user.findUnique({ where: { id: review.physicianId }, select: { name: true } })
    : null;
  const document = await renderPdf(
    await agreementDocument({
      language: input.language,
      country: record.country,
      organizationName: organization.name,
      employeeName: record.employee.name,
      managerName: record.manager.name,
      physicianName: record.physician?.name ?? null,
      caseKind: record.kind,
      startKind: record.startKind,
      startDate: record.startDate,
      version: {
        number: version.number,
        contentHash: version.contentHash,
        agreedAt: version.agreedAt,
        snapshot: version.snapshot as SnapshotItem[],
      },
      review: review
        ? {
            outcome: review.outcome,
            remarks: review.remarks,
            physicianName: reviewer?.name ?? "",
            at: review.createdAt,
          }
        : null,
      amends: amended
        ? {
            versionNumber: amended.versionNumber,
            planHash: amended.planHash,
            sealedAt: amended.sealedAt ?? amended.createdAt,
            snapshot: amended.snapshot,
          }
        : null,
      preparedAt: new Date(),
    }),
  );

  return tdb.$transaction(async (tx) => {
    // One preparation per case at a time: two clicks make one agreement.
    await lockFor(tx, `agreement:${record.id}`);
    const raced = await tx.agreement.findFirst({
      where: { caseId: record.id, versionNumber: version.number, status: { in: live } },
      select: { id: true },
    });
    if (raced) return refused("already-prepared", { agreementId: raced.id });
    const agreement = await tx.agreement.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        versionNumber: version.number,
        planHash: version.contentHash,
        language: input.language,
        document,
        documentHash: sha256Hex(document),
        verifyCode: newVerifyCode(),
        amendsId: amended?.id ?? null,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await audit(tx, actor.userId, "agreement.prepared", agreement.id, record, client, {
      number: version.number,
    });
    await tell(tx, record, ["EMPLOYEE", "EMPLOYER"], {
      event: "ready",
      version: version.number,
      link: agreementLink(record.id, agreement.id),
    });
    return done({ agreementId: agreement.id });
  });
}

/** The sealed agreement of the highest version below `below`, with its version's items. */
async function latestSealed(tdb: TenantDb, caseId: string, below: number) {
  const sealed = await tdb.agreement.findFirst({
    where: { caseId, status: "SEALED", versionNumber: { lt: below } },
    orderBy: { versionNumber: "desc" },
    select: { id: true, versionNumber: true, planHash: true, sealedAt: true, createdAt: true },
  });
  if (!sealed) return null;
  const version = await tdb.planVersion.findFirstOrThrow({
    where: { caseId, number: sealed.versionNumber },
    select: { snapshot: true },
  });
  return { ...sealed, snapshot: version.snapshot as SnapshotItem[] };
}

export type SignInput = {
  documentHash: string;
  typedName: string;
  drawing: string | null;
  proof: Proof;
};

/** Names compared as people type them: case, spacing and accents' encoding aside. */
export function sameName(a: string, b: string): boolean {
  const norm = (value: string) =>
    value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase();
  return norm(a) === norm(b);
}

/**
 * The signer signs for their own side, never anyone else's: the side follows
 * from who is signed in, not from the request. The typed name must be their
 * own, the hash must be the document's, and they prove it is them.
 */
export async function signAgreement(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  agreementId: string,
  input: SignInput,
  client: Client,
): Promise<Result<{ sealing: boolean }, Refusal<AgreementRefusal> | ReauthRefusal>> {
  const side = signingSide(actor, record);
  if (!side) return refused("forbidden");
  const agreement = await tdb.agreement.findFirst({
    where: { id: agreementId, caseId: record.id },
    include: { signatures: { select: { side: true } } },
  });
  if (!agreement) return refused("not-found");
  if (agreement.status !== "AWAITING_SIGNATURES") return refused("not-awaiting");
  if (input.documentHash !== agreement.documentHash) return refused("stale-document");
  if (agreement.signatures.some((signature) => signature.side === side))
    return refused("already-signed");
  const signer = await tdb.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!sameName(input.typedName, signer.name)) return refused("name-mismatch");
  const proven = await confirmSigner(actor.userId, input.proof, client);
  if (!proven.ok) return proven;

  const result = await tdb.$transaction(async (tx) => {
    await lockFor(tx, `agreement:${record.id}`);
    const current = await tx.agreement.findFirst({
      where: { id: agreement.id },
      include: { signatures: { select: { side: true } } },
    });
    // The plan may have changed, or the other side declined, while this person typed.
    if (current?.status !== "AWAITING_SIGNATURES") return refused("not-awaiting");
    if (current.signatures.some((signature) => signature.side === side))
      return refused("already-signed");
    await tx.agreementSignature.create({
      data: {
        organizationId: actor.organizationId,
        agreementId: agreement.id,
        signerId: actor.userId,
        side,
        typedName: input.typedName.trim(),
        drawing: input.drawing,
        method: proven.value,
        documentHash: agreement.documentHash,
        ipAddress: client.ipAddress,
        userAgent: client.userAgent,
      },
    });
    await audit(tx, actor.userId, "agreement.signed", agreement.id, record, client, {
      number: agreement.versionNumber,
      side,
      method: proven.value,
    });
    const sealing = current.signatures.length + 1 === 2;
    if (sealing) {
      await tx.agreement.update({ where: { id: agreement.id }, data: { status: "SEALING" } });
      await enqueue(
        tx,
        "agreement.seal",
        { organizationId: actor.organizationId, agreementId: agreement.id },
        { organizationId: actor.organizationId },
      );
    } else {
      await tell(tx, record, [side === "EMPLOYEE" ? "EMPLOYER" : "EMPLOYEE"], {
        event: "signed-by-other",
        version: agreement.versionNumber,
        link: agreementLink(record.id, agreement.id),
      });
    }
    return done({ sealing });
  });
  return result;
}

/** The side a person signs for in this case, or null: the employee, or the employer side (the manager, HR). */
export function signingSide(actor: Actor, record: CaseRecord): Side | null {
  if (!can(actor, "agreement.sign", partiesOf(record))) return null;
  return record.employeeId === actor.userId ? "EMPLOYEE" : "EMPLOYER";
}

/** A signer declines, with a reason: the agreement ends, and the plan is open for changes again. */
export async function declineAgreement(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  agreementId: string,
  reason: string,
  client: Client,
): Promise<Result<undefined, Refusal<AgreementRefusal>>> {
  const side = signingSide(actor, record);
  if (!side) return refused("forbidden");
  return tdb.$transaction(async (tx) => {
    await lockFor(tx, `agreement:${record.id}`);
    const agreement = await tx.agreement.findFirst({
      where: { id: agreementId, caseId: record.id },
      include: { signatures: { select: { side: true } } },
    });
    if (!agreement) return refused("not-found");
    if (agreement.status !== "AWAITING_SIGNATURES") return refused("not-awaiting");
    if (agreement.signatures.some((signature) => signature.side === side))
      return refused("already-signed");
    await tx.agreement.update({
      where: { id: agreement.id },
      data: {
        status: "DECLINED",
        endedById: actor.userId,
        declineReason: reason,
        endedAt: new Date(),
      },
    });
    await audit(tx, actor.userId, "agreement.declined", agreement.id, record, client, {
      number: agreement.versionNumber,
      side,
    });
    await tell(tx, record, [side === "EMPLOYEE" ? "EMPLOYER" : "EMPLOYEE"], {
      event: "declined",
      version: agreement.versionNumber,
      link: agreementLink(record.id, agreement.id),
    });
    return done();
  });
}

/**
 * The `agreement.seal` job: appends the signing certificate page, seals the
 * whole with the platform certificate, and keeps the sealed file and its
 * hash. Both sides are told it is ready to download.
 */
export async function sealAgreement(payload: { organizationId: string; agreementId: string }) {
  const tdb = tenantDb(payload.organizationId);
  const agreement = await tdb.agreement.findFirst({
    where: { id: payload.agreementId },
    include: { signatures: { orderBy: { signedAt: "asc" } } },
  });
  if (agreement?.status !== "SEALING") return;
  const [organization, signers, owner] = await Promise.all([
    tdb.organization.findUniqueOrThrow({ where: { id: agreement.organizationId } }),
    tdb.user.findMany({
      where: { id: { in: agreement.signatures.map((signature) => signature.signerId) } },
      select: { id: true, name: true },
    }),
    tdb.case.findUniqueOrThrow({ where: { id: agreement.caseId }, select: { country: true } }),
  ]);
  const sealedAt = new Date();
  const sealed = await sealPdf(
    new Uint8Array(agreement.document),
    await sealOptions(`Agreement, version ${agreement.versionNumber}`),
    certificateDocument({
      language: agreement.language,
      country: owner.country,
      organizationName: organization.name,
      versionNumber: agreement.versionNumber,
      planHash: agreement.planHash,
      documentHash: agreement.documentHash,
      signatures: agreement.signatures.map((signature) => ({
        name: signers.find((signer) => signer.id === signature.signerId)?.name ?? "",
        side: signature.side,
        typedName: signature.typedName,
        drawing: signature.drawing,
        method: signature.method,
        ipAddress: signature.ipAddress,
        userAgent: signature.userAgent,
        signedAt: signature.signedAt,
      })),
      sealedAt,
      verifyUrl: verifyUrl(agreement.verifyCode),
    }),
  );
  await tdb.$transaction(async (tx) => {
    const { count } = await tx.agreement.updateMany({
      where: { id: agreement.id, status: "SEALING" },
      data: { status: "SEALED", sealed, sealedHash: sha256Hex(sealed), sealedAt },
    });
    if (count !== 1) return;
    const record = await tx.case.findUniqueOrThrow({
      where: { id: agreement.caseId },
      include: { employee: { select: { id: true } } },
    });
    await recordAudit(tx, {
      organizationId: agreement.organizationId,
      actorId: null,
      action: "agreement.sealed",
      targetType: "Agreement",
      targetId: agreement.id,
      data: { caseId: agreement.caseId, number: agreement.versionNumber },
    });
    await tellIds(tx, agreement.organizationId, [record.employeeId, record.managerId], {
      event: "sealed",
      version: agreement.versionNumber,
      link: agreementLink(agreement.caseId, agreement.id),
    });
  });
}

const day = 24 * 60 * 60_000;
/** Reminders to sign: three days after the document was ready, then weekly, three at most. */
export function reminderDue(agreement: { createdAt: Date; remindersSent: number }, now: Date) {
  if (agreement.remindersSent >= 3) return false;
  const due = agreement.createdAt.getTime() + 3 * day + agreement.remindersSent * 7 * day;
  return now.getTime() >= due;
}

/** The recurring `agreement.reminders` job: reminds whoever has not signed yet. */
export async function remindSigners(now = new Date()): Promise<number> {
  let sent = 0;
  for (const candidate of await agreementsAwaitingSignatures()) {
    if (!reminderDue(candidate, now)) continue;
    await tenantDb(candidate.organizationId).$transaction(async (tx) => {
      const { count } = await tx.agreement.updateMany({
        where: {
          id: candidate.id,
          status: "AWAITING_SIGNATURES",
          remindersSent: candidate.remindersSent,
        },
        data: { remindersSent: { increment: 1 } },
      });
      if (count !== 1) return;
      const agreement = await tx.agreement.findUniqueOrThrow({
        where: { id: candidate.id },
        include: {
          signatures: { select: { side: true } },
          case: { select: { employeeId: true, managerId: true } },
        },
      });
      const signed = new Set(agreement.signatures.map((signature) => signature.side));
      const waiting = [
        signed.has("EMPLOYEE") ? null : agreement.case.employeeId,
        signed.has("EMPLOYER") ? null : agreement.case.managerId,
      ];
      sent += await tellIds(tx, agreement.organizationId, waiting, {
        event: "reminder",
        version: agreement.versionNumber,
        link: agreementLink(agreement.caseId, agreement.id),
      });
    });
  }
  if (sent > 0) log.info("signing reminders queued", { count: sent });
  return sent;
}

/** A case's agreements for its pages, newest version first, with who signed. */
export async function agreementsOf(tdb: TenantDb, caseId: string) {
  const agreements = await tdb.agreement.findMany({
    where: { caseId },
    orderBy: [{ versionNumber: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      versionNumber: true,
      planHash: true,
      status: true,
      documentHash: true,
      createdAt: true,
      sealedAt: true,
      endedAt: true,
      declineReason: true,
      endedById: true,
      language: true,
      signatures: {
        select: { side: true, signerId: true, signedAt: true, method: true, typedName: true },
      },
    },
  });
  const newestSealed = agreements.find((agreement) => agreement.status === "SEALED");
  return agreements.map((agreement) => ({
    ...agreement,
    supersededBy:
      agreement.status === "SEALED" &&
      newestSealed &&
      newestSealed.versionNumber > agreement.versionNumber
        ? newestSealed.versionNumber
        : null,
  }));
}

/**
 * A case's agreement as a file to download: the sealed PDF once sealed, the
 * document to sign before. Only the case's parties reach it (the policy);
 * every download is audited.
 */
export async function downloadAgreement(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  agreementId: string,
  client: Client,
): Promise<Result<{ bytes: Uint8Array; fileName: string }, Refusal<"forbidden" | "not-found">>> {
  if (!can(actor, "agreement.download", partiesOf(record))) return refused("forbidden");
  const agreement = await tdb.agreement.findFirst({
    where: { id: agreementId, caseId: record.id },
  });
  if (!agreement) return refused("not-found");
  const bytes =
    agreement.status === "SEALED" && agreement.sealed ? agreement.sealed : agreement.document;
  await tdb.$transaction((tx) =>
    audit(tx, actor.userId, "agreement.downloaded", agreement.id, record, client, {
      number: agreement.versionNumber,
      sealed: agreement.status === "SEALED" ? 1 : 0,
    }),
  );
  return done({ bytes: new Uint8Array(bytes), fileName: agreementFileName(agreement) });
}
