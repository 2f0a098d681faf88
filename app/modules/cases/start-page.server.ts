import { assignedCasesEverywhere } from "#app/modules/cross-organization.server.ts";
import { waitingFor } from "#app/modules/plans/plans.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { listCases } from "./cases.server.ts";

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
  const cases = await listCases(tdb, actor);
  const own = cases.filter((record) => record.caseRole === "EMPLOYEE");
  const others = cases.filter((record) => record.caseRole !== "EMPLOYEE");
  return {
    ownPlans: await Promise.all(
      own.map(async (record) => ({
        id: record.id,
        waiting: await waitingFor(tdb, record.id, "EMPLOYEE"),
      })),
    ),
    cases: {
      total: others.length,
      shown: others.slice(0, shown).map((record) => ({
        id: record.id,
        employeeName: record.employee?.name ?? null,
        invitedEmail: record.invitedEmail,
        status: record.status,
      })),
    },
    physicianCases: null,
  };
}
