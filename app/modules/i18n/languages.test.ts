import { describe, expect, test } from "vitest";
import { languageFromAcceptLanguage, languageOfRequest, readCookie } from "./languages.ts";

describe("languageFromAcceptLanguage", () => {
  test.each([
    ["nl-NL,nl;q=0.9,en;q=0.8", "nl"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-BE", "fr"],
    ["de-DE,de;q=0.9,fr;q=0.5,en;q=0.7", "en"], // highest q among supported
    ["en;q=0.5,fr;q=0.5", "en"], // ties keep header order
    ["nl;q=0,en", "en"], // q=0 means "not this one"
    ["*", undefined],
    ["de-DE", undefined],
    ["", undefined],
  ])("%j → %s", (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("languageOfRequest", () => {
  const request = (headers: Record<string, string>) =>
    new Request("http://localhost/", { headers });

  test("the cookie wins over the browser's preference", () => {
    expect(
      languageOfRequest(request({ cookie: "a=1; werkpad_lang=fr", "accept-language": "en" })),
    ).toBe("fr");
  });
  test("an unknown language in the cookie is ignored", () => {
    expect(languageOfRequest(request({ cookie: "werkpad_lang=xx", "accept-language": "en" }))).toBe(
      "en",
    );
  });
  test("Dutch when nothing else is known", () => {
    expect(languageOfRequest(request({}))).toBe("nl");
  });
});

test("readCookie decodes the value of the named cookie only", () => {
  expect(readCookie("x=1; werkpad_lang=en%20x; y=2", "werkpad_lang")).toBe("en x");
  expect(readCookie("werkpad_lang_other=fr", "werkpad_lang")).toBeUndefined();
});

test("readCookie ignores a value with bad percent-encoding instead of failing", () => {
  expect(readCookie("werkpad_lang=%E0%A4%A", "werkpad_lang")).toBeUndefined();
  expect(readCookie("werkpad_lang=%E0%A4%A; werkpad_lang=fr", "werkpad_lang")).toBe("fr");
  expect(
    languageOfRequest(
      new Request("http://localhost/", {
        headers: { cookie: "werkpad_lang=%E0%A4%A", "accept-language": "en" },
      }),
    ),
  ).toBe("en");
});
