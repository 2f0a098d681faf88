import { data, Link } from "react-router";
import { IssuedDetails } from "#app/components/agreements/verify-result.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { verifyCode } from "#app/modules/agreements/verify.server.ts";
import { attempt, ipKey, limits } from "#app/modules/auth/rate-limit.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage } from "#app/modules/auth/respond.server.ts";
import { parseErrorMessage } from "#app/modules/error-messages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Route } from "./+types/verify.$code";

/**
 * Where the QR code on a sealed PDF leads: what Werkpad issued under this
 * code. To know that a copy in hand is that very file, it is uploaded at /verify.
 */
export async function loader(args: Route.LoaderArgs) {
  const allowed = await attempt([
    [ipKey("verify", clientOf(args).ipAddress), limits.verifyDocumentPerIp],
  ]);
  if (!allowed.allowed)
    return data({ document: null, error: rateLimitedMessage(allowed.retryAt) }, { status: 429 });
  const document = await verifyCode(args.params.code);
  if (!document) return data({ document: null, error: null }, { status: 404 });
  return { document, error: null };
}

export default function VerifyCode({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("agreements");
  const { document, error } = loaderData;
  const errorText = error ? parseErrorMessage(error) : null;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader title={t("verify.codeTitle")} />
      {document ? (
        <section className="item-card">
          <h2 className="text-xl font-semibold">{t("verify.codeFound")}</h2>
          <IssuedDetails document={document} />
        </section>
      ) : (
        <p role="alert" className="text-lg font-medium text-danger-700">
          {errorText ? t(errorText.key as never, errorText.values) : t("verify.codeUnknown")}
        </p>
      )}
      <p>
        {t("verify.codeUpload")}{" "}
        <Link to="/verify" className="font-semibold text-brand-700 underline">
          {t("verify.codeUploadLink")}
        </Link>
      </p>
    </div>
  );
}
