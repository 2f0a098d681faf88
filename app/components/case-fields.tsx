import type { FieldMetadata } from "@conform-to/react";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { countries, departmentMaxLength, startKinds } from "#app/modules/cases/case-form.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";

type Person = { id: string; name: string; email?: string };
type Fields = Record<
  "managerId" | "physicianId" | "country" | "startKind" | "startDate" | "department",
  FieldMetadata<unknown>
>;

/** Who takes part in a case and whose rules apply: shared by opening a case and editing it. */
export function CaseFields({
  fields,
  candidates,
  departments,
}: {
  fields: Fields;
  candidates: { managers: Person[]; physicians: Person[] };
  /** The organisation's departments so far, offered while typing. */
  departments: string[];
}) {
  const { t } = useTranslation("cases");
  const { t: ta } = useTranslation("auth");
  const people = (list: Person[]) =>
    list.map((person) => ({
      value: person.id,
      label: person.email ? `${person.name} (${person.email})` : person.name,
    }));
  return (
    <>
      <SelectField
        {...fieldProps(fields.managerId)}
        label={t("form.manager")}
        placeholder="—"
        options={people(candidates.managers)}
      />
      <SelectField
        {...fieldProps(fields.physicianId)}
        label={t("form.physician")}
        placeholder={t("form.noPhysician")}
        options={people(candidates.physicians)}
      />
      <TextField
        {...fieldProps(fields.department)}
        label={t("form.department")}
        hint={t("form.departmentHint", { max: departmentMaxLength })}
        list="department-suggestions"
        autoComplete="off"
      />
      <datalist id="department-suggestions">
        {departments.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <SelectField
        {...fieldProps(fields.country)}
        label={t("form.country")}
        hint={t("form.countryHint")}
        options={countries.map((country) => ({
          value: country,
          label: ta(`countries.${country}`, { ns: "common" }),
        }))}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          {...fieldProps(fields.startKind)}
          label={t("form.startKind")}
          options={startKinds.map((kind) => ({ value: kind, label: t(`startKinds.${kind}`) }))}
        />
        <TextField
          {...fieldProps(fields.startDate)}
          type="date"
          label={t("form.startDate")}
          hint={t("form.startDateHint")}
        />
      </div>
    </>
  );
}
