import type { ConsentScope } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb, TenantTx } from "#app/modules/tenant.server.ts";
import { type CaseRecord, partiesOf } from "./cases.server.ts";

/**
 * The employee's explicit choices to share: their notes with the physician,
 * and the physician's capacities advice with the employer. Each grant and
 * withdrawal is a row (scope, time) and an audit event in a chain of the
 * case's own, which the employer side's audit page does not show: that a
 * person shares notes with their physician is itself nobody else's business.
 */
export type ConsentState = Record<ConsentScope, boolean>;

export function consentChain(caseId: string) {
  return `consent:${caseId}`;
}

export async function consentState(tdb: TenantDb, caseId: string): Promise<ConsentState> {
  return consentStateOf(
    await tdb.consent.findMany({ where: { caseId, withdrawnAt: null }, select: { scope: true } }),
  );
}

/** consentState, from the consents in force already read. */
export function consentStateOf(active: Array<{ scope: ConsentScope }>): ConsentState {
  const scopes = new Set(active.map((consent) => consent.scope));
  return {
    NOTES_TO_PHYSICIAN: scopes.has("NOTES_TO_PHYSICIAN"),
    CAPACITIES_TO_EMPLOYER: scopes.has("CAPACITIES_TO_EMPLOYER"),
  };
}

/** Every grant and withdrawal, newest first: what the employee chose, and when. */
export async function consentHistory(tdb: TenantDb, actor: Actor, record: CaseRecord) {
  if (!can(actor, "consent.manage", partiesOf(record))) return null;
  return tdb.consent.findMany({
    where: { caseId: record.id },
    orderBy: { grantedAt: "desc" },
    select: { id: true, scope: true, grantedAt: true, withdrawnAt: true },
  });
}

export async function setConsent(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  scope: ConsentScope,
  granted: boolean,
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden">>> {
  if (!can(actor, "consent.manage", partiesOf(record))) return refused("forbidden");
  await tdb.$transaction((tx) => setConsentIn(tx, actor, record, scope, granted, client));
  return done();
}

/**
 * Grants or withdraws inside a transaction the caller opened through the
 * tenant door (after asking the policy), so the choice commits together with
 * what it belongs to. Granting what is granted changes nothing.
 */
export async function setConsentIn(
  tx: TenantTx,
  actor: Actor,
  record: CaseRecord,
  scope: ConsentScope,
  granted: boolean,
  client: Client,
): Promise<void> {
  const active = await tx.consent.findFirst({
    where: { caseId: record.id, scope, withdrawnAt: null },
  });
  if (granted === Boolean(active)) return;
  if (granted) {
    await tx.consent.create({
      data: {
        organizationId: actor.organizationId,
        caseId: record.id,
        employeeId: actor.userId,
        scope,
      },
    });
  } else if (active) {
    await tx.consent.update({ where: { id: active.id }, data: { withdrawnAt: new Date() } });
  }
  await recordAudit(tx, {
    chain: consentChain(record.id),
    organizationId: null,
    actorId: actor.userId,
    action: granted ? "consent.granted" : "consent.withdrawn",
    targetType: "Case",
    targetId: record.id,
    data: { scope },
    ...client,
  });
}
