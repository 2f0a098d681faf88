import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Status = "AWAITING_SIGNATURES" | "SEALING" | "SEALED" | "DECLINED" | "VOID";

const badgeOf: Record<Status, string> = {
  AWAITING_SIGNATURES: "badge badge-mine",
  SEALING: "badge badge-mine",
  SEALED: "badge badge-agreed",
  DECLINED: "badge badge-declined",
  VOID: "badge badge-other",
};

/** Where an agreement stands, in a word or two; a sealed one replaced by a later version says so. */
export function AgreementStatusBadge({
  status,
  supersededBy,
}: {
  status: Status;
  supersededBy: number | null;
}) {
  const { t } = useTranslation("agreements");
  if (status === "SEALED" && supersededBy !== null)
    return (
      <span className="badge badge-other">{t("status.superseded", { number: supersededBy })}</span>
    );
  return <span className={badgeOf[status]}>{t(`status.${status}`)}</span>;
}
