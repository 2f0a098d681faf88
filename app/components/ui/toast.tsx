import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Toast } from "#app/modules/http/toast.ts";
import { cx } from "./cx.ts";

const tones: Record<Toast["kind"], string> = {
  success: "border-success-700/30 bg-success-50 text-success-700",
  error: "border-danger-600/30 bg-danger-50 text-danger-700",
  info: "border-info-700/30 bg-info-50 text-info-700",
};

/**
 * Shows the message an action left for the next page. It stays until dismissed
 * (no timer: people who read slowly must not miss it) and is announced by
 * screen readers through a live region.
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Toast | null>(toast);
  useEffect(() => setVisible(toast), [toast]);
  return (
    <div
      role={visible?.kind === "error" ? "alert" : "status"}
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {visible ? (
        <div
          className={cx(
            "pointer-events-auto flex max-w-lg items-start gap-3 rounded-lg border px-4 py-3 shadow-lg",
            tones[visible.kind],
          )}
        >
          <p className="font-medium">{t(visible.message as never, visible.values)}</p>
          <button
            type="button"
            onClick={() => setVisible(null)}
            className="-my-1 -mr-2 rounded-md px-2 py-1 text-sm font-semibold underline"
          >
            {t("actions.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
