import { downloadPassport } from "#app/modules/agreements/passport.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { pdfResponse } from "#app/modules/http/pdf-response.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import type { Route } from "./+types/cases.$caseId.passport.$passportId.pdf";

/** A passport's sealed PDF: for the employee who made it, and nobody else (404). */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  const result = await downloadPassport(
    tdb,
    member.actor,
    record,
    args.params.passportId,
    clientOf(args),
  );
  // The employer side is not told the passport exists: 404 rather than 403.
  if (!result.ok) notFound();
  const download = new URL(args.request.url).searchParams.has("download");
  return pdfResponse(result.value.bytes, result.value.fileName, download);
}
