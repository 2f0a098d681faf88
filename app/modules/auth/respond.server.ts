import { redirect } from "react-router";
import { errorMessage } from "#app/modules/error-messages.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import type { Toast } from "#app/modules/http/toast.ts";
import type { NewSession } from "./accounts.server.ts";
import type { PasswordProblem } from "./password.server.ts";
import { blankSessionCookie, pendingSignInCookie, sessionCookie } from "./session.server.ts";

/**
 * Sets the new session's cookie and goes on, with a toast when there is
 * something to say. Someone with two-factor sign-in on gets the pending
 * sign-in's cookie instead, and is asked for their code first.
 */
export function redirectSignedIn(
  session: Pick<NewSession, "kind" | "token" | "expiresAt">,
  to: string,
  toast?: Toast,
): Promise<Response> | Response {
  const headers = new Headers();
  if (session.kind === "second-factor") {
    headers.append("Set-Cookie", pendingSignInCookie(session.token, session.expiresAt));
    to = `/signin/two-factor?${new URLSearchParams({ redirectTo: to })}`;
  } else {
    headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  }
  return toast ? redirectWithToast(to, toast, { headers }) : redirect(to, { headers });
}

export function redirectSignedOut(to: string, toast: Toast): Promise<Response> {
  return redirectWithToast(to, toast, { headers: { "Set-Cookie": blankSessionCookie() } });
}

/** The message for a refused attempt, with the minutes left (rounded up). */
export function rateLimitedMessage(retryAt: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60000));
  return errorMessage("auth:errors.rateLimited", { minutes });
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
  tooShort: "auth:errors.passwordTooShort",
  tooLong: "auth:errors.passwordTooLong",
  common: "auth:errors.passwordCommon",
};
