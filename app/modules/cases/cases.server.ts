import type {
  CaseKind,
  CaseStartKind,
  CaseStatus,
  ClosingCategory,
  Country,
} from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { type Client, normaliseEmail } from "#app/modules/auth/accounts.server.ts";
import { standingFor } from "#app/modules/billing/billing.server.ts";
import { queueSeatCheck } from "#app/modules/billing/seats.server.ts";
import { createInvitation } from "#app/modules/organizations/invitations.server.ts";
import {
  type Actor,
  billingAllows,
  type CaseParties,
  can,
  rolesForPart,
} from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * Return-to-work cases: who takes part, whose rules apply, where things stand.
 * The plan of a case lives in app/modules/plans.
 */

const parties = {
  employee: { select: { id: true, name: true, email: true, erasedAt: true } },
  manager: { select: { id: true, name: true } },
  physician: { select: { id: true, name: true } },
} as const;

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function findCase(tdb: TenantDb, caseId: string) {
  const found = await tdb.case.findUnique({
    where: { id: caseId },
    include: {
      ...parties,
      invitations: {
        where: { acceptedAt: null, revokedAt: null },
        select: { email: true, expiresAt: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!found) return null;
  const { invitations, ...rest } = found;
  return { ...rest, invitedEmail: found.employee ? null : (invitations[0]?.email ?? null) };
}

export function partiesOf(record: {
  employeeId: string | null;
  managerId: string;
  physicianId: string | null;
}): CaseParties {
  return {
    employeeId: record.employeeId,
    managerId: record.managerId,
    physicianId: record.physicianId,
  };
}

/**
 * The people a case form can choose from: the members whose organisation role
 * may take each part (the policy's `rolesForPart`). The employee of a case is
 * never offered as its manager.
 */
export async function caseCandidates(tdb: TenantDb, existing?: { employeeId: string | null }) {
  const members = await tdb.membership.findMany({
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  const taking = (part: keyof typeof rolesForPart) =>
    members
      .filter((member) => rolesForPart[part].includes(member.role))
      .map((member) => member.user);
  return {
    employees: taking("EMPLOYEE"),
    managers: taking("MANAGER").filter((person) => person.id !== existing?.employeeId),
    physicians: taking("PHYSICIAN"),
  };
}

export type OpenCaseInput = {
  kind: CaseKind;
  country: Country;
  employeeId?: string;
  employeeEmail?: string;
  managerId: string;
  physicianId?: string;
  startKind: CaseStartKind;
  startDate?: string;
  department?: string;
};

/** A field of a case form that is not acceptable, with the message (a translation key) to show next to it. */
export type InvalidField = { reason: "invalid"; field: string; message: string };
const invalid = (field: string, message: string) => refused("invalid", { field, message });

export type OpenCaseResult = Result<
  { caseId: string; invited: boolean },
  Refusal<"forbidden" | "not-paying"> | InvalidField
>;

/**
 * Opens a case for an existing member, or for someone invited by e-mail from
 * the same form (they become the case's employee when they join).
 */
export async function openCase(
  tdb: TenantDb,
  actor: Actor & { name: string },
  input: OpenCaseInput,
  client: Client,
): Promise<OpenCaseResult> {
  if (!can(actor, "cases.open")) return refused("forbidden");
  if (!billingAllows("cases.open", await standingFor(tdb))) return refused("not-paying");
  const candidates = await caseCandidates(tdb);
  const isIn = (list: Array<{ id: string }>, id: string | undefined) =>
    Boolean(id && list.some((p) => p.id === id));
  if (!isIn(candidates.managers, input.managerId)) {
    return invalid("managerId", "cases:errors.notAManager");
  }
  if (input.physicianId && !isIn(candidates.physicians, input.physicianId)) {
    return invalid("physicianId", "cases:errors.notAPhysician");
  }
  // A manager opens cases for the people they manage, with themselves responsible.
  if (actor.role === "MANAGER" && input.managerId !== actor.userId) {
    return invalid("managerId", "cases:errors.managerSelf");
  }

  let employeeId: string | null = null;
  let inviteEmail: string | null = null;
  if (input.employeeId) {
    if (!isIn(candidates.employees, input.employeeId)) {
      return invalid("employeeId", "validation.choose");
    }
    employeeId = input.employeeId;
  } else if (input.employeeEmail) {
    const email = normaliseEmail(input.employeeEmail);
    const member = candidates.employees.find((person) => person.email === email);
    if (member) employeeId = member.id;
    // A member whose role takes no employee's part (the physician) is not invited as one either.
    else if (await tdb.membership.findFirst({ where: { user: { email } }, select: { id: true } })) {
      return invalid("employeeEmail", "cases:errors.cannotBeEmployee");
    } else if (!actor.emailVerified) {
      return invalid("employeeEmail", "auth:members.verifyFirst");
    } else inviteEmail = email;
  } else {
    return invalid("employeeId", "cases:errors.employeeRequired");
  }
  if (employeeId && employeeId === input.managerId) {
    return invalid("managerId", "cases:errors.managerIsEmployee");
  }

  const caseId = await tdb.$transaction(async (tx) => {
    const created = await tx.case.create({
      data: {
        organizationId: actor.organizationId,
        kind: input.kind,
        country: input.country,
        employeeId,
        managerId: input.managerId,
        physicianId: input.physicianId ?? null,
        openedById: actor.userId,
        startKind: input.startKind,
        startDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
        department: input.department ?? null,
        statusChanges: { create: { fromStatus: null, toStatus: "PREPARING" } },
      },
    });
    if (inviteEmail) {
      await createInvitation(
        tx,
        actor,
        { email: inviteEmail, role: "EMPLOYEE", caseId: created.id },
        client,
      );
    }
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "case.opened",
      targetType: "Case",
      targetId: created.id,
      data: { kind: input.kind },
      ...client,
    });
    await queueSeatCheck(tx);
    return created.id;
  });
  return done({ caseId, invited: inviteEmail !== null });
}

export type CaseUpdate = {
  status: CaseStatus;
  closedCategory?: ClosingCategory;
  closedReason?: string;
  country: Country;
  managerId: string;
  physicianId?: string;
  startKind: CaseStartKind;
  startDate?: string;
  department?: string;
};

export async function updateCase(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: CaseUpdate,
  client: Client,
): Promise<Result<undefined, Refusal<"forbidden"> | InvalidField>> {
  if (!can(actor, "case.manage", partiesOf(record))) return refused("forbidden");
  if (input.managerId === record.employeeId) {
    return invalid("managerId", "cases:errors.managerIsEmployee");
  }
  const candidates = await caseCandidates(tdb, record);
  if (!candidates.managers.some((person) => person.id === input.managerId)) {
    return invalid("managerId", "cases:errors.notAManager");
  }
  if (
    input.physicianId &&
    !candidates.physicians.some((person) => person.id === input.physicianId)
  ) {
    return invalid("physicianId", "cases:errors.notAPhysician");
  }
  if (input.status === "CLOSED" && !input.closedCategory) {
    return invalid("closedCategory", "cases:errors.closedCategory");
  }
  await tdb.$transaction(async (tx) => {
    await tx.case.update({
      where: { id: record.id },
      data: {
        status: input.status,
        closedCategory: input.status === "CLOSED" ? input.closedCategory : null,
        closedReason: input.status === "CLOSED" ? (input.closedReason ?? null) : null,
        // Editing a closed case keeps its closing day: the retention period counts from it.
        closedAt: input.status === "CLOSED" ? (record.closedAt ?? new Date()) : null,
        ...(record.status === input.status
          ? {}
          : { statusChanges: { create: { fromStatus: record.status, toStatus: input.status } } }),
        country: input.country,
        managerId: input.managerId,
        physicianId: input.physicianId ?? null,
        startKind: input.startKind,
        startDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
        department: input.department ?? null,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "case.updated",
      targetType: "Case",
      targetId: record.id,
      data: { status: input.status },
      ...client,
    });
    // Closing or reopening changes the active cases an organisation pays for.
    if ((record.status === "CLOSED") !== (input.status === "CLOSED")) await queueSeatCheck(tx);
  });
  return done();
}

/**
 * The departments the organisation's cases name, for the case forms' list of
 * suggestions and the insights' filter: each spelling once, in alphabetical order.
 */
export async function departmentsOf(tdb: TenantDb): Promise<string[]> {
  const rows = await tdb.case.findMany({
    where: { department: { not: null } },
    distinct: ["department"],
    select: { department: true },
  });
  return rows
    .flatMap((row) => (row.department ? [row.department] : []))
    .sort((a, b) => a.localeCompare(b));
}

/** Names for the audit page: whose case an event is about. Only ids the organisation owns. */
export async function employeeNamesOfCases(tdb: TenantDb, caseIds: string[]) {
  const cases = await tdb.case.findMany({
    where: { id: { in: caseIds } },
    select: { id: true, employee: { select: { name: true } } },
  });
  return new Map(cases.map((record) => [record.id, record.employee?.name ?? null]));
}
