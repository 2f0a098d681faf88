import { useFocusTarget } from "#app/components/ui/focus-target.tsx";
import { UserText } from "#app/components/user-text.tsx";
import type { Sharing } from "#app/modules/checkins/forms.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type CheckInView = {
  id: string;
  createdAt: Date | string;
  energy: number;
  workload: number;
  planFit: number;
  comment: string | null;
  sharing: Sharing;
};

/**
 * The check-ins this reader may read, newest first, each with its scores, its
 * comment and who reads it. The employee sees all of their own; the others
 * only those shared with them (the server never sends the rest).
 */
export function CheckInList({ checkIns, own }: { checkIns: CheckInView[]; own: boolean }) {
  const { t, i18n } = useTranslation("checkins");
  const focus = useFocusTarget("check-ins");
  return (
    <section aria-labelledby="check-ins" className="flex flex-col gap-3">
      <h2 {...focus} className="text-xl font-semibold">
        {own ? t("list.headingOwn") : t("list.headingShared")}
      </h2>
      {checkIns.length === 0 ? (
        <p className="text-muted">{own ? t("list.noneOwn") : t("list.noneShared")}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {checkIns.map((checkIn) => (
            <li key={checkIn.id} className="item-card flex flex-col gap-2">
              <h3 className="font-semibold">{formatMoment(i18n.language, checkIn.createdAt)}</h3>
              <ul className="flex flex-wrap gap-x-6 gap-y-1">
                <li>{t("list.energy", { score: checkIn.energy })}</li>
                <li>{t("list.workload", { score: checkIn.workload })}</li>
                <li>{t("list.planFit", { score: checkIn.planFit })}</li>
              </ul>
              {checkIn.comment ? (
                <p className="whitespace-pre-line">
                  <UserText>{checkIn.comment}</UserText>
                </p>
              ) : null}
              <p className="text-sm text-muted">
                {own
                  ? t(`list.readBy.${checkIn.sharing}`)
                  : t(`list.sharedWith.${checkIn.sharing}`)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
