import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/** The ten recovery codes, shown once after they are made (only their hashes are kept). */
export function RecoveryCodes({ codes, intro }: { codes: string[]; intro?: string }) {
  const { t } = useTranslation("twoFactor");
  return (
    <section aria-labelledby="recovery-codes-heading" className="flex flex-col gap-3">
      <h2 id="recovery-codes-heading" className="text-lg font-semibold text-ink">
        {t("codesHeading")}
      </h2>
      <p>{intro ?? t("codesIntro")}</p>
      <ol
        data-testid="recovery-codes"
        className="grid max-w-md grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-line bg-canvas px-4 py-3 font-mono text-lg sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
    </section>
  );
}
