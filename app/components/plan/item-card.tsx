import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { Form, Link, useActionData, useNavigation } from "react-router";
import { Button, buttonClasses } from "#app/components/ui/button.tsx";
import { cx } from "#app/components/ui/cx.ts";
import { useFocusTarget } from "#app/components/ui/focus-target.tsx";
import { lazyPart } from "#app/components/ui/lazy-part.ts";
import { OpenLink, useIsOpen } from "#app/components/ui/open-link.tsx";
import { withUserText } from "#app/components/user-text.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { formatMomentDate } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Side } from "#app/modules/plans/agreement.ts";
import type { PlanItemView } from "#app/modules/plans/plans.server.ts";
import { ItemDetails, ItemTitle, itemTitle, useDate } from "./item-summary.tsx";

// The decline form loads its code (and the validation library) when opened.
const DeclineReason = lazyPart(() => import("./decline-form.tsx"));

/** A plan item as a page receives it. */
export type CardItem = PlanItemView;

/** The badge's colours, by what it says (`badge-<tone>` in app.css). */
type Tone = "agreed" | "mine" | "other" | "declined";

/**
 * One item of the plan: what it says, who proposed it, where the agreement
 * stands, and the answers open to the reader's side.
 */
export function ItemCard({
  item,
  side,
  catalogue,
  employeeName,
  caseId,
  viewerId,
  extra,
}: {
  item: CardItem;
  side: Side | null;
  catalogue: CatalogueView;
  employeeName: string;
  caseId: string;
  /** Who is reading: "proposed by you" only for what this person proposed. */
  viewerId: string;
  /** More actions for this kind of item (repeating a schedule phase). */
  extra?: ReactNode;
}) {
  const { t, i18n } = useTranslation("plans");
  const formatDate = useDate();
  const navigation = useNavigation();
  const busy = navigation.formData?.get("itemId") === item.id;
  const sideName = (who: Side) =>
    who === side ? t("you") : who === "EMPLOYEE" ? employeeName : t("sides.EMPLOYER");
  const title = itemTitle(t, item.kind, item.content, catalogue, formatDate);
  const { status } = item;
  const actionData = useActionData<{ form?: string; reply?: SubmissionResult<string[]> }>();
  const declineResult = actionData?.form === `decline-${item.id}` ? actionData.reply : undefined;
  const focusTarget = useFocusTarget(`item-${item.id}`);

  let badge: { text: ReactNode; tone: Tone };
  if (status.kind === "agreed") badge = { text: t("status.agreed"), tone: "agreed" };
  else if (status.kind === "declined")
    badge = {
      text:
        status.by === side
          ? withUserText((v) => t("status.declinedByYou", v), { reason: status.reason })
          : withUserText((v) => t("status.declinedBy", { ...v, side: sideName(status.by) }), {
              reason: status.reason,
            }),
      tone: "declined",
    };
  else if (status.kind === "removal-proposed")
    badge = {
      text:
        status.by === side
          ? t("status.removalProposedByYou")
          : t("status.removalProposedBy", { side: sideName(status.by) }),
      tone: status.awaiting === side ? "mine" : "other",
    };
  else if (item.awaiting === side) badge = { text: t("status.waitingForYou"), tone: "mine" };
  else
    badge = {
      text: t("status.waitingFor", { side: item.awaiting ? sideName(item.awaiting) : "" }),
      tone: "other",
    };

  const hidden = (
    <>
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="lockVersion" value={item.lockVersion} />
    </>
  );
  const myTurn = side !== null && item.awaiting === side;
  // Agree when the item waits for this side, or when this side said no and changes its mind.
  const canAgree =
    (status.kind === "awaiting" && status.side === side) ||
    (status.kind === "declined" && status.by === side);
  const canDecline = status.kind === "awaiting" && status.side === side;
  const canWithdraw =
    side !== null &&
    item.proposedBySide === side &&
    !item.inAgreedVersion &&
    status.kind !== "agreed";
  const canProposeRemoval =
    side !== null &&
    (item.inAgreedVersion || status.kind === "agreed") &&
    status.kind !== "removal-proposed";

  return (
    <li className={cx("item-card", myTurn && "item-card-mine")} aria-labelledby={`item-${item.id}`}>
      <div className="item-head">
        <h3 {...focusTarget} className="item-title">
          <ItemTitle kind={item.kind} content={item.content} catalogue={catalogue} />
        </h3>
        <p className={`badge badge-${badge.tone}`}>{badge.text}</p>
      </div>
      <ItemDetails kind={item.kind} content={item.content} catalogue={catalogue} />
      {item.fromConversation ? (
        <p className="mt-2 text-sm font-medium text-brand-800">
          {t("fromConversation", { date: formatMomentDate(i18n.language, item.fromConversation) })}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-muted">
        {item.proposedBy.id === viewerId
          ? t("proposedByYou")
          : t("proposedByPerson", {
              name: item.proposedBy.name,
              side: t(`sides.${item.proposedBySide}`),
            })}
      </p>

      {side ? (
        <div className="item-actions">
          {canAgree ? (
            <Form method="post" discover="none">
              {hidden}
              <Button
                type="submit"
                name="intent"
                value="agree"
                pending={busy && navigation.formData?.get("intent") === "agree"}
              >
                {t("actions.agree")}
              </Button>
            </Form>
          ) : null}
          {status.kind === "removal-proposed" && status.awaiting === side ? (
            <Form method="post" discover="none" className="flex gap-2">
              {hidden}
              <input type="hidden" name="intent" value="answer-removal" />
              <Button type="submit" name="accept" value="yes">
                {t("actions.acceptRemoval")}
              </Button>
              <Button type="submit" name="accept" value="no" variant="secondary">
                {t("actions.keep")}
              </Button>
            </Form>
          ) : null}
          {status.kind !== "removal-proposed" ? (
            <Link
              to={`/cases/${caseId}/items/${item.id}`}
              className={buttonClasses("secondary")}
              aria-label={`${t("actions.change")}: ${title}`}
            >
              {t("actions.change")}
            </Link>
          ) : null}
          {canWithdraw ? (
            <Form method="post" discover="none">
              {hidden}
              <Button
                type="submit"
                name="intent"
                value="withdraw"
                variant="ghost"
                aria-label={`${t("actions.withdraw")}: ${title}`}
              >
                {t("actions.withdraw")}
              </Button>
            </Form>
          ) : null}
          {canProposeRemoval ? (
            <Form method="post" discover="none">
              {hidden}
              <Button
                type="submit"
                name="intent"
                value="propose-removal"
                variant="ghost"
                aria-label={`${t("actions.proposeRemoval")}: ${title}`}
              >
                {t("actions.proposeRemoval")}
              </Button>
            </Form>
          ) : null}
          {extra}
          {canDecline || declineResult ? (
            <DeclineForm item={item} lastResult={declineResult} />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** "Say no", which opens the form for the reason (decline-form.tsx). */
function DeclineForm({
  item,
  lastResult,
}: {
  item: CardItem;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("plans");
  const itemId = item.id;
  const name = `decline-${itemId}`;
  const open = useIsOpen(name) || Boolean(lastResult);
  return (
    <div className="w-full">
      <OpenLink name={name} className={buttonClasses("ghost")}>
        {t("actions.decline")}
      </OpenLink>
      {open ? <DeclineReason item={item} lastResult={lastResult} /> : null}
    </div>
  );
}
