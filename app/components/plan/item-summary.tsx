import { useTranslation } from "react-i18next";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import type { ItemKind } from "#app/modules/plans/content.ts";

type Content = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" ? value : "");
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

export function useDate() {
  const { i18n } = useTranslation();
  return (iso: string) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(
          new Date(`${iso}T00:00:00Z`),
        )
      : "";
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
      return t("summaries.reviewOn", { date: formatDate(str(content.date)) });
  }
}

/** What an item says, in plain sentences, whichever language it was written in. */
export function ItemDetails({
  kind,
  content,
  catalogue,
}: {
  kind: ItemKind;
  content: Content;
  catalogue: CatalogueView;
}) {
  const { t } = useTranslation("plans");
  const formatDate = useDate();
  const lines: string[] = [];
  switch (kind) {
    case "CAPACITY": {
      const effects = list(content.effects)
        .map((id) => catalogue.effects.find((effect) => effect.id === id)?.label ?? id)
        .join(", ");
      if (effects) lines.push(effects);
      if (content.whatHelps) lines.push(t("summaries.helps", { text: str(content.whatHelps) }));
      if (content.whatIsHard) lines.push(t("summaries.hard", { text: str(content.whatIsHard) }));
      break;
    }
    case "ADJUSTMENT": {
      const fromCatalogue = catalogue.adjustments.find((a) => a.id === str(content.catalogueId));
      if (fromCatalogue) lines.push(fromCatalogue.description);
      if (content.details) lines.push(str(content.details));
      lines.push(t("summaries.owner", { owner: str(content.owner) }));
      lines.push(t("summaries.starts", { date: formatDate(str(content.startDate)) }));
      if (content.reviewDate)
        lines.push(t("summaries.review", { date: formatDate(str(content.reviewDate)) }));
      if (content.stageReason)
        lines.push(
          `${t(`stages.${str(content.stage) as "stopped"}`)}: ${str(content.stageReason)}`,
        );
      break;
    }
    case "SCHEDULE_PHASE": {
      const days = list(content.days).map((day) => t(`weekdays.${day as "mon"}`));
      if (days.length) lines.push(t("summaries.phaseDays", { days: days.join(", ") }));
      if (content.tasksIncluded)
        lines.push(t("summaries.included", { tasks: str(content.tasksIncluded) }));
      if (content.tasksExcluded)
        lines.push(t("summaries.excluded", { tasks: str(content.tasksExcluded) }));
      break;
    }
    case "AGREEMENT":
      lines.push(str(content.text));
      if (content.frequency)
        lines.push(t("summaries.frequency", { frequency: str(content.frequency) }));
      if (content.whoTells)
        lines.push(t("summaries.whoTells", { who: t(`tellers.${str(content.whoTells) as "hr"}`) }));
      break;
    case "REVIEW":
      if (content.note) lines.push(str(content.note));
      break;
  }
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-col gap-0.5 text-ink">
      {lines.map((line) => (
        <li key={line} className="whitespace-pre-line">
          {line}
        </li>
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
