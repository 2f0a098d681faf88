import { downloadAgreement } from "#app/modules/agreements/agreements.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { pdfResponse } from "#app/modules/http/pdf-response.server.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import type { Route } from "./+types/cases.$caseId.agreements.$agreementId.pdf";

/**
 * An agreement's PDF for the case's parties: the sealed file once sealed, the
 * document to sign before. Anyone else, in this organisation or another, gets 404.
 */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args);
  const result = orRespond(
    await downloadAgreement(tdb, member.actor, record, args.params.agreementId, clientOf(args)),
  );
  if (!result.ok) notFound();
  const download = new URL(args.request.url).searchParams.has("download");
  return pdfResponse(result.value.bytes, result.value.fileName, download);
}
