import { Form, useNavigation } from "react-router";
import { VerifyVerdict } from "#app/components/agreements/verify-result.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { verifyFile } from "#app/modules/agreements/verify.server.ts";
import { maxVerifyBytes } from "#app/modules/agreements/verify-limits.ts";
import { attempt, ipKey, limits } from "#app/modules/auth/rate-limit.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage } from "#app/modules/auth/respond.server.ts";
import { badRequest } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/verify";

/**
 * The public verifier: anyone with a PDF from Werkpad (an employment lawyer,
 * a new employer) uploads it and learns whether Werkpad issued exactly this
 * file, whether its seal is intact, who signed it and whether a later version
 * replaces it. No sign-in; limited per address.
 */
export async function action(args: Route.ActionArgs) {
  const file = (await args.request.formData()).get("file");
  if (file === null || typeof file === "string") {
    // A form without a file, or with text where the file goes: nothing chosen.
    if (file === null || file === "")
      return { error: null, verdict: { outcome: "empty" } as const };
    badRequest();
  }
  // Every file checked counts, whatever it turns out to be.
  const allowed = await attempt([
    [ipKey("verify", clientOf(args).ipAddress), limits.verifyDocumentPerIp],
  ]);
  if (!allowed.allowed) return { error: rateLimitedMessage(allowed.retryAt), verdict: null };
  return { error: null, verdict: await verifyFile(file) };
}

export default function Verify({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("agreements");
  const navigation = useNavigation();
  const checking = navigation.state === "submitting" && navigation.formAction === "/verify";
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={t("verify.title")} intro={<p>{t("verify.intro")}</p>} />
      <Form
        method="post"
        action="/verify"
        encType="multipart/form-data"
        className="item-card flex flex-col gap-4"
      >
        <FormError errors={actionData?.error ? [actionData.error] : undefined} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="verify-file" className="font-semibold">
            {t("verify.file")}
          </label>
          <p id="verify-file-hint" className="text-sm text-muted">
            {t("verify.fileHint", { megabytes: maxVerifyBytes / 1024 / 1024 })}
          </p>
          <input
            id="verify-file"
            type="file"
            name="file"
            accept="application/pdf,.pdf"
            required
            aria-describedby="verify-file-hint"
            className="min-h-11 rounded-lg border border-line bg-surface px-3 py-2"
          />
        </div>
        <div>
          <Button type="submit" pending={checking} pendingLabel={t("verify.checking")}>
            {t("verify.button")}
          </Button>
        </div>
      </Form>
      <div aria-live="polite">
        {actionData?.verdict ? <VerifyVerdict verdict={actionData.verdict} /> : null}
      </div>
      <p className="text-muted">{t("verify.privacy")}</p>
    </div>
  );
}
