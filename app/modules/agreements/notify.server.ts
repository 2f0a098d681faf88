import type { PlanSide } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import { env } from "#app/modules/env.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import type { TenantTx } from "#app/modules/tenant.server.ts";

/**
 * E-mails and audit events about agreements, and voiding the agreements a
 * change to the plan makes stale: what plans.server.ts calls in the
 * transaction of every change, without depending on the rest of signing.
 */
export function agreementLink(caseId: string, agreementId: string) {
  return `${env().APP_URL}/cases/${caseId}/agreements/${agreementId}`;
}

type Tell = {
  event: "ready" | "signed-by-other" | "declined" | "void" | "sealed" | "reminder";
  version: number;
  link: string;
};

/** E-mails the person on each side: the employee, and the case's manager for the employer. */
export async function tell(tx: TenantTx, record: CaseRecord, sides: PlanSide[], message: Tell) {
  const ids = sides.map((side) => (side === "EMPLOYEE" ? record.employeeId : record.managerId));
  await tellIds(tx, record.organizationId, ids, message);
}

export async function tellIds(
  tx: TenantTx,
  organizationId: string,
  ids: Array<string | null>,
  message: Tell,
): Promise<number> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return 0;
  const people = await tx.user.findMany({
    where: { id: { in: wanted } },
    select: { email: true, name: true, language: true },
  });
  for (const person of people) {
    await enqueue(
      tx,
      "email",
      {
        template: "agreement",
        to: person.email,
        language: person.language,
        props: { name: person.name, ...message },
      },
      { organizationId },
    );
  }
  return people.length;
}

export async function audit(
  tx: TenantTx,
  actorId: string,
  action:
    | "agreement.prepared"
    | "agreement.signed"
    | "agreement.declined"
    | "agreement.voided"
    | "agreement.downloaded",
  agreementId: string,
  record: CaseRecord,
  client: Client,
  data: Record<string, string | number>,
) {
  await recordAudit(tx, {
    organizationId: record.organizationId,
    actorId,
    action,
    targetType: "Agreement",
    targetId: agreementId,
    data: { caseId: record.id, ...data },
    ...client,
  });
}

/**
 * The plan changed: an agreement still waiting for signatures no longer says
 * what the plan says, so it becomes void and both sides are told. Called in
 * the transaction of every change to a plan (plans.server.ts).
 */
export async function voidWaitingAgreements(
  tx: TenantTx,
  record: CaseRecord,
  actorId: string,
  client: Client,
): Promise<void> {
  const waiting = await tx.agreement.findMany({
    where: { caseId: record.id, status: "AWAITING_SIGNATURES" },
    select: { id: true, versionNumber: true },
  });
  for (const agreement of waiting) {
    await tx.agreement.update({
      where: { id: agreement.id },
      data: { status: "VOID", endedById: actorId, endedAt: new Date() },
    });
    await audit(tx, actorId, "agreement.voided", agreement.id, record, client, {
      number: agreement.versionNumber,
    });
    await tell(tx, record, ["EMPLOYEE", "EMPLOYER"], {
      event: "void",
      version: agreement.versionNumber,
      link: agreementLink(record.id, agreement.id),
    });
  }
}
