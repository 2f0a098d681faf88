import type { Client } from "#app/modules/auth/accounts.server.ts";
import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import type { SchedulePhaseContent } from "./content.ts";
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
  return tdb.$transaction(async (tx) => {
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
    const next = phases[index + 1];
    const length = next ? next.content.startWeek - chosen.content.startWeek : 2;
    const startWeek = chosen.content.startWeek + length;
    const previous = phases[index - 1];
    const hoursPerWeek = stepBack
      ? (previous?.content.hoursPerWeek ?? Math.floor(chosen.content.hoursPerWeek)) // halves are kept
      : chosen.content.hoursPerWeek;

    // Later phases move first, from the last, so no two phases ever share a start week.
    for (const later of phases.slice(index + 1).reverse()) {
      if (later.content.startWeek + length > 104)
        return { status: "refused", refusal: "not-found" } as const;
      const moved = await answerIn(
        tx,
        actor,
        side,
        record,
        later.item.id,
        later.item.lockVersion,
        {
          type: "edit",
          content: { ...later.content, startWeek: later.content.startWeek + length },
        },
        client,
      );
      if (moved.status !== "done") throw new Error(`Moving a later phase failed: ${moved.status}`);
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
  });
}
