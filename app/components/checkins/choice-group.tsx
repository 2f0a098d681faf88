import type { ReactNode } from "react";
import { cx } from "#app/components/ui/cx.ts";
import { FieldError } from "#app/components/ui/field.tsx";

/**
 * One question answered by choosing one option: native radio buttons in a
 * radio group named by the question (a group rather than a fieldset, which
 * may not carry `aria-invalid`). Its error (a translation key) is tied to
 * the group, and the choice made before a refused submission stays chosen.
 * `row` lays the options out side by side (a 1 to 5 scale), else one a line.
 */
export function ChoiceGroup({
  id,
  name,
  legend,
  hint,
  options,
  defaultValue,
  errors,
  row = false,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: Array<{ value: string; label: ReactNode; note?: ReactNode }>;
  defaultValue?: string | undefined;
  errors?: string[] | undefined;
  row?: boolean;
}) {
  const legendId = `${id}-legend`;
  const hintId = hint ? `${id}-description` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div
      id={id}
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={describedBy}
      aria-invalid={errorId ? true : undefined}
      className="flex flex-col gap-2"
    >
      <p id={legendId} className="mb-1 font-semibold text-ink">
        {legend}
      </p>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <div className={row ? "grid grid-cols-5 gap-2" : "flex flex-col gap-2"}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              "flex min-h-11 cursor-pointer gap-2 rounded-lg border bg-surface px-3 py-2 has-checked:border-brand-600 has-checked:bg-brand-50",
              row ? "flex-col items-center text-center" : "items-center",
              errorId ? "border-danger-600" : "border-line",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              defaultChecked={option.value === defaultValue}
              className="size-5 accent-brand-600"
            />
            <span className={row ? "text-lg font-semibold" : ""}>{option.label}</span>
            {option.note ? <span className="text-sm text-muted">{option.note}</span> : null}
          </label>
        ))}
      </div>
      {errorId ? <FieldError id={errorId} errors={errors ?? []} /> : null}
    </div>
  );
}
