import "i18next";
import type agreements from "#app/locales/en/agreements.json";
import type auth from "#app/locales/en/auth.json";
import type billing from "#app/locales/en/billing.json";
import type cases from "#app/locales/en/cases.json";
import type checkins from "#app/locales/en/checkins.json";
import type common from "#app/locales/en/common.json";
import type design from "#app/locales/en/design.json";
import type emails from "#app/locales/en/emails.json";
import type guides from "#app/locales/en/guides.json";
import type home from "#app/locales/en/home.json";
import type insights from "#app/locales/en/insights.json";
import type organization from "#app/locales/en/organization.json";
import type physician from "#app/locales/en/physician.json";
import type planForms from "#app/locales/en/planForms.json";
import type plans from "#app/locales/en/plans.json";
import type privacy from "#app/locales/en/privacy.json";
import type timelines from "#app/locales/en/timelines.json";
import type twoFactor from "#app/locales/en/twoFactor.json";

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
      agreements: typeof agreements;
      guides: typeof guides;
      billing: typeof billing;
      checkins: typeof checkins;
      timelines: typeof timelines;
      privacy: typeof privacy;
      organization: typeof organization;
      twoFactor: typeof twoFactor;
      insights: typeof insights;
    };
  }
}
