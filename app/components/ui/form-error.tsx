import { parseErrorMessage } from "#app/modules/error-messages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

/** Errors about the whole form (wrong password, too many attempts), announced when they appear. */
export function FormError({ errors, id }: { errors: string[] | undefined; id?: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div
      id={id}
      role="alert"
      className="rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 text-danger-700"
    >
      {errors.map((message) => {
        const { key, values } = parseErrorMessage(message);
        return (
          <p key={message} className="font-medium">
            {t(key as never, values)}
          </p>
        );
      })}
    </div>
  );
}

/** A short confirmation in the page itself (not a toast), for answers people must not miss. */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-brand-900"
    >
      {children}
    </div>
  );
}
