import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { parseErrorMessage } from "#app/modules/validation.ts";
import { cx } from "./cx.ts";

/**
 * Form fields with their label, hint and error. Error messages are translation
 * keys (validation schemas carry keys, not text), so the same schema serves
 * every language on the server and in the browser. The ids follow Conform's
 * convention (`<id>-description`, `<id>-error`).
 */
type FieldFrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
};

function FieldFrame({ id, label, hint, errors, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-description` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-semibold text-ink">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children(describedBy, Boolean(errorId))}
      {errorId ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-danger-700">
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="mt-0.5 size-4 shrink-0 fill-current"
          >
            <path d="M10 1.5a8.5 8.5 0 1 1 0 17 8.5 8.5 0 0 1 0-17Zm0 11.75a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm0-8a1 1 0 0 0-1 1v5a1 1 0 1 0 2 0v-5a1 1 0 0 0-1-1Z" />
          </svg>
          <span>
            {errors
              ?.map((message) => {
                const { key, values } = parseErrorMessage(message);
                return t(key as never, values);
              })
              .join(" ")}
          </span>
        </p>
      ) : null}
    </div>
  );
}

const controlClasses = (invalid: boolean) =>
  cx(
    "min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink shadow-xs",
    invalid ? "border-danger-600" : "border-line",
  );

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
};

export function TextField({ id, label, hint, errors, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <input
          {...input}
          id={id}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={cx(controlClasses(invalid), className)}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
  options: Array<{ value: string; label: string }>;
  /** Shown as an empty first option, so nothing is chosen by accident. */
  placeholder?: string;
};

export function SelectField({
  id,
  label,
  hint,
  errors,
  options,
  placeholder,
  className,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <select
          {...select}
          id={id}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={cx(controlClasses(invalid), "pr-8", className)}
        >
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
