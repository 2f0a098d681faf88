import { type ReactNode, useId, useRef } from "react";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { Button } from "./button.tsx";

/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * closes it on Escape and returns focus to the button that opened it.
 */
export function Dialog({
  trigger,
  title,
  children,
}: {
  trigger: ReactNode;
  title: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant="secondary" onClick={() => ref.current?.showModal()} aria-haspopup="dialog">
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-line bg-surface p-6 text-ink shadow-xl backdrop:bg-ink/50"
      >
        <h2 id={titleId} className="mb-3 text-lg font-semibold">
          {title}
        </h2>
        <div className="mb-6">{children}</div>
        <form method="dialog" className="flex justify-end">
          <Button type="submit" variant="secondary">
            {t("actions.close")}
          </Button>
        </form>
      </dialog>
    </>
  );
}
