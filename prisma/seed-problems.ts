/**
 * A demo problem for the owner's page (/problems): an invitation the e-mail
 * provider refused, as the job queue leaves it when it gives up. Its payload
 * is erased like any ended job's; the summary is what the owner reads.
 */
import type { Db } from "#app/modules/db.server.ts";

export async function seedProblems(db: Db) {
  const failedAt = new Date(Date.now() - 2 * 86_400_000);
  await db.job.upsert({
    where: { id: "demo-dead-invitation" },
    update: {},
    create: {
      id: "demo-dead-invitation",
      kind: "email",
      status: "DEAD",
      attempts: 1,
      lastError: "422 validation_error: The domain of [address] does not accept e-mail.",
      summary: { template: "invitation", to: "p.jansen@oude-linde.example" },
      organizationId: "demo-org-nl",
      createdAt: failedAt,
      runAt: failedAt,
      finishedAt: failedAt,
    },
  });
}
