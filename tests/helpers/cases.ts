import { db } from "#app/modules/db.server.ts";
import { action as editAction } from "#app/routes/cases.$caseId.items.$itemId.tsx";
import { action as planAction, loader as planLoader } from "#app/routes/cases.$caseId.tsx";
import { createMember, createTeam } from "./factories.ts";
import { callRoute, get, post } from "./route-args.ts";

/** A team with a case for its employee, managed by its manager, with its physician. */
export async function createCaseTeam(name?: string) {
  const team = await createTeam(name);
  const record = await db.case.create({
    data: {
      organizationId: team.organization.id,
      kind: "OWN_HEALTH",
      country: "NL",
      employeeId: team.employee.user.id,
      managerId: team.manager.user.id,
      physicianId: team.physician.user.id,
      openedById: team.hr.user.id,
    },
  });
  const otherManager = await createMember(team.organization.id, "MANAGER");
  const otherEmployee = await createMember(team.organization.id, "EMPLOYEE");
  return { ...team, record, otherManager, otherEmployee };
}

type Plan = {
  items: Array<{
    id: string;
    kind: string;
    lockVersion: number;
    content: Record<string, unknown>;
    status: { kind: string };
    awaiting: string | null;
    proposedBySide: string;
    proposedBy: { id: string; name: string };
  }>;
  latestVersion: { number: number; contentHash: string } | null;
  draftNumber: number | null;
};

export async function planOf(cookie: string, caseId: string): Promise<Plan> {
  const answer = await callRoute(planLoader, get(`/cases/${caseId}`, { Cookie: cookie }), {
    caseId,
  });
  return (answer.data as { plan: Plan }).plan;
}

export function proposeAs(
  cookie: string,
  caseId: string,
  kind: string,
  fields: Record<string, string>,
) {
  return callRoute(
    planAction,
    post(`/cases/${caseId}`, { intent: "propose", kind, ...fields }, { Cookie: cookie }),
    {
      caseId,
    },
  );
}

/** Answers an item as the page's buttons do, with the version of the item the reader saw. */
export async function answerAs(
  cookie: string,
  caseId: string,
  itemId: string,
  intent: string,
  fields: Record<string, string> = {},
) {
  const item = (await db.planItem.findUniqueOrThrow({ where: { id: itemId } })) as {
    lockVersion: number;
  };
  return callRoute(
    planAction,
    post(
      `/cases/${caseId}`,
      { intent, itemId, lockVersion: String(item.lockVersion), ...fields },
      { Cookie: cookie },
    ),
    { caseId },
  );
}

export function editAs(
  cookie: string,
  caseId: string,
  itemId: string,
  lockVersion: number,
  fields: Record<string, string>,
) {
  return callRoute(
    editAction,
    post(
      `/cases/${caseId}/items/${itemId}`,
      { lockVersion: String(lockVersion), ...fields },
      { Cookie: cookie },
    ),
    { caseId, itemId },
  );
}
