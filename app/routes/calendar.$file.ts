import { feedForAddress } from "#app/modules/calendar/feeds.server.ts";
import type { Route } from "./+types/calendar.$file";

/**
 * GET /calendar/<secret>.ics: a person's private feed, for calendar apps
 * (which send no cookie). An unknown or stopped address is 404, the same as
 * one that never existed.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const body = await feedForAddress(params.file);
  if (body === null) return new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
