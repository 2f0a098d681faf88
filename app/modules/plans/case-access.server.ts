import { noteCaseView } from "#app/modules/audit/audit.server.ts";
import { clientOf, type Member, requireMember } from "#app/modules/auth/request.server.ts";
import { type CaseRecord, findCase, partiesOf } from "#app/modules/cases/cases.server.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { can, caseRole } from "#app/modules/policy/policy.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import type { Side } from "./agreement.ts";
import { sideIn } from "./plans.server.ts";

export type CaseAccess = { member: Member; tdb: TenantDb; record: CaseRecord; side: Side | null };

/**
 * Every case route starts here: the signed-in member, the case through the
 * tenant door, and the policy's word on seeing it. A case of another
 * organisation, one the person does not take part in, and one that does not
 * exist all answer 404 alike.
 */
export async function requireCase(
  args: {
    request: Request;
    context: Parameters<typeof requireMember>[0]["context"];
    params: { caseId?: string };
  },
  options: { recordView?: boolean } = {},
): Promise<CaseAccess> {
  const member = requireMember(args);
  const { tdb } = member;
  const record = await findCase(tdb, args.params.caseId ?? "");
  if (!record || !can(member.actor, "case.view", partiesOf(record))) notFound();
  // The employee can see who on the employer side opened their case. Their own
  // visits and the physician's are not recorded, whatever their organisation role.
  if (options.recordView && caseRole(member.actor, partiesOf(record)) === "EMPLOYER") {
    await noteCaseView({
      organizationId: record.organizationId,
      actorId: member.actor.userId,
      caseId: record.id,
      ...clientOf(args),
    });
  }
  return { member, tdb, record, side: sideIn(member.actor, record) };
}
