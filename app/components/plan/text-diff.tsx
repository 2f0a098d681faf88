import { diffWords } from "diff";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * What changed in a text, word by word: removed words struck through, added
 * words marked. Screen readers do not announce <del> and <ins>, so each part
 * also says what it is.
 */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation("plans");
  return (
    <span className="whitespace-pre-line">
      {diffWords(before, after).map((part, index) => {
        const key = `${index}-${part.value}`;
        if (part.removed) {
          return (
            <del key={key} className="mr-0.5 rounded-sm bg-danger-50 px-0.5 text-danger-700">
              <span className="sr-only">{t("history.removedWords")} </span>
              {part.value}
            </del>
          );
        }
        if (part.added) {
          return (
            <ins
              key={key}
              className="rounded-sm bg-success-50 px-0.5 font-semibold text-success-700 no-underline"
            >
              <span className="sr-only">{t("history.addedWords")} </span>
              {part.value}
            </ins>
          );
        }
        return <span key={key}>{part.value}</span>;
      })}
    </span>
  );
}
