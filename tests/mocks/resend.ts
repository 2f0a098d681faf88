import { randomUUID } from "node:crypto";
import { HttpResponse, http } from "msw";
import { z } from "zod";

/**
 * Resend at the network edge: `POST https://api.resend.com/emails` answers like
 * the real API and records each e-mail in `sentEmails`, so tests can read what
 * would have reached an inbox (and click its links).
 *
 * Simulate an outage with
 *   mockServer.use(http.post(resendEmailsUrl, () => HttpResponse.json({ … }, { status: 500 })))
 *
 * Unlike the real service it does not deduplicate by Idempotency-Key: it
 * records every request, so a test sees a double send. The key is recorded.
 */
export const resendEmailsUrl = "https://api.resend.com/emails";

export type SentEmail = {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: Array<{
    filename: string;
    content: string;
    content_type?: string;
    contentType?: string;
  }>;
  idempotencyKey: string | null;
};

export const sentEmails: SentEmail[] = [];

// What Werkpad sends: one recipient, a subject, and both an HTML and a plain-text part.
const emailBody = z.object({
  from: z.string().min(3),
  to: z.email(),
  subject: z.string().min(1),
  html: z.string().min(1),
  text: z.string().min(1),
  // A calendar invitation: its content in base64, as the SDK sends it.
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1),
        content: z.string().min(1),
        content_type: z.string().optional(),
        contentType: z.string().optional(),
      }),
    )
    .optional(),
});

const resendError = (statusCode: number, name: string, message: string) =>
  HttpResponse.json({ statusCode, name, message }, { status: statusCode });

export const resendHandlers = [
  http.post(resendEmailsUrl, async ({ request }) => {
    const authorization = request.headers.get("authorization") ?? "";
    if (!/^Bearer re_\w+$/.test(authorization)) {
      return resendError(
        401,
        "missing_api_key",
        "Missing or invalid API key in the Authorization header.",
      );
    }
    const parsed = emailBody.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) {
      return resendError(422, "validation_error", z.prettifyError(parsed.error));
    }
    const id = randomUUID();
    sentEmails.push({
      id,
      ...parsed.data,
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    return HttpResponse.json({ id });
  }),
];

export function clearSentEmails() {
  sentEmails.length = 0;
}

/** The last e-mail sent to an address (case-insensitive), if any. */
export function lastEmailTo(address: string): SentEmail | undefined {
  const wanted = address.trim().toLowerCase();
  return sentEmails.findLast((email) => email.to.toLowerCase() === wanted);
}

/** Every http(s) address in an e-mail's plain-text part, in order. */
export function linksIn(email: Pick<SentEmail, "text"> | undefined): string[] {
  return email ? [...email.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]) : [];
}

/** The first link in an e-mail (the one its button opens); throws when there is none. */
export function linkIn(email: Pick<SentEmail, "text"> | undefined): string {
  const [link] = linksIn(email);
  if (!link) throw new Error(email ? "The e-mail has no link" : "There is no such e-mail");
  return link;
}
