import { parseWithZod } from "@conform-to/zod/v4";
import type { Result } from "#app/modules/result.ts";
import type { RateLimited } from "./accounts.server.ts";
import { rateLimitedMessage } from "./respond.server.ts";
import { emailOnlySchema } from "./schemas.ts";

/** The action behind EmailLinkRequest: validate the address, ask `send`, answer "sent" or "wait". */
export async function emailLinkAction(
  request: Request,
  send: (email: string) => Promise<Result<undefined, RateLimited>>,
) {
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return { reply: submission.reply(), sent: false };
  const result = await send(submission.value.email);
  if (!result.ok) {
    return {
      reply: submission.reply({ formErrors: [rateLimitedMessage(result.retryAt)] }),
      sent: false,
    };
  }
  return { reply: submission.reply({ resetForm: true }), sent: true };
}
