import { deliverDueMessages } from "#app/modules/notifications/outbox.server.ts";
import { lastEmailTo, linkIn, type SentEmail } from "#tests/mocks/resend.ts";

/**
 * Sends what is waiting in the outbox through the mocked Resend API and
 * returns the last e-mail that reached `address`. Test files that read
 * e-mails set RESEND_API_KEY before importing the app.
 */
export async function inbox(address: string): Promise<SentEmail> {
  // The worker sends in batches; empty the outbox.
  for (let batch = await deliverDueMessages(); batch.sent + batch.retried + batch.failed > 0; ) {
    batch = await deliverDueMessages();
  }
  const email = lastEmailTo(address);
  if (!email) throw new Error(`No e-mail reached ${address}`);
  return email;
}

/** The path and query of the e-mail's first link, ready for a Request to the app. */
export function pathOfLink(email: SentEmail): string {
  const url = new URL(linkIn(email));
  return url.pathname + url.search;
}

export function tokenInLink(email: SentEmail): string {
  return new URL(linkIn(email)).searchParams.get("token") ?? "";
}

export function codeIn(email: SentEmail): string {
  const code = /\b(\d{3}\s?\d{3})\b/.exec(email.text)?.[1];
  if (!code) throw new Error("The e-mail has no six-digit code");
  return code.replace(/\s/g, "");
}
