import { useEffect, useRef, useState } from "react";
import type { Toast } from "#app/modules/http/toast.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { cx } from "./cx.ts";
import { useFocusTargetClaimed } from "./focus-target.tsx";

const tones: Record<Toast["kind"], string> = {
  success: "border-success-700/30 bg-success-50 text-success-700",
  error: "border-danger-600/30 bg-danger-50 text-danger-700",
  info: "border-info-700/30 bg-info-50 text-info-700",
};

/**
 * Shows the message an action left for the next page. It stays until dismissed
 * (no timer: people who read slowly must not miss it) and is announced by
 * screen readers through a live region.
 *
 * After a save, keyboard focus moves to what changed, else to this message
 * (see focus-target.tsx). While the message shows, the page keeps room for it
 * at the bottom (app.css: scroll-padding and padding), so it never covers the
 * control that has focus (WCAG 2.4.11).
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<Toast | null>(null);
  const visible = toast && toast !== dismissed ? toast : null;
  const claimed = useFocusTargetClaimed();
  const box = useRef<HTMLDivElement>(null);
  const message = useRef<HTMLParagraphElement>(null);

  // After a client-side navigation (the server renders autofocus for full page loads).
  useEffect(() => {
    if (!toast) return;
    const changed = toast.focus ? document.getElementById(toast.focus) : null;
    const target = changed ?? message.current;
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    target.focus();
  }, [toast]);

  // The room the page keeps free is as tall as the message (12rem without JavaScript).
  useEffect(() => {
    const element = box.current;
    if (!visible || !element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty("--toast-space", `${element.offsetHeight + 32}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--toast-space");
    };
  }, [visible]);

  function dismiss() {
    // Focus must not fall back to <body> when the message it was on goes away.
    if (box.current?.contains(document.activeElement)) document.getElementById("main")?.focus();
    setDismissed(visible);
  }

  return (
    <div
      role={visible?.kind === "error" ? "alert" : "status"}
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {visible ? (
        <div
          ref={box}
          data-toast
          className={cx(
            "pointer-events-auto flex max-w-lg items-start gap-3 rounded-lg border px-4 py-3 shadow-lg",
            tones[visible.kind],
          )}
        >
          <p
            ref={message}
            tabIndex={-1}
            // biome-ignore lint/a11y/noAutofocus: after a save without JavaScript only autofocus moves focus off <body>
            autoFocus={!claimed || undefined}
            className="font-medium"
          >
            {t(visible.message as never, visible.values)}
          </p>
          <button
            type="button"
            onClick={dismiss}
            className="-my-1 -mr-2 rounded-md px-2 py-1 text-sm font-semibold underline"
          >
            {t("actions.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
