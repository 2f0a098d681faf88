import {
  organizationsWithLiveSubscription,
  trialsEndingUntold,
} from "#app/modules/cross-organization.server.ts";
import { log } from "#app/modules/log.server.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { reconcileSeats } from "./seats.server.ts";
import { trialWarningDays } from "./standing.ts";
import { emailOwners } from "./sync.server.ts";

/** The recurring seat reconcile, over every organisation with a live subscription. */
export async function reconcileAllSeats(): Promise<number> {
  let changed = 0;
  for (const organizationId of await organizationsWithLiveSubscription()) {
    if (await reconcileSeats(organizationId)) changed += 1;
  }
  if (changed > 0) log.info("seats reconciled", { changed });
  return changed;
}

/** Tells the owners of each trial ending within 7 days, once. */
export async function remindTrialEnding(now: Date): Promise<number> {
  const until = new Date(now.getTime() + trialWarningDays * 24 * 60 * 60_000);
  const due = await trialsEndingUntold(now, until);
  for (const organizationId of due) {
    await tenantDb(organizationId).$transaction(async (tx) => {
      // Marked in the same transaction as the e-mails: one reminder, however often the job runs.
      const { count } = await tx.organization.updateMany({
        where: { id: organizationId, trialReminderSentAt: null },
        data: { trialReminderSentAt: now },
      });
      if (count === 1) await emailOwners(tx, organizationId, "trial-ends");
    });
  }
  return due.length;
}
