import { accountChain, recordAudit, redactAuditEvents } from "#app/modules/audit/audit.server.ts";
import { generateToken, hashToken } from "#app/modules/auth/tokens.ts";
import { casesNaming, membershipsOf } from "#app/modules/cross-organization.server.ts";
import { db } from "#app/modules/db.server.ts";
import { contentHash } from "#app/modules/hash.ts";
import { countOwners } from "#app/modules/organizations/organizations.server.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { caseRetentionMonths, deletionDate } from "./retention.ts";

/**
 * Erasing an account (GDPR article 17). What only the person needed goes at
 * once; what the organisation must keep (the re-integration dossier, and the
 * signed agreements in it) stays for the organisation's retention period and
 * is then deleted by the retention job, reduced meanwhile to the minimum. The
 * request and its outcome are kept without the person's name or address
 * (only a hash of it, to confirm the request if they ask again).
 */

/** What goes at once, counted. */
export type Removed = {
  privateNotes: number;
  preparations: number;
  privateCheckIns: number;
  passports: number;
  calendarFeeds: number;
  dataExports: number;
  sessions: number;
};

/** A case that names the person and stays: where, in which part, until when (null while it is open). */
export type Kept = {
  organization: string;
  part: "employee" | "manager" | "physician" | "opener";
  open: boolean;
  /** YYYY-MM-DD; null while the case is open (then: the period after it closes). */
  until: string | null;
  months: number;
  sealedAgreements: number;
};

export type ErasureOutcome = { removed: Removed; kept: Kept[] };

type Memberships = Awaited<ReturnType<typeof membershipsOf>>;
type NamingCases = Awaited<ReturnType<typeof casesNaming>>;

/** The organisations in which the person is the only owner: they must hand it over or delete it first. */
async function organizationsOnlyOwnedBy(memberships: Memberships): Promise<string[]> {
  const names: string[] = [];
  for (const { role, organization } of memberships) {
    if (role === "OWNER" && (await countOwners(tenantDb(organization.id))) === 1)
      names.push(organization.name);
  }
  return names;
}

/** What erasing would keep, and why: shown before the person confirms, and again after. */
function keptAfterErasure(cases: NamingCases, userId: string): Kept[] {
  return cases.map((record) => {
    const months = caseRetentionMonths(record.organization);
    const open = record.status !== "CLOSED" || record.closedAt === null;
    return {
      organization: record.organization.name,
      part: partOf(record, userId),
      open,
      until:
        open || !record.closedAt
          ? null
          : deletionDate(record.closedAt, months).toISOString().slice(0, 10),
      months,
      sealedAgreements: record.employeeId === userId ? record.agreements.length : 0,
    };
  });
}

/** The case was found by one of its four people: which one this person is. */
function partOf(
  record: { employeeId: string | null; managerId: string; physicianId: string | null },
  userId: string,
): Kept["part"] {
  if (record.employeeId === userId) return "employee";
  if (record.managerId === userId) return "manager";
  if (record.physicianId === userId) return "physician";
  return "opener";
}

export async function erasurePreview(userId: string) {
  const [memberships, cases] = await Promise.all([membershipsOf(userId), casesNaming(userId)]);
  return {
    soleOwnerOf: await organizationsOnlyOwnedBy(memberships),
    kept: keptAfterErasure(cases, userId),
  };
}

export async function eraseAccount(
  userId: string,
): Promise<Result<{ receipt: string }, Refusal<"soleOwner"> & { organizations: string[] }>> {
  const [memberships, cases] = await Promise.all([membershipsOf(userId), casesNaming(userId)]);
  const soleOwnerOf = await organizationsOnlyOwnedBy(memberships);
  if (soleOwnerOf.length > 0) return refused("soleOwner", { organizations: soleOwnerOf });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const kept = keptAfterErasure(cases, userId);

  const removed: Removed = {
    privateNotes: 0,
    preparations: 0,
    privateCheckIns: 0,
    passports: 0,
    calendarFeeds: 0,
    dataExports: 0,
    sessions: 0,
  };
  // Each organisation's part through its own door. Repeating this is harmless,
  // so a failure halfway is finished by asking again.
  const organizationIds = new Set([
    ...memberships.map((membership) => membership.organization.id),
    ...cases.map((record) => record.organizationId),
  ]);
  for (const organizationId of organizationIds) {
    await tenantDb(organizationId).$transaction(async (tx) => {
      removed.privateNotes += (
        await tx.privateNote.deleteMany({ where: { authorId: userId } })
      ).count;
      removed.preparations += (
        await tx.conversationPreparation.deleteMany({ where: { employeeId: userId } })
      ).count;
      removed.privateCheckIns += (
        await tx.checkIn.deleteMany({ where: { authorId: userId, sharing: "PRIVATE" } })
      ).count;
      removed.passports += (
        await tx.adjustmentPassport.deleteMany({ where: { employeeId: userId } })
      ).count;
      removed.calendarFeeds += (await tx.calendarFeed.deleteMany({ where: { userId } })).count;
      // A signed agreement the organisation keeps: the sealed PDF and who signed
      // when stay (they are the agreement); where from and with what browser go.
      await tx.agreementSignature.updateMany({
        where: { signerId: userId },
        data: { ipAddress: "", userAgent: "", drawing: null },
      });
      await tx.membership.deleteMany({ where: { userId } });
    });
  }

  const receipt = generateToken();
  await db.$transaction(async (tx) => {
    removed.sessions = (await tx.session.deleteMany({ where: { userId } })).count;
    // A copy of everything: it must not outlive the erasure by its 7 days.
    removed.dataExports = (await tx.dataExport.deleteMany({ where: { userId } })).count;
    await tx.oneTimeToken.deleteMany({ where: { userId } });
    // The authenticator's secret and the recovery codes: nobody signs in as them again.
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.pendingSignIn.deleteMany({ where: { userId } });
    await tx.reminderPreference.deleteMany({ where: { userId } });
    // The name stays while a kept case shows it; the address is freed, and
    // without it and a password nobody can sign in as this person.
    await tx.user.update({
      where: { id: userId },
      data: {
        email: `erased-${userId}@erased.invalid`,
        passwordHash: null,
        emailVerifiedAt: null,
        erasedAt: new Date(),
      },
    });
    // Everything the trail says the person did or was done to them (with the
    // address and browser each event carries) is reduced to when and what.
    await redactAuditEvents(tx, { actorOrTarget: userId });
    const request = await tx.erasureRequest.create({
      data: {
        userId,
        emailHash: contentHash(user.email),
        outcome: { removed, kept } satisfies ErasureOutcome,
        receiptHash: hashToken(receipt),
      },
    });
    await recordAudit(tx, {
      chain: accountChain,
      action: "privacy.account_erased",
      targetType: "ErasureRequest",
      targetId: request.id,
    });
  });
  return done({ receipt });
}

/** The outcome for the browser that asked, by the receipt it holds for an hour after. */
export async function erasureReceipt(receipt: string): Promise<ErasureOutcome | null> {
  const request = await db.erasureRequest.findUnique({
    where: { receiptHash: hashToken(receipt) },
  });
  if (!request || Date.now() - request.requestedAt.getTime() > receiptLifetimeMs) return null;
  return request.outcome as ErasureOutcome;
}

export const receiptLifetimeMs = 60 * 60_000;
