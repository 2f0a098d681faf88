import { assignedCasesEverywhere } from "#app/modules/cross-organization.server.ts";
import { waitingFor } from "#app/modules/plans/plans.server.ts";
import { type Actor, caseRole } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { listCasePage } from "./case-list.server.ts";

/** How many cases the start page lists before "All cases" takes over. */
const shown = 5;

/**
 * What a person's start page links to, now: their own plan with the number of
 * items that wait for their answer, the cases they work on for the employer,
 * or, for a physician, the cases they are assigned to in every organisation.
 */
export async function startPageFor(tdb: TenantDb, actor: Actor) {
  if (actor.role === "PHYSICIAN") {
    const assigned = await assignedCasesEverywhere(actor.userId);
    return {
      ownPlans: [],
      cases: { total: 0, shown: [] },
      physicianCases: {
        total: assigned.length,
        shown: assigned.slice(0, shown).map((record) => ({
          id: record.id,
          employeeName: record.employee?.name ?? null,
          organizationName: record.organization.name,
        })),
      },
    };
  }
  // Only the list's first page: the start page costs the same in an organisation of any size.
  const [page, employeeIn] = await Promise.all([
    listCasePage(tdb, actor, { status: "all", q: "", after: null, before: null }),
    tdb.case.findMany({
      where: { employeeId: actor.userId },
      orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
      select: { id: true, employeeId: true, managerId: true, physicianId: true },
    }),
  ]);
  const own = employeeIn.filter((record) => caseRole(actor, record) === "EMPLOYEE");
  const others = page.cases.filter((record) => record.caseRole !== "EMPLOYEE");
  return {
    ownPlans: await Promise.all(
      own.map(async (record) => ({
        id: record.id,
        waiting: await waitingFor(tdb, record.id, "EMPLOYEE"),
      })),
    ),
    cases: {
      // Whether there are any: the page's, or up to the list's count limit.
      total: Math.max(others.length, page.total - own.length),
      shown: others.slice(0, shown).map((record) => ({
        id: record.id,
        employeeName: record.employeeName,
        invitedEmail: record.invitedEmail,
        status: record.status,
      })),
    },
    physicianCases: null,
  };
}
