import { describe, expect, test } from "vitest";
import { createI18n } from "./i18n.ts";
import { resources } from "./resources.server.ts";

describe("the texts as people read them", () => {
  test("a name that ends a sentence keeps its own full stop and gets no second one", () => {
    for (const language of ["nl", "en", "fr"] as const) {
      const t = createI18n(language, resources).t;
      expect(t("auth:organizations.switched", { organization: "De Linde B.V." })).toMatch(
        /De Linde B\.V\.$/,
      );
      expect(t("auth:organizations.switched", { organization: "Schelde BV" })).toMatch(
        /Schelde BV\.$/,
      );
    }
  });

  test("counts take the plural form of the language", () => {
    const nl = createI18n("nl", resources).t;
    expect(nl("auth:account.sessionsIntro", { count: 1 })).toBe(
      "U bent op 1 apparaat ingelogd: dit apparaat.",
    );
    expect(nl("auth:account.sessionsIntro", { count: 3 })).toBe(
      "U bent op 3 apparaten ingelogd, dit apparaat meegeteld.",
    );
    const fr = createI18n("fr", resources).t;
    expect(fr("plans:catalogue.results", { count: 0 })).toBe("0 aménagement trouvé");
    expect(fr("plans:catalogue.results", { count: 2 })).toBe("2 aménagements trouvés");
    // French has a third form for large round numbers; it must not fall back to English.
    expect(fr("plans:catalogue.results", { count: 1_000_000 })).toMatch(/aménagements trouvés$/);
  });
});
