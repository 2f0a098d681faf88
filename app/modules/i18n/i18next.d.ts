import "i18next";
import type auth from "#app/locales/en/auth.json";
import type cases from "#app/locales/en/cases.json";
import type common from "#app/locales/en/common.json";
import type design from "#app/locales/en/design.json";
import type emails from "#app/locales/en/emails.json";
import type home from "#app/locales/en/home.json";
import type physician from "#app/locales/en/physician.json";
import type planForms from "#app/locales/en/planForms.json";
import type plans from "#app/locales/en/plans.json";

// Translation keys are checked at compile time against the English catalogues;
// a test checks that every language has exactly the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: {
      common: typeof common;
      auth: typeof auth;
      emails: typeof emails;
      cases: typeof cases;
      plans: typeof plans;
      physician: typeof physician;
      planForms: typeof planForms;
      home: typeof home;
      design: typeof design;
    };
  }
}
