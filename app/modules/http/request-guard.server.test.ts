import { describe, expect, test } from "vitest";
import { crossSiteOrigin, hasRefusedCharacter, trustedOrigins } from "./request-guard.server.ts";

const post = (headers: Record<string, string>, url = "https://werkpad.example/cases") =>
  new Request(url, { method: "POST", headers });

describe("trusted origins", () => {
  test("in production only APP_URL's origin, whatever address the request came to", () => {
    expect(
      trustedOrigins("http://10.0.0.5:3000/cases", {
        APP_URL: "https://werkpad.example/",
        NODE_ENV: "production",
      }),
    ).toEqual(["https://werkpad.example"]);
  });

  test("outside production also the request's own origin, so localhost and LAN addresses work", () => {
    expect(
      trustedOrigins("http://127.0.0.1:3000/cases", {
        APP_URL: "http://localhost:3000",
        NODE_ENV: "development",
      }),
    ).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
  });
});

describe("a request from another site", () => {
  const trusted = ["https://werkpad.example"];

  test.each([
    [{ origin: "https://werkpad.example" }, null],
    [{ origin: "https://evil.example" }, "https://evil.example"],
    [{ origin: "null" }, "null"],
    [{ origin: "https://werkpad.example.evil.example" }, "https://werkpad.example.evil.example"],
    [{ origin: "http://werkpad.example" }, "http://werkpad.example"], // another scheme is another origin
    [{ origin: "https://sub.werkpad.example" }, "https://sub.werkpad.example"],
    // Without Origin, Sec-Fetch-Site decides; then Referer.
    [{ "sec-fetch-site": "same-origin" }, null],
    [{ "sec-fetch-site": "none" }, null],
    [{ "sec-fetch-site": "same-site" }, "(same-site)"],
    [{ "sec-fetch-site": "cross-site" }, "(cross-site)"],
    [{ referer: "https://werkpad.example/cases/1" }, null],
    [{ referer: "https://evil.example/page" }, "https://evil.example"],
    [{ referer: "not a url" }, "(unreadable referer)"],
    // Origin wins over the others.
    [{ origin: "https://evil.example", "sec-fetch-site": "same-origin" }, "https://evil.example"],
    // Not a browser: nothing to forge with.
    [{}, null],
  ])("%j → %s", (headers, expected) => {
    expect(crossSiteOrigin(post(headers), trusted)).toBe(expected);
  });
});

test.each([
  ["plain text", false],
  ["tab\tand newline\n are fine", false],
  ["nul \u0000 byte", true],
  ["lone surrogate \ud800", true],
  ["a pair 😀 is fine", false],
])("%j has a character PostgreSQL refuses: %s", (text, expected) => {
  expect(hasRefusedCharacter(text)).toBe(expected);
});
