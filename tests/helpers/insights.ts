import type { CaseStatus, ClosingCategory } from "#app/generated/prisma/client.ts";
import { db } from "#app/modules/db.server.ts";

/**
 * A case as the insights see it, written straight to the database with its
 * status history and agreed plan: opened on a day, optionally in a
 * department, returned (and absent again), closed with a category, with a
 * first plan agreed some days after opening holding adjustments (catalogue
 * ids, or "own" for one typed in).
 */
export type InsightCase = {
  opened: string;
  department?: string;
  returned?: string;
  absentAgain?: string;
  closed?: { on: string; category: ClosingCategory; note?: string };
  planAfterDays?: number;
  adjustments?: Array<string | { catalogueId: string; stage: string }>;
};

const at = (day: string) => new Date(`${day}T10:00:00Z`);

export async function insightCase(
  team: {
    organization: { id: string };
    manager: { user: { id: string } };
    hr: { user: { id: string } };
  },
  spec: InsightCase,
) {
  const changes: Array<{ toStatus: CaseStatus; at: Date }> = [
    { toStatus: "ABSENT", at: at(spec.opened) },
  ];
  if (spec.returned) changes.push({ toStatus: "RETURNING", at: at(spec.returned) });
  if (spec.absentAgain) changes.push({ toStatus: "ABSENT", at: at(spec.absentAgain) });
  if (spec.closed) changes.push({ toStatus: "CLOSED", at: at(spec.closed.on) });
  const record = await db.case.create({
    data: {
      organizationId: team.organization.id,
      kind: "OWN_HEALTH",
      country: "NL",
      managerId: team.manager.user.id,
      openedById: team.hr.user.id,
      department: spec.department ?? null,
      createdAt: at(spec.opened),
      status: changes.at(-1)?.toStatus ?? "ABSENT",
      closedCategory: spec.closed?.category ?? null,
      closedReason: spec.closed?.note ?? null,
      closedAt: spec.closed ? at(spec.closed.on) : null,
      statusChanges: {
        create: changes.map((change, index) => ({
          ...change,
          fromStatus: changes[index - 1]?.toStatus ?? null,
        })),
      },
    },
  });
  if (spec.planAfterDays !== undefined) {
    const snapshot = (spec.adjustments ?? []).map((adjustment, index) => {
      const { catalogueId, stage } =
        typeof adjustment === "string"
          ? { catalogueId: adjustment, stage: "in_place" }
          : adjustment;
      return {
        id: `${record.id}-item-${index}`,
        kind: "ADJUSTMENT",
        content:
          catalogueId === "own"
            ? { title: "Own adjustment", owner: "Manager", startDate: spec.opened, stage }
            : { catalogueId, owner: "Manager", startDate: spec.opened, stage },
        proposedBySide: "EMPLOYER",
      };
    });
    await db.planVersion.create({
      data: {
        organizationId: team.organization.id,
        caseId: record.id,
        number: 1,
        contentHash: "test",
        snapshot,
        agreedAt: new Date(at(spec.opened).getTime() + spec.planAfterDays * 86_400_000),
      },
    });
  }
  return record;
}
