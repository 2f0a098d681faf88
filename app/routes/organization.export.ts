import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { forbidden } from "#app/modules/http/errors.server.ts";
import { organizationExport, zipResponse } from "#app/modules/organizations/export.server.ts";
import type { Route } from "./+types/organization.export";

/**
 * The organisation's export as a ZIP, for owners (403 for everyone else).
 * A download, like an agreement's PDF: audited, and remembered, because
 * deleting the organisation needs a recent one.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, tdb } = requireMember(args);
  const result = await organizationExport(tdb, actor, clientOf(args));
  if (!result.ok) forbidden();
  return zipResponse(result.value);
}
