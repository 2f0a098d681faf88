import { useEffect, useRef, useState } from "react";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * An optional drawn signature: a canvas to draw on with a mouse, a finger or a
 * pen, kept in a hidden field as a PNG. Without JavaScript the canvas is not
 * shown and the typed name is the signature; the drawing library loads only
 * when the form is on screen.
 */
export function SignaturePad({ name, maxLength }: { name: string; maxLength: number }) {
  const { t } = useTranslation("agreements");
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<{ clear(): void; toDataURL(): string; isEmpty(): boolean } | null>(null);
  const [value, setValue] = useState("");
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    void import("signature_pad").then(({ default: SignaturePadLibrary }) => {
      const element = canvas.current;
      if (cancelled || !element) return;
      // Drawn at the screen's pixel density, so the signature is sharp when printed.
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      element.width = element.offsetWidth * ratio;
      element.height = element.offsetHeight * ratio;
      element.getContext("2d")?.scale(ratio, ratio);
      const instance = new SignaturePadLibrary(element, { penColor: "#1c1917" });
      const update = () => {
        const png = instance.isEmpty() ? "" : instance.toDataURL("image/png");
        setValue(png.length <= maxLength ? png : "");
      };
      instance.addEventListener("endStroke", update);
      pad.current = instance;
      setReady(true);
      cleanup = () => {
        instance.removeEventListener("endStroke", update);
        instance.off();
      };
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [maxLength]);

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-semibold text-ink">{t("sign.drawLegend")}</legend>
      <p id="drawing-hint" className="text-sm text-muted">
        {t("sign.drawHint")}
      </p>
      <canvas
        ref={canvas}
        aria-label={t("sign.drawCanvas")}
        aria-describedby="drawing-hint"
        className="h-36 w-full max-w-md touch-none rounded-lg border border-line bg-surface"
      />
      <input type="hidden" name={name} value={value} />
      <div>
        <button
          type="button"
          className="btn btn-ghost"
          disabled={!ready || value === ""}
          onClick={() => {
            pad.current?.clear();
            setValue("");
          }}
        >
          {t("sign.drawClear")}
        </button>
      </div>
    </fieldset>
  );
}
