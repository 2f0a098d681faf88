import { strToU8, type Zippable, zipSync } from "fflate";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * The organisation's export, for owners (before deleting it, or to keep): one
 * ZIP with JSON of what belongs to the organisation as an employer, and the
 * sealed agreement PDFs. Downloading it is audited and remembered
 * (`Organization.lastExportAt`): deletion can be scheduled within a day of it
 * (deletion.server.ts).
 *
 * What is in it is what the employer side reads in Werkpad anyway: members,
 * cases (who takes part, status and its history, the statutory timeline's
 * absences, steps and deadlines done), the agreed plan versions, the
 * agreements' metadata (who signed, when, how; no IP address or drawn
 * signature) and their sealed PDFs. What belongs to the employee or the
 * physician never goes in, whatever their consent: private notes, medical
 * notes and their revisions, the physician's advice, check-ins, conversation
 * notes, topics and preparations, adjustment passports, and drafts of the
 * plan that were never agreed. Nor does the audit trail, which stays in
 * Werkpad (docs/decisions/0029).
 */
export const exportFormat = "werkpad.organization-export.v1";

export const notInExport = [
  "private notes of employees",
  "medical notes of physicians, and their earlier versions",
  "the physician's advice",
  "check-ins",
  "conversation notes, topics and preparations",
  "adjustment passports",
  "plan items that were never agreed",
  "the audit trail",
] as const;

type ExportFile = { bytes: Uint8Array; fileName: string };

export async function organizationExport(
  tdb: TenantDb,
  actor: Actor,
  client: Client,
  now = new Date(),
): Promise<Result<ExportFile, Refusal<"forbidden">>> {
  if (!can(actor, "organization.export")) return refused("forbidden");
  const organization = await tdb.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: {
      id: true,
      name: true,
      country: true,
      language: true,
      createdAt: true,
      trialEndsAt: true,
    },
  });
  const person = { select: { id: true, name: true, email: true } } as const;
  const [members, cases, versions, agreements] = await Promise.all([
    tdb.membership.findMany({
      orderBy: { createdAt: "asc" },
      select: { role: true, createdAt: true, user: person },
    }),
    tdb.case.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        country: true,
        status: true,
        closedReason: true,
        closedAt: true,
        startKind: true,
        startDate: true,
        createdAt: true,
        employee: person,
        manager: person,
        physician: person,
        openedBy: person,
        statusChanges: {
          orderBy: { at: "asc" },
          select: { fromStatus: true, toStatus: true, at: true },
        },
        absences: { orderBy: { startsOn: "asc" }, select: { startsOn: true, endsOn: true } },
        events: { orderBy: { on: "asc" }, select: { event: true, on: true } },
        deadlinesDone: { select: { ruleId: true, occurrence: true, doneOn: true } },
      },
    }),
    tdb.planVersion.findMany({
      orderBy: [{ caseId: "asc" }, { number: "asc" }],
      select: { caseId: true, number: true, agreedAt: true, contentHash: true, snapshot: true },
    }),
    tdb.agreement.findMany({
      orderBy: [{ caseId: "asc" }, { versionNumber: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        caseId: true,
        versionNumber: true,
        status: true,
        language: true,
        planHash: true,
        documentHash: true,
        sealedHash: true,
        amendsId: true,
        createdAt: true,
        sealedAt: true,
        endedAt: true,
        sealed: true,
        signatures: {
          orderBy: { signedAt: "asc" },
          select: { side: true, signerId: true, method: true, signedAt: true, documentHash: true },
        },
      },
    }),
  ]);

  const names = new Map(members.map(({ user }) => [user.id, user.name]));
  const pdfs: Zippable = {};
  const agreementRows = agreements.map(({ sealed, signatures, ...agreement }) => {
    const file = sealed
      ? `agreements/${agreement.caseId}/version-${agreement.versionNumber}-${agreement.id}.pdf`
      : null;
    // Already compressed: stored as it is.
    if (file && sealed) pdfs[file] = [new Uint8Array(sealed), { level: 0 }];
    return {
      ...agreement,
      signatures: signatures.map(({ signerId, ...signature }) => ({
        ...signature,
        signerId,
        signerName: names.get(signerId) ?? null,
      })),
      file,
    };
  });
  const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
  const files: Zippable = {
    "organization.json": json({
      format: exportFormat,
      exportedAt: now.toISOString(),
      organization,
      counts: {
        members: members.length,
        cases: cases.length,
        planVersions: versions.length,
        agreements: agreements.length,
        sealedAgreements: Object.keys(pdfs).length,
      },
      notIncluded: notInExport,
    }),
    "members.json": json(
      members.map(({ role, createdAt, user }) => ({ ...user, role, memberSince: createdAt })),
    ),
    "cases.json": json(cases),
    "plan-versions.json": json(versions),
    "agreements.json": json(agreementRows),
    ...pdfs,
  };
  const bytes = zipSync(files, { level: 6, mtime: now });

  await tdb.$transaction(async (tx) => {
    await tx.organization.update({
      where: { id: tdb.organizationId },
      data: { lastExportAt: now },
    });
    await recordAudit(tx, {
      organizationId: tdb.organizationId,
      actorId: actor.userId,
      action: "organization.exported",
      targetType: "Organization",
      targetId: tdb.organizationId,
      data: { cases: cases.length, sealedAgreements: Object.keys(pdfs).length },
      ...client,
    });
  });
  const slug =
    organization.name
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .toLowerCase()
      .slice(0, 60) || "organisation";
  return done({ bytes, fileName: `werkpad-${slug}-${isoDay(0, now)}.zip` });
}

/** The export as a download: never cached, never sniffed as anything but a ZIP. */
export function zipResponse({ bytes, fileName }: ExportFile): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
