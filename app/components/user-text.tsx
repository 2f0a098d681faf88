import { Fragment, type ReactNode } from "react";
import { useRouteLoaderData } from "react-router";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { loader as rootLoader } from "#app/root.tsx";

/**
 * Text that people typed (plan items, advice, remarks, notes) is in the
 * language of their organisation, whatever language the page is in. When the
 * two differ, the text carries its own `lang`, so a screen reader pronounces
 * French as French on a Dutch page (WCAG 3.1.2). Names need no mark.
 */
export function UserText({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const written = useRouteLoaderData<typeof rootLoader>("root")?.account?.contentLanguage;
  if (!written || written === i18n.language) return <>{children}</>;
  return <span lang={written}>{children}</span>;
}

const mark = "\u2063"; // INVISIBLE SEPARATOR: never in a catalogue, never typed by accident

/**
 * A translated sentence around typed text, e.g. "Helps: <typed text>": the
 * sentence is the page's language, each typed value is wrapped in UserText.
 *
 *   withUserText((values) => t("summaries.helps", values), { text: content.whatHelps })
 */
export function withUserText<Name extends string>(
  translate: (values: Record<Name, string>) => string,
  typed: Record<Name, string>,
): ReactNode {
  const placeholders = Object.fromEntries(
    Object.keys(typed).map((name) => [name, `${mark}${name}${mark}`]),
  ) as Record<Name, string>;
  const parts = translate(placeholders).split(new RegExp(`${mark}(\\w+)${mark}`));
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never move
      <UserText key={index}>{typed[part as Name]}</UserText>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never move
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
