import { createContext, type ReactNode, useContext } from "react";

/**
 * Where keyboard focus goes after a save: to the element that changed (the
 * toast names it, see redirectWithToast), else to the message itself. Never
 * left on <body>, where a keyboard or screen reader user would start over at
 * the top of the page.
 *
 * Without JavaScript the server renders `autofocus` on that element. With
 * JavaScript the Toaster moves focus after each client-side navigation.
 * Elements that can be the target render `useFocusTarget(id)`; during server
 * rendering they claim the focus before the Toaster (which comes after the
 * page) decides whether its message needs it instead.
 */
type FocusTarget = { id: string | null; claimed: { current: boolean } };

const FocusTargetContext = createContext<FocusTarget>({ id: null, claimed: { current: false } });

export function FocusTargetProvider({
  target,
  children,
}: {
  target: FocusTarget;
  children: ReactNode;
}) {
  return <FocusTargetContext.Provider value={target}>{children}</FocusTargetContext.Provider>;
}

/** The props of an element that a save can point focus to. */
export function useFocusTarget(id: string) {
  const target = useContext(FocusTargetContext);
  const isTarget = target.id === id;
  if (isTarget) target.claimed.current = true;
  return { id, tabIndex: -1, autoFocus: isTarget || undefined };
}

/** Whether an element on the page takes the focus the toast points to. */
export function useFocusTargetClaimed(): boolean {
  return useContext(FocusTargetContext).claimed.current;
}
