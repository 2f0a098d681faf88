import { redirect } from "react-router";
import { clientOf, optionalUser } from "#app/modules/auth/request.server.ts";
import { redirectSignedOut } from "#app/modules/auth/respond.server.ts";
import { signOut } from "#app/modules/auth/signout.server.ts";
import type { Route } from "./+types/signout";

export async function action({ context }: Route.ActionArgs) {
  const signedIn = optionalUser({ context });
  if (signedIn) await signOut(signedIn.sessionId, signedIn.user.id, clientOf({ context }));
  return redirectSignedOut("/", { kind: "success", message: "auth:account.signedOut" });
}

// Signing out changes state, so it is a POST only; a visit to the address goes home.
export function loader() {
  return redirect("/");
}
