import type { ReactNode } from "react";
import { SelectField } from "#app/components/ui/field.tsx";
import { languageNames, languages } from "#app/modules/i18n/languages.ts";

/** The language a PDF is written in: Dutch, English or French, each named in itself. */
export function DocumentLanguageField(props: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  defaultValue: string;
  errors?: string[];
}) {
  return (
    <SelectField
      {...props}
      options={languages.map((language) => ({ value: language, label: languageNames[language] }))}
    />
  );
}
