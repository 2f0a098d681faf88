import type { ReactNode } from "react";
import { UserText, withUserText } from "#app/components/user-text.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";

type Content = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" ? value : "");
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** Formats an item's dates ("2027-01-05"): calendar days, never with a time. */
export function useDate() {
  const { i18n } = useTranslation();
  return (iso: string) => formatDay(i18n.language, iso);
}

/** The heading of an item: what it is, in a few words. */
export function itemTitle(
  t: ReturnType<typeof useTranslation<"plans">>["t"],
  kind: ItemKind,
  content: Content,
  catalogue: CatalogueView,
  formatDate: (iso: string) => string,
): string {
  switch (kind) {
    case "CAPACITY":
      return t(`areas.${str(content.area) as "personal"}`);
    case "ADJUSTMENT": {
      const fromCatalogue = catalogue.adjustments.find((a) => a.id === str(content.catalogueId));
      return fromCatalogue?.title ?? str(content.title);
    }
    case "SCHEDULE_PHASE":
      return t("summaries.phase", { week: content.startWeek, hours: content.hoursPerWeek });
    case "AGREEMENT":
      return t(`topics.${str(content.topic) as "contact"}`);
    case "REVIEW":
      return content.time
        ? t("summaries.reviewAt", { date: formatDate(str(content.date)), time: str(content.time) })
        : t("summaries.reviewOn", { date: formatDate(str(content.date)) });
  }
}

/** The heading of an item, as the page shows it: a custom adjustment's name is typed text. */
type ItemProps = { kind: ItemKind; content: Content; catalogue: CatalogueView };

export function ItemTitle({ kind, content, catalogue }: ItemProps) {
  const { t } = useTranslation("plans");
  const title = itemTitle(t, kind, content, catalogue, useDate());
  const typed =
    kind === "ADJUSTMENT" && !catalogue.adjustments.some((a) => a.id === str(content.catalogueId));
  return typed ? <UserText>{title}</UserText> : title;
}

/** What an item says, in plain sentences; what people typed keeps its own language. */
export function ItemDetails({ kind, content, catalogue }: ItemProps) {
  const { t } = useTranslation("plans");
  const formatDate = useDate();
  const typed = (text: string) => <UserText>{text}</UserText>;
  const lines: ReactNode[] = [];
  switch (kind) {
    case "CAPACITY": {
      const effects = list(content.effects)
        .map((id) => catalogue.effects.find((effect) => effect.id === id)?.label ?? id)
        .join(", ");
      if (effects) lines.push(effects);
      if (content.whatHelps)
        lines.push(withUserText((v) => t("summaries.helps", v), { text: str(content.whatHelps) }));
      if (content.whatIsHard)
        lines.push(withUserText((v) => t("summaries.hard", v), { text: str(content.whatIsHard) }));
      break;
    }
    case "ADJUSTMENT": {
      const fromCatalogue = catalogue.adjustments.find((a) => a.id === str(content.catalogueId));
      if (fromCatalogue) lines.push(fromCatalogue.description);
      if (content.details) lines.push(typed(str(content.details)));
      lines.push(withUserText((v) => t("summaries.owner", v), { owner: str(content.owner) }));
      lines.push(t("summaries.starts", { date: formatDate(str(content.startDate)) }));
      if (content.reviewDate)
        lines.push(t("summaries.review", { date: formatDate(str(content.reviewDate)) }));
      if (content.stageReason)
        lines.push(
          withUserText(
            (v) =>
              t("summaries.stageWithReason", {
                ...v,
                stage: t(`stages.${str(content.stage) as "stopped"}`),
              }),
            { reason: str(content.stageReason) },
          ),
        );
      break;
    }
    case "SCHEDULE_PHASE": {
      const days = list(content.days).map((day) => t(`weekdays.${day as "mon"}`));
      if (days.length) lines.push(t("summaries.phaseDays", { days: days.join(", ") }));
      if (content.tasksIncluded)
        lines.push(
          withUserText((v) => t("summaries.included", v), { tasks: str(content.tasksIncluded) }),
        );
      if (content.tasksExcluded)
        lines.push(
          withUserText((v) => t("summaries.excluded", v), { tasks: str(content.tasksExcluded) }),
        );
      break;
    }
    case "AGREEMENT":
      lines.push(typed(str(content.text)));
      if (content.frequency)
        lines.push(
          withUserText((v) => t("summaries.frequency", v), {
            frequency: str(content.frequency),
          }),
        );
      if (content.whoTells)
        lines.push(t("summaries.whoTells", { who: t(`tellers.${str(content.whoTells) as "hr"}`) }));
      break;
    case "REVIEW":
      if (content.note) lines.push(typed(str(content.note)));
      break;
  }
  if (lines.length === 0) return null;
  return (
    // Line breaks people typed are kept (whitespace-pre-line, inherited by every line).
    <ul className="mt-1 flex flex-col gap-0.5 whitespace-pre-line text-ink">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item's lines are rebuilt, never reordered
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * One field of an item as people read it: labels instead of codes, dates
 * written out, lists joined. What the history compares, word by word.
 */
export function fieldText(
  t: ReturnType<typeof useTranslation<"plans">>["t"],
  field: string,
  value: unknown,
  catalogue: CatalogueView,
  formatDate: (iso: string) => string,
): string {
  if (value === undefined || value === null) return "";
  switch (field) {
    case "area":
      return t(`areas.${str(value) as "personal"}`);
    case "effects":
      return list(value)
        .map((id) => catalogue.effects.find((effect) => effect.id === id)?.label ?? id)
        .join(", ");
    case "catalogueId":
      return catalogue.adjustments.find((a) => a.id === str(value))?.title ?? str(value);
    case "stage":
      return t(`stages.${str(value) as "planned"}`);
    case "topic":
      return t(`topics.${str(value) as "contact"}`);
    case "whoTells":
      return t(`tellers.${str(value) as "hr"}`);
    case "days":
      return list(value)
        .map((day) => t(`weekdays.${day as "mon"}`))
        .join(", ");
    case "startDate":
    case "reviewDate":
    case "date":
      return formatDate(str(value));
    default:
      return Array.isArray(value) ? value.map(String).join(", ") : String(value);
  }
}
