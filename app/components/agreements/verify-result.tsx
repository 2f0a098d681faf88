import type { FileVerdict, IssuedView, SealState } from "#app/modules/agreements/verify.server.ts";
import { maxVerifyBytes } from "#app/modules/agreements/verify-limits.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/** What /verify found, in plain words: first the answer, then the details. */
export function VerifyVerdict({ verdict }: { verdict: FileVerdict }) {
  const { t } = useTranslation("agreements");
  if (verdict.outcome === "match") {
    const draft = verdict.document.kind === "agreement" && !verdict.document.sealed;
    return (
      <section
        aria-labelledby="verdict-heading"
        className="rounded-xl border-2 border-success-700/40 bg-success-50 p-5"
      >
        <h2 id="verdict-heading" className="text-xl font-semibold text-success-700">
          {draft ? t("verify.matchDraft") : t("verify.match")}
        </h2>
        <p className="mt-1">{t(`verify.seal.${verdict.seal}`)}</p>
        <IssuedDetails document={verdict.document} />
      </section>
    );
  }
  const problem = verdict.outcome === "no-match";
  return (
    <section
      aria-labelledby="verdict-heading"
      className="rounded-xl border-2 border-danger-600/40 bg-danger-50 p-5"
    >
      <h2 id="verdict-heading" className="text-xl font-semibold text-danger-700">
        {problem
          ? t("verify.noMatch")
          : t(`verify.problems.${verdict.outcome}`, { megabytes: maxVerifyBytes / 1024 / 1024 })}
      </h2>
      {problem ? (
        <p className="mt-1">{t(`verify.seal.${verdict.seal satisfies SealState}`)}</p>
      ) : null}
    </section>
  );
}

/** What a document says about itself: only what its own pages show. */
export function IssuedDetails({ document }: { document: IssuedView }) {
  const { t, i18n } = useTranslation("agreements");
  const when = (value: Date | string) => formatMoment(i18n.language, value);
  if (document.kind === "passport") {
    return (
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("verify.document")}</dt>
        <dd>{t("verify.passportOf", { name: document.ownerName })}</dd>
        <dt className="font-semibold">{t("verify.madeOn")}</dt>
        <dd>{when(document.createdAt)}</dd>
      </dl>
    );
  }
  return (
    <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
      <dt className="font-semibold">{t("verify.document")}</dt>
      <dd>
        {t("title", { number: document.versionNumber })} · {document.organizationName}
      </dd>
      <dt className="font-semibold">{t("verify.fingerprint")}</dt>
      <dd>
        <code className="break-all font-mono text-sm">{document.planHash}</code>
      </dd>
      {document.sealed ? (
        <>
          <dt className="font-semibold">{t("verify.signedBy")}</dt>
          <dd>
            <ul>
              {document.signatures.map((signature) => (
                <li key={signature.side}>
                  {t("verify.signature", {
                    name: signature.typedName,
                    side: t(`sides.${signature.side}`),
                    date: when(signature.signedAt),
                  })}
                </li>
              ))}
            </ul>
          </dd>
          {document.sealedAt ? (
            <>
              <dt className="font-semibold">{t("verify.sealedOn")}</dt>
              <dd>{when(document.sealedAt)}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("verify.currency")}</dt>
          <dd className={document.supersededBy !== null ? "font-semibold" : undefined}>
            {document.supersededBy !== null
              ? t("verify.supersededBy", { number: document.supersededBy })
              : t("verify.latest")}
          </dd>
        </>
      ) : (
        <>
          <dt className="font-semibold">{t("verify.signedBy")}</dt>
          <dd>{t("verify.notSigned")}</dd>
        </>
      )}
    </dl>
  );
}
