import type { i18n as I18n, Namespace, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

/**
 * The translation hook every component uses: `const { t, i18n } =
 * useTranslation("plans")`. react-i18next's own hook copies every property of
 * the i18n instance into a new wrapper the first time each component renders,
 * so that a language change re-renders; on the server every render is a first
 * render, and the plan page calls the hook a few hundred times per request
 * (a fifth of its CPU time in a profile). Werkpad never changes a page's
 * language in place (switching reloads the page), so one fixed `t` per
 * namespace, made once per i18n instance, serves every component.
 */
const fixedTs = new WeakMap<I18n, Map<string, TFunction>>();

export function useTranslation<const N extends Namespace = "common">(
  namespace?: N,
): { t: TFunction<N>; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  let byNamespace = fixedTs.get(i18n);
  if (!byNamespace) {
    byNamespace = new Map();
    fixedTs.set(i18n, byNamespace);
  }
  const key: string =
    namespace === undefined ? "" : typeof namespace === "string" ? namespace : namespace.join(",");
  let t = byNamespace.get(key);
  if (!t) {
    t = i18n.getFixedT(null, namespace ?? null) as TFunction;
    byNamespace.set(key, t);
  }
  return { t: t as TFunction<N>, i18n };
}
