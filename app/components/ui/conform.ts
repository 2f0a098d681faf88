import type { FieldMetadata } from "@conform-to/react";

/**
 * The props TextField and SelectField need from a Conform field: its id, name,
 * value to start from and errors. Leaves out `key`, which React will not take
 * from a spread.
 */
export function fieldProps(field: FieldMetadata<unknown>) {
  return {
    id: field.id,
    name: field.name,
    form: field.formId,
    defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined,
    errors: field.errors,
    required: field.required,
  };
}

/** The values a multiple-choice field starts with. */
export function initialList(field: FieldMetadata<unknown>): string[] {
  const value = field.initialValue;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" && value ? [value] : [];
}

/** The props of a CheckboxField from a Conform field: ticked when the submission had it ticked. */
export function checkboxProps(field: FieldMetadata<unknown>) {
  return { name: field.name, defaultChecked: field.initialValue === "on" };
}
