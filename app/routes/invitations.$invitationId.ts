import { redirect } from "react-router";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { forbidden, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import {
  findInvitation,
  resendInvitation,
  revokeInvitation,
} from "#app/modules/organizations/invitations.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/invitations.$invitationId";

/** Re-send or withdraw an open invitation (the buttons on the members page post here). */
export async function action(args: Route.ActionArgs) {
  const { user, actor, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const intent = (await args.request.formData()).get("intent");
  const id = args.params.invitationId;
  const result =
    intent === "resend"
      ? await resendInvitation(tdb, { ...actor, name: user.name }, id, clientOf(args))
      : intent === "revoke"
        ? await revokeInvitation(tdb, actor, id, clientOf(args))
        : notFound();
  const outcome = orRespond(result);
  return redirectWithToast("/members", {
    kind: outcome.ok ? "success" : "info",
    message: intent === "resend" ? "auth:members.resent" : "auth:members.revoked",
  });
}

/** There is no page for one invitation; the members page lists them. */
export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  if (!(await findInvitation(tdb, args.params.invitationId))) notFound();
  return redirect("/members");
}
