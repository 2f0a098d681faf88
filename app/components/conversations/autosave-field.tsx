import { useEffect, useRef, useState } from "react";
import { useFetcher } from "react-router";
import { TextAreaField } from "#app/components/ui/field.tsx";
import { medicalWordsIn } from "#app/modules/content/medical-words.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * A text that saves itself as people type (a second after they stop, and
 * when the tab is hidden or closed), so nothing is lost; inside its form it
 * is also sent with the form's own button, which works without JavaScript.
 * `warnHealth` adds the soft warning for employer-side notes: words from the
 * medical deny-list make it remind the writer to keep to work.
 */
export function AutosaveField({
  id,
  name,
  label,
  hint,
  defaultValue,
  savedAt,
  autosave,
  limit,
  warnHealth = false,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  savedAt: Date | string | null;
  /** Where the text is saved, and the fields that say what it is. */
  autosave: { action: string; fields: Record<string, string> };
  limit: number;
  warnHealth?: boolean;
}) {
  const { t, i18n } = useTranslation("guides");
  const fetcher = useFetcher<{ savedAt: string; healthWords: boolean }>();
  const [value, setValue] = useState(defaultValue);
  const [dirty, setDirty] = useState(false);
  const latest = useRef({ value, dirty });
  latest.current = { value, dirty };

  const save = (text: string) => {
    setDirty(false);
    void fetcher.submit(
      { ...autosave.fields, body: text },
      { method: "post", action: autosave.action },
    );
  };

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => save(value), 1000);
    return () => clearTimeout(timer);
  });

  // A closed or hidden tab still gets the last words saved.
  useEffect(() => {
    const flush = () => {
      if (!latest.current.dirty) return;
      const body = new URLSearchParams({ ...autosave.fields, body: latest.current.value });
      navigator.sendBeacon(autosave.action, body);
      setDirty(false);
    };
    const onHidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHidden);
    };
  }, [autosave.action, autosave.fields]);

  const saved = fetcher.data?.savedAt ?? savedAt;
  const health = warnHealth && medicalWordsIn(value).length > 0;
  return (
    <div className="flex flex-col gap-1">
      <TextAreaField
        id={id}
        name={name}
        label={label}
        hint={hint}
        defaultValue={defaultValue}
        limit={limit}
        rows={4}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setDirty(true);
        }}
      />
      <p className="text-sm text-muted" aria-live="polite">
        {fetcher.state !== "idle"
          ? t("autosave.saving")
          : dirty
            ? t("autosave.unsaved")
            : saved
              ? t("autosave.saved", { time: formatMoment(i18n.language, saved) })
              : ""}
      </p>
      {health ? (
        <p role="status" className="rounded-lg border border-line bg-info-50 px-3 py-2 text-sm">
          {t("autosave.healthWarning")}
        </p>
      ) : null}
    </div>
  );
}
