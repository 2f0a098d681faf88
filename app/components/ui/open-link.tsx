import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";

/**
 * What a page shows only when asked: a form to propose, to decline, to
 * repeat a phase. The page renders it when the address says `?open=<name>`,
 * so a page of many items does not carry a form per item, and it works the
 * same without JavaScript. With JavaScript, opening does not reload the
 * page's data (see `shouldRevalidate` of the route).
 */
export const openParameter = "open";

/** Whether the address asks for `name` to be open. */
export function useIsOpen(name: string): boolean {
  const [searchParams] = useSearchParams();
  return searchParams.get(openParameter) === name;
}

/** The link that opens `name` (the element with that id), or closes it when it is open. */
export function OpenLink({
  name,
  className,
  label,
  children,
}: {
  name: string;
  className: string;
  /** A name for screen readers when the visible text needs its context ("Say no: Flexible hours"). */
  label?: string;
  children: ReactNode;
}) {
  const [searchParams] = useSearchParams();
  const open = searchParams.get(openParameter) === name;
  const next = new URLSearchParams(searchParams);
  if (open) next.delete(openParameter);
  else next.set(openParameter, name);
  const search = next.toString();
  return (
    <Link
      to={{ search: search ? `?${search}` : "", hash: open ? "" : name }}
      preventScrollReset
      replace
      // The same page: nothing to discover.
      discover="none"
      aria-expanded={open}
      aria-controls={open ? name : undefined}
      aria-label={label}
      className={className}
    >
      {children}
    </Link>
  );
}

/**
 * Whether going from `current` to `next` changes only what is open (and the
 * other parameters named in `alsoIgnored`): then the page's data stays as it is.
 */
export function onlyOpenChanged(current: URL, next: URL, alsoIgnored: string[] = []): boolean {
  if (current.pathname !== next.pathname) return false;
  const rest = (url: URL) => {
    const params = new URLSearchParams(url.search);
    for (const name of [openParameter, ...alsoIgnored]) params.delete(name);
    params.sort();
    return params.toString();
  };
  return rest(current) === rest(next);
}
