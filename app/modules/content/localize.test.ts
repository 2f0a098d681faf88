import { expect, test } from "vitest";
import { localize } from "./localize.ts";

test("every text triple, at any depth, becomes the text in one language; the rest stays", () => {
  const content = {
    id: "x",
    title: { nl: "Titel", en: "Title", fr: "Titre" },
    steps: [{ id: "a", say: [{ nl: "Hallo", en: "Hello", fr: "Bonjour" }] }],
    sources: [{ title: "Source", url: "https://example.org" }],
  };
  expect(localize(content, "fr")).toEqual({
    id: "x",
    title: "Titre",
    steps: [{ id: "a", say: ["Bonjour"] }],
    sources: [{ title: "Source", url: "https://example.org" }],
  });
});
