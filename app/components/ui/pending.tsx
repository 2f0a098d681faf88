import { useNavigation } from "react-router";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/**
 * A thin bar at the top of the page while a navigation or form submission is
 * under way, with the same news for screen readers.
 */
export function NavigationProgress() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <div
        aria-hidden="true"
        className={
          busy
            ? "fixed inset-x-0 top-0 z-50 h-1 animate-pulse bg-brand-600"
            : "fixed inset-x-0 top-0 z-50 h-1 bg-transparent"
        }
      />
      <p className="sr-only" role="status">
        {busy ? t("app.loading") : ""}
      </p>
    </>
  );
}

/** True while this form (by action, or any form when omitted) is being submitted. */
export function useIsSubmitting(formAction?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || !navigation.formMethod) return false;
  return formAction === undefined || navigation.formAction === formAction;
}

/**
 * True while a form with this intent (the `intent` field or its submit button)
 * is being sent; with `fields`, only the one of several such forms whose
 * fields have these values (one deadline's "done" among many).
 */
export function useSubmittingIntent(intent: string, fields: Record<string, string> = {}): boolean {
  const navigation = useNavigation();
  const sent = navigation.formData;
  return (
    navigation.state !== "idle" &&
    sent?.get("intent") === intent &&
    Object.entries(fields).every(([name, value]) => sent.get(name) === value)
  );
}
