import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import type { SchedulePhaseContent } from "./content.ts";
import { answerIn, type PlanRefusal, proposeIn, sideIn } from "./plans.server.ts";
import { repeatOrStepBack, type ScheduleRefusal } from "./schedule.ts";

/**
 * Repeats a phase of the graded schedule, or steps back after it (the rules
 * and what they change: schedule.ts). The inserted phase and every moved
 * phase are this side's proposals, which the other side answers as always.
 * All of it happens in one transaction, or none of it.
 */
export async function repeatPhase(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  itemId: string,
  stepBack: boolean,
  client: Client,
): Promise<Result<undefined, Refusal<PlanRefusal | ScheduleRefusal | "conflict">>> {
  const side = sideIn(actor, record);
  if (!side) return refused("forbidden");
  return tdb
    .$transaction(async (tx) => {
      const items = await tx.planItem.findMany({
        where: { caseId: record.id, kind: "SCHEDULE_PHASE", removedAt: null },
        // The page's order: phases that start in the same week keep theirs.
        orderBy: { createdAt: "asc" },
      });
      const contentOf = new Map(
        items.map((item) => [item.id, item.content as SchedulePhaseContent]),
      );
      const change = repeatOrStepBack(
        items.map((item) => ({ id: item.id, ...(item.content as SchedulePhaseContent) })),
        itemId,
        stepBack,
      );
      if (!change.ok) return change;
      // Later phases move first, from the last one back.
      for (const move of change.value.moves.toReversed()) {
        const item = items.find((candidate) => candidate.id === move.id);
        const content = contentOf.get(move.id);
        if (!item || !content) continue;
        const moved = await answerIn(
          tx,
          actor,
          side,
          record,
          item.id,
          item.lockVersion,
          { type: "edit", content: { ...content, startWeek: move.to } },
          client,
        );
        // Someone changed a phase meanwhile: undo everything, so nothing half-done stays.
        if (!moved.ok) throw new ScheduleConflict();
      }
      const chosen = contentOf.get(itemId) as SchedulePhaseContent;
      await proposeIn(
        tx,
        actor,
        side,
        record,
        "SCHEDULE_PHASE",
        {
          ...chosen,
          startWeek: change.value.insert.startWeek,
          hoursPerWeek: change.value.insert.hoursPerWeek,
        },
        client,
      );
      return done();
    })
    .catch((error: unknown) => {
      if (error instanceof ScheduleConflict) return refused("conflict");
      throw error;
    });
}

class ScheduleConflict extends Error {}
