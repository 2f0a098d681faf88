import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Kept, Removed } from "#app/modules/privacy/erasure.server.ts";

/** What erasing an account removes at once: before (what will go) and after (what went, counted). */
export function RemovedList({ removed }: { removed?: Removed }) {
  const { t } = useTranslation("privacy");
  const kinds = [
    "privateNotes",
    "preparations",
    "privateCheckIns",
    "passports",
    "calendarFeeds",
    "dataExports",
    "sessions",
  ] as const;
  return (
    <ul className="list-disc pl-6">
      {kinds.map((kind) => (
        <li key={kind}>
          {t(`erase.removed.${kind}`)}
          {removed ? ` (${removed[kind]})` : null}
        </li>
      ))}
    </ul>
  );
}

/** The cases that name the person and stay for now: where, until when, and why. */
export function KeptList({ kept }: { kept: Kept[] }) {
  const { t, i18n } = useTranslation("privacy");
  if (kept.length === 0) return <p>{t("erase.keptNothing")}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {kept.map((entry, index) => (
        // Cases are not named (the page may be seen after signing out): their place in the list is their key.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list never changes order while shown.
        <li key={index} className="rounded-md border border-line p-3">
          <p className="font-semibold">
            {t(`erase.part.${entry.part}`, { organization: entry.organization })}
          </p>
          <p>
            {entry.until
              ? t("erase.keptUntil", { date: formatDay(i18n.language, entry.until) })
              : t("erase.keptWhileOpen", { count: entry.months })}
          </p>
          {entry.sealedAgreements > 0 ? (
            <p>{t("erase.keptAgreements", { count: entry.sealedAgreements })}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
