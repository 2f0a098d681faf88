import type { Namespace, TFunction } from "i18next";
import { createContext, createElement, type ReactNode, use, useContext } from "react";
import type { I18n } from "./i18n.ts";

/**
 * The translation hook every component uses: `const { t, i18n } =
 * useTranslation("plans")`. The translator (i18n.ts) comes from the page's
 * provider; a page's language never changes in place (switching reloads the
 * page), so one fixed `t` per namespace, made once per translator, serves
 * every component: the plan page calls this hook hundreds of times.
 */
const I18nContext = createContext<I18n | null>(null);
export function I18nProvider({ i18n, children }: { i18n: I18n; children?: ReactNode }) {
  return createElement(I18nContext.Provider, { value: i18n }, children);
}

/** Where the page says which texts it needs (read by entry.client.tsx before it starts). */
export const namespacesElementId = "i18n-namespaces";

/**
 * The namespaces the page used, as a hidden element at the end of the page:
 * on the server what rendering used so far, in the browser what was loaded at
 * the start (the same list, so hydration matches).
 */
export function NamespacesUsed() {
  const i18n = useContext(I18nContext);
  return createElement("div", {
    id: namespacesElementId,
    hidden: true,
    "data-namespaces": i18n?.namespacesUsed().join(",") ?? "",
  });
}

const fixedTs = new WeakMap<I18n, Map<string, TFunction>>();

export function useTranslation<const N extends Namespace = "common">(
  namespace?: N,
): { t: TFunction<N>; i18n: I18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation needs an I18nProvider above it");
  const namespaces: string[] =
    namespace === undefined ? ["common"] : ([] as string[]).concat(namespace as string | string[]);
  // In the browser, a page that needs texts not loaded yet waits for them
  // (React keeps the previous page on screen meanwhile).
  const missing = namespaces.filter((name) => !i18n.has(name));
  if (missing.length > 0) use(i18n.load(missing));
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
