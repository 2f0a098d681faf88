import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useState,
} from "react";
import { parseErrorMessage } from "#app/modules/error-messages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
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
      {errorId ? <FieldError id={errorId} errors={errors ?? []} /> : null}
    </div>
  );
}

/** A field's error messages (translation keys), with the icon, under the field it describes. */
export function FieldError({ id, errors }: { id: string; errors: string[] }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm font-medium text-danger-700">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 fill-current">
        <path d="M10 1.5a8.5 8.5 0 1 1 0 17 8.5 8.5 0 0 1 0-17Zm0 11.75a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm0-8a1 1 0 0 0-1 1v5a1 1 0 1 0 2 0v-5a1 1 0 0 0-1-1Z" />
      </svg>
      <span>
        {errors
          .map((message) => {
            const { key, values } = parseErrorMessage(message);
            return t(key as never, values);
          })
          .join(" ")}
      </span>
    </p>
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

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
  /**
   * The most characters the field takes. Shown before anyone types, with a
   * count that follows the typing. Never enforced by the browser (a paste
   * would be cut off unseen): the form's validation says what is too long,
   * and keeps the text.
   */
  limit?: number;
};

export function TextAreaField({
  id,
  label,
  hint,
  errors,
  className,
  rows = 3,
  limit,
  onInput,
  ...textarea
}: TextAreaFieldProps) {
  const [length, setLength] = useState(
    typeof textarea.defaultValue === "string" ? textarea.defaultValue.length : 0,
  );
  const countId = `${id}-count`;
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <>
          <textarea
            {...textarea}
            id={id}
            rows={rows}
            aria-invalid={invalid || undefined}
            aria-describedby={limit ? cx(describedBy, countId) : describedBy}
            onInput={(event) => {
              setLength(event.currentTarget.value.length);
              onInput?.(event);
            }}
            className={cx(controlClasses(invalid), "leading-relaxed", className)}
          />
          {limit ? <CharacterCount id={countId} length={length} limit={limit} /> : null}
        </>
      )}
    </FieldFrame>
  );
}

/** "120 of 4000 characters"; past the limit it says by how much, and screen readers hear it once. */
function CharacterCount({ id, length, limit }: { id: string; length: number; limit: number }) {
  const { t } = useTranslation();
  const over = length - limit;
  return (
    <>
      <p id={id} className={cx("text-sm", over > 0 ? "font-medium text-danger-700" : "text-muted")}>
        {over > 0
          ? t("validation.charactersOver", { count: over, max: limit })
          : t("validation.characters", { count: length, max: limit })}
      </p>
      <p className="sr-only" aria-live="polite">
        {over > 0 ? t("validation.tooLong", { max: limit }) : ""}
      </p>
    </>
  );
}

/** One checkbox with its label, kept ticked after a refused submission (`defaultChecked`). */
export function CheckboxField({
  name,
  label,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  defaultChecked?: boolean;
}) {
  return (
    <label className="flex min-h-11 items-center gap-2">
      <input
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        className="size-4 accent-brand-600"
      />
      <span>{label}</span>
    </label>
  );
}

/** Several checkboxes answering one question, as a fieldset with its legend. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  defaultValue,
  errors,
  columns = 2,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: string; description?: string }>;
  defaultValue?: string[];
  errors?: string[];
  columns?: 1 | 2 | 4;
}) {
  const { t } = useTranslation();
  const chosen = new Set(defaultValue ?? []);
  const grid = columns === 4 ? "sm:grid-cols-4" : columns === 2 ? "sm:grid-cols-2" : "";
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="font-semibold text-ink">{legend}</legend>
      {hint ? <p className="text-sm text-muted">{hint}</p> : null}
      <div className={cx("grid gap-2", grid)}>
        {options.map((option) => (
          <label
            key={option.value}
            className="flex min-h-11 cursor-pointer items-start gap-2 rounded-lg border border-line bg-surface px-3 py-2 has-checked:border-brand-600 has-checked:bg-brand-50"
          >
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={chosen.has(option.value)}
              className="mt-1 size-4 accent-brand-600"
            />
            <span>
              <span className="font-medium">{option.label}</span>
              {option.description ? (
                <span className="block text-sm text-muted">{option.description}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p className="text-sm font-medium text-danger-700">
          {errors.map((key) => t(key as never)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
