import { pingDb } from "#app/modules/db.server.ts";

/** For load balancers and uptime checks: 200 with a database round trip, 503 without one. */
export async function loader() {
  const database = await pingDb();
  return Response.json(
    { status: database ? "ok" : "unavailable", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
