import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import { lastWeek, type SchedulePhaseContent } from "./content.ts";
import { answerIn, type PlanRefusal, proposeIn, sideIn } from "./plans.server.ts";

/**
 * Recovery is not a straight line. Repeating a phase (same hours for another
 * stretch) or stepping back (the hours of the phase before) inserts a phase
 * after the chosen one and moves every later phase on by the same number of
 * weeks. Each of these is a proposal the other side answers, as always.
 */
export async function repeatPhase(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  itemId: string,
  stepBack: boolean,
  client: Client,
): Promise<{ status: "proposed" } | { status: "refused"; refusal: PlanRefusal }> {
  const side = sideIn(actor, record);
  if (!side) return { status: "refused", refusal: "forbidden" };
  return tdb
    .$transaction(async (tx) => {
      const phases = (
        await tx.planItem.findMany({
          where: { caseId: record.id, kind: "SCHEDULE_PHASE", removedAt: null },
        })
      )
        .map((item) => ({ item, content: item.content as SchedulePhaseContent }))
        .sort((a, b) => a.content.startWeek - b.content.startWeek);
      const index = phases.findIndex((phase) => phase.item.id === itemId);
      const chosen = phases[index];
      if (!chosen) return { status: "refused", refusal: "not-found" } as const;
      // Two phases may start in the same week: only phases that start later
      // move on, and the repeat lasts until the next of those.
      const later = phases.filter((phase) => phase.content.startWeek > chosen.content.startWeek);
      const length = later[0] ? later[0].content.startWeek - chosen.content.startWeek : 2;
      const startWeek = chosen.content.startWeek + length;
      const lastStart = Math.max(
        startWeek,
        ...later.map((phase) => phase.content.startWeek + length),
      );
      if (lastStart > lastWeek) return { status: "refused", refusal: "schedule-full" } as const;
      const previous = phases[index - 1];
      const hoursPerWeek = stepBack
        ? (previous?.content.hoursPerWeek ?? Math.floor(chosen.content.hoursPerWeek)) // halves are kept
        : chosen.content.hoursPerWeek;

      // Later phases move first, from the last, so no two phases ever share a start week.
      for (const phase of later.toReversed()) {
        const moved = await answerIn(
          tx,
          actor,
          side,
          record,
          phase.item.id,
          phase.item.lockVersion,
          {
            type: "edit",
            content: { ...phase.content, startWeek: phase.content.startWeek + length },
          },
          client,
        );
        // A phase that cannot move (changed by someone else meanwhile): undo it all.
        if (moved.status !== "done")
          throw new PhaseNotMoved(moved.status === "refused" ? moved.refusal : "changed-meanwhile");
      }
      await proposeIn(
        tx,
        actor,
        side,
        record,
        "SCHEDULE_PHASE",
        { ...chosen.content, startWeek, hoursPerWeek },
        client,
      );
      return { status: "proposed" } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof PhaseNotMoved)
        return { status: "refused", refusal: error.refusal } as const;
      throw error;
    });
}

class PhaseNotMoved extends Error {
  readonly refusal: PlanRefusal;
  constructor(refusal: PlanRefusal) {
    super(`A later phase could not move: ${refusal}`);
    this.refusal = refusal;
  }
}
