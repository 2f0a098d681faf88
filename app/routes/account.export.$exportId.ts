import { clientOf, requireUser } from "#app/modules/auth/request.server.ts";
import { notFound } from "#app/modules/http/errors.server.ts";
import { downloadExport } from "#app/modules/privacy/export.server.ts";
import type { Route } from "./+types/account.export.$exportId";

/**
 * A person's copy of their data, as a ZIP: for its owner, signed in (a
 * signed-out visitor signs in and comes back here), while it lasts. Anyone
 * else, and an expired or unknown copy, gets 404.
 */
export async function loader(args: Route.LoaderArgs) {
  const { user } = requireUser(args);
  const result = await downloadExport(user.id, args.params.exportId, clientOf(args));
  if (!result.ok) notFound();
  const { bytes, fileName } = result.value;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
