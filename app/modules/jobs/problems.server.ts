import { z } from "zod";
import { db } from "#app/modules/db.server.ts";
import { type EmailKind, isEmailKind } from "#app/modules/notifications/emails.server.ts";
import { type Actor, can } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";

/**
 * What the organisation's owner reads about background work Werkpad gave up
 * on (dead jobs): which kind, when, and the summary its kind chose (for an
 * e-mail: which one, to whom). Never the payload (it is erased anyway) and
 * never the error text, which speaks to developers.
 *
 * Jobs are not tenant data behind the tenant door: the worker takes them
 * across organisations. So this read asks the policy itself (null when the
 * reader may not see them) and takes its organisation from the reader's door.
 */
export type Problem = { id: string; failedAt: Date } & (
  | { kind: "email"; template: EmailKind; to: string }
  | { kind: "other" }
);

const emailSummary = z.object({ template: z.custom<EmailKind>(isEmailKind), to: z.string() });

export async function listProblems(
  tdb: TenantDb,
  actor: Actor,
  limit = 100,
): Promise<Problem[] | null> {
  if (!can(actor, "problems.view")) return null;
  const dead = await db.job.findMany({
    where: { organizationId: tdb.organizationId, status: "DEAD" },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, summary: true, finishedAt: true, createdAt: true },
  });
  return dead.map((job) => {
    const failedAt = job.finishedAt ?? job.createdAt;
    const email = job.kind === "email" ? emailSummary.safeParse(job.summary) : undefined;
    return email?.success
      ? { id: job.id, failedAt, kind: "email", ...email.data }
      : { id: job.id, failedAt, kind: "other" };
  });
}
