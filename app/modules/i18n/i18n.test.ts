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

describe("the browser's translator", () => {
  const pageTexts = () => ({ en: { common: resources.en?.common ?? {} } });

  test("a text from a catalogue the page has not loaded waits for it, then reads it", async () => {
    const loaded: string[] = [];
    const i18n = createI18n("en", pageTexts(), {
      loadNamespace: async (language, namespace) => {
        loaded.push(`${language}/${namespace}`);
        return resources[language]?.[namespace];
      },
    });
    expect(i18n.has("plans")).toBe(false);
    // Named by prefix or by option alike: rendering suspends on the loading promise.
    const waiting = (() => {
      try {
        i18n.t("plans:catalogue.find");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(loaded).toEqual(["en/plans"]);
    expect(i18n.has("plans")).toBe(true);
    expect(i18n.t("plans:catalogue.find")).toBe("Find");
    expect(i18n.getFixedT(null, "common")("catalogue.find", { ns: "plans" })).toBe("Find");
  });

  test("the catalogues the page started with are the ones it reports, and nothing is fetched for them", () => {
    const i18n = createI18n("en", pageTexts(), {
      loadNamespace: () => Promise.reject(new Error("fetched")),
    });
    expect(i18n.namespacesUsed()).toEqual(["common"]);
    expect(i18n.t("app.name")).toBe("Werkpad");
  });

  test("on the server, the page learns which catalogues its texts came from", () => {
    const used = new Set<string>();
    const i18n = createI18n("nl", resources, { used });
    i18n.t("plans:catalogue.find");
    i18n.getFixedT(null, "cases")("list.manager" as never);
    expect(i18n.namespacesUsed().sort()).toEqual(["cases", "plans"]);
  });
});
