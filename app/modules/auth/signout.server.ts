import { recordAuditNow } from "#app/modules/audit/audit.server.ts";
import type { Client } from "./accounts.server.ts";
import { invalidateSession, invalidateUserSessions } from "./session.server.ts";

export async function signOut(sessionId: string, userId: string, client: Client): Promise<void> {
  await invalidateSession(sessionId);
  await recordAuditNow({
    actorId: userId,
    action: "auth.signed_out",
    targetType: "User",
    targetId: userId,
    ...client,
  });
}

/** Ends every session of the person, in every browser, this one included. */
export async function signOutEverywhere(userId: string, client: Client): Promise<void> {
  await invalidateUserSessions(userId);
  await recordAuditNow({
    actorId: userId,
    action: "auth.signed_out_everywhere",
    targetType: "User",
    targetId: userId,
    ...client,
  });
}
