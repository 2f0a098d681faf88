import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import { dueDigests } from "#app/modules/cross-organization.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { type TenantTx, tenantDb } from "#app/modules/tenant.server.ts";
import type { Side } from "./agreement.ts";

/**
 * E-mails about a plan. Changes wait in a digest per person and case, so that
 * a burst of edits becomes one message ten minutes after the last change (at
 * most an hour after the first); the recurring `plan.digests` job sends them.
 * An agreed plan is announced at once. Each e-mail is queued as a job and
 * rendered by the worker, never in the plan's transaction. The messages never
 * quote the plan.
 */
const quietMs = 10 * 60 * 1000;
const longestWaitMs = 60 * 60 * 1000;

function caseLink(caseId: string) {
  return `${env().APP_URL}/cases/${caseId}`;
}

function recipientOf(record: CaseRecord, side: Side): string | null {
  return side === "EMPLOYEE" ? record.employeeId : record.managerId;
}

/** Counts one more change waiting for a side's person in this case. */
export async function noteChangeFor(
  tx: TenantTx,
  record: CaseRecord,
  side: Side,
  now = new Date(),
): Promise<void> {
  const recipientId = recipientOf(record, side);
  if (!recipientId) return; // The employee has not joined yet.
  const pending = await tx.planDigest.findFirst({
    where: { caseId: record.id, recipientId, sentAt: null },
  });
  if (!pending) {
    await tx.planDigest.create({
      data: {
        organizationId: record.organizationId,
        caseId: record.id,
        recipientId,
        changes: 1,
        firstChangeAt: now,
        dueAt: new Date(now.getTime() + quietMs),
      },
    });
    return;
  }
  const latestDue = pending.firstChangeAt.getTime() + longestWaitMs;
  await tx.planDigest.update({
    where: { id: pending.id },
    data: {
      changes: { increment: 1 },
      dueAt: new Date(Math.min(now.getTime() + quietMs, latestDue)),
    },
  });
}

export async function sendPlanAgreed(
  tx: TenantTx,
  record: CaseRecord,
  version: number,
): Promise<void> {
  const employeeName = record.employee?.name ?? "";
  const people = await tx.user.findMany({
    where: {
      id: { in: [record.employeeId, record.managerId].filter((id): id is string => Boolean(id)) },
    },
  });
  for (const person of people) {
    await enqueue(
      tx,
      "email",
      {
        template: "plan-agreed",
        to: person.email,
        language: person.language,
        props: {
          name: person.name,
          employeeName: person.id === record.employeeId ? "" : employeeName,
          version,
          link: caseLink(record.id),
        },
      },
      { organizationId: record.organizationId },
    );
  }
}

/**
 * The recurring `plan.digests` job: turns due digests into e-mail jobs.
 * Finding them crosses organisations (cross-organization.server.ts); each is
 * then queued inside its own organisation, and claimed once, even with
 * several server processes.
 */
export async function sendDueDigests(now = new Date()): Promise<number> {
  let sent = 0;
  for (const due of await dueDigests(now, 50)) {
    await tenantDb(due.organizationId).$transaction(async (tx) => {
      const { count } = await tx.planDigest.updateMany({
        where: { id: due.id, sentAt: null },
        data: { sentAt: now },
      });
      if (count !== 1) return;
      const digest = await tx.planDigest.findUniqueOrThrow({
        where: { id: due.id },
        include: { case: { select: { employeeId: true, employee: { select: { name: true } } } } },
      });
      const person = await tx.user.findUnique({ where: { id: digest.recipientId } });
      if (!person) return;
      await enqueue(
        tx,
        "email",
        {
          template: "plan-changes",
          to: person.email,
          language: person.language,
          props: {
            name: person.name,
            employeeName:
              person.id === digest.case.employeeId ? "" : (digest.case.employee?.name ?? ""),
            changes: digest.changes,
            link: caseLink(digest.caseId),
          },
        },
        { organizationId: digest.organizationId },
      );
      sent += 1;
    });
  }
  if (sent > 0) log.info("plan digests queued", { count: sent });
  return sent;
}
