import { recordAudit, redactAuditEvents } from "#app/modules/audit/audit.server.ts";
import {
  erasedPeopleNamedNowhere,
  organizationsWithClosedCases,
} from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";
import { caseRetentionMonths, deletionDate, retentionWarningDays } from "./retention.ts";

/**
 * The retention job: closed cases go when their organisation's period has
 * passed (HR and owners are told 30 days before), and so do the accounts of
 * people who erased theirs once no kept case names them any more. Everything
 * goes with the case (plan, versions, notes, agreements, check-ins: they
 * cascade); the trail keeps hash-only stubs of what was about it.
 */
const batch = 200;
const dayMs = 24 * 60 * 60_000;

export async function applyRetention(now: Date): Promise<{ deleted: number; warned: number }> {
  let deleted = 0;
  let warned = 0;
  for (const organization of await organizationsWithClosedCases()) {
    const months = caseRetentionMonths(organization);
    // Closed before this day: due for deletion, or for the warning 30 days before.
    const closedBefore = deletionDate(
      new Date(now.getTime() + retentionWarningDays * dayMs),
      -months,
    );
    const cases = await tenantDb(organization.id).case.findMany({
      where: { status: "CLOSED", closedAt: { lt: closedBefore } },
      orderBy: { closedAt: "asc" },
      take: batch,
      select: { id: true, closedAt: true, retentionWarnedAt: true },
    });
    const toWarn: string[] = [];
    for (const candidate of cases) {
      if (!candidate.closedAt) continue;
      if (deletionDate(candidate.closedAt, months) <= now) {
        if (await deleteCase(organization.id, candidate.id, candidate.closedAt)) deleted += 1;
      } else if (candidate.retentionWarnedAt === null) toWarn.push(candidate.id);
    }
    if (toWarn.length > 0) warned += await warn(organization.id, toWarn, now);
  }
  const people = await forgetErasedPeople();
  if (deleted + warned + people > 0) log.info("retention applied", { deleted, warned, people });
  return { deleted, warned };
}

async function deleteCase(organizationId: string, caseId: string, closedAt: Date) {
  return tenantDb(organizationId).$transaction(async (tx) => {
    // Still closed, and closed as long ago as the candidate said: a case reopened meanwhile stays.
    const record = await tx.case.findFirst({
      where: { id: caseId, status: "CLOSED", closedAt },
      select: {
        id: true,
        items: { select: { id: true } },
        versions: { select: { id: true } },
        agreements: { select: { id: true } },
      },
    });
    if (!record) return false;
    await redactAuditEvents(tx, {
      targetIds: [
        record.id,
        ...record.items.map((item) => item.id),
        ...record.versions.map((version) => version.id),
        ...record.agreements.map((agreement) => agreement.id),
      ],
    });
    await tx.case.delete({ where: { id: record.id } });
    await recordAudit(tx, {
      organizationId,
      action: "retention.case_deleted",
      data: { closedOn: closedAt.toISOString().slice(0, 10) },
    });
    return true;
  });
}

/** One e-mail per HR member and owner: how many closed cases go, and from which day. */
async function warn(organizationId: string, caseIds: string[], now: Date): Promise<number> {
  return tenantDb(organizationId).$transaction(async (tx: TenantTx) => {
    const { count } = await tx.case.updateMany({
      where: { id: { in: caseIds }, retentionWarnedAt: null },
      data: { retentionWarnedAt: now },
    });
    if (count === 0) return 0;
    const organization = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, language: true, country: true, caseRetentionMonths: true },
    });
    const first = await tx.case.findFirstOrThrow({
      where: { id: { in: caseIds } },
      orderBy: { closedAt: "asc" },
      select: { closedAt: true },
    });
    const from = deletionDate(first.closedAt ?? now, caseRetentionMonths(organization));
    const people = await tx.membership.findMany({
      where: { role: { in: ["OWNER", "HR"] } },
      select: { user: { select: { email: true, name: true, language: true } } },
    });
    for (const { user } of people) {
      await enqueue(
        tx,
        "email",
        {
          template: "retention",
          to: user.email,
          language: user.language,
          props: {
            name: user.name,
            organizationName: organization.name,
            cases: count,
            deletedFrom: from.toISOString().slice(0, 10),
            link: `${env().APP_URL}/privacy`,
          },
        },
        { organizationId },
      );
    }
    return people.length;
  });
}

/** Deletes erased accounts no kept case names any more; the trail keeps stubs of their events. */
async function forgetErasedPeople(): Promise<number> {
  let forgotten = 0;
  for (const person of await erasedPeopleNamedNowhere(batch)) {
    await db.$transaction(async (tx) => {
      await redactAuditEvents(tx, { actorOrTarget: person.id });
      await tx.user.delete({ where: { id: person.id } });
    });
    forgotten += 1;
  }
  return forgotten;
}
