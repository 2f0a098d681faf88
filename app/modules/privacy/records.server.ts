import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { billingMode } from "#app/modules/billing/stripe.server.ts";
import { env } from "#app/modules/env.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import {
  caseRetentionBounds,
  caseRetentionMonths,
  defaultCaseRetentionMonths,
  deletionDate,
  processingRecords,
  subProcessors,
} from "./retention.ts";

/**
 * The records of processing for an organisation (GDPR article 30), built from
 * the same configuration the retention job reads, with the organisation's own
 * period and the closed cases that go next.
 */
export async function recordsOfProcessing(tdb: TenantDb, actor: Actor) {
  if (!can(actor, "privacy.view")) return null;
  const organization = await tdb.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: { name: true, country: true, caseRetentionMonths: true },
  });
  const months = caseRetentionMonths(organization);
  const closed = await tdb.case.findMany({
    where: { status: "CLOSED", closedAt: { not: null } },
    orderBy: { closedAt: "asc" },
    take: 50,
    select: { id: true, closedAt: true, employee: { select: { name: true } } },
  });
  return {
    organization: organization.name,
    country: organization.country,
    months,
    defaultMonths: defaultCaseRetentionMonths[organization.country],
    bounds: caseRetentionBounds,
    mayChange: can(actor, "privacy.manage"),
    records: processingRecords,
    jobRetentionDays: env().JOB_RETENTION_DAYS,
    processors: subProcessors.map((processor) => ({
      id: processor.id,
      inUse:
        processor.id === "hosting" ||
        (processor.id === "resend" && Boolean(env().RESEND_API_KEY)) ||
        (processor.id === "stripe" && billingMode() === "stripe"),
    })),
    nextDeletions: closed.map((record) => ({
      caseId: record.id,
      employeeName: record.employee?.name ?? null,
      closedOn: (record.closedAt as Date).toISOString().slice(0, 10),
      deletedOn: deletionDate(record.closedAt as Date, months)
        .toISOString()
        .slice(0, 10),
    })),
  };
}

export async function setCaseRetention(
  tdb: TenantDb,
  actor: Actor,
  months: number,
): Promise<Result<undefined, Refusal<"forbidden">>> {
  if (!can(actor, "privacy.manage")) return refused("forbidden");
  const current = await tdb.organization.findUniqueOrThrow({
    where: { id: tdb.organizationId },
    select: { caseRetentionMonths: true },
  });
  if (current.caseRetentionMonths === months) return done();
  await tdb.$transaction(async (tx) => {
    await tx.organization.update({
      where: { id: tdb.organizationId },
      data: { caseRetentionMonths: months },
    });
    // Every closed case's deletion day moved: each is warned 30 days before its new one.
    await tx.case.updateMany({ where: { status: "CLOSED" }, data: { retentionWarnedAt: null } });
    await recordAudit(tx, {
      organizationId: tdb.organizationId,
      actorId: actor.userId,
      action: "retention.period_changed",
      data: { months },
    });
  });
  return done();
}
