import "i18next";
import type common from "#app/locales/en/common.json";

// Translation keys are checked at compile time against the English catalogue;
// a test checks that every language has exactly the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: { common: typeof common };
  }
}
