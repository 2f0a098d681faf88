import { expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

test.each([
  ["/cases/1?tab=plan", "/cases/1?tab=plan"],
  ["/cases/1#item-2", "/cases/1#item-2"],
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["https://evil.example", "/"],
  ["cases", "/"],
  [null, "/"],
  [undefined, "/"],
  ["", "/"],
  // Browsers drop tabs and newlines, so these would become //evil.example.
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\r\n/evil.example", "/"],
  // A newline or other control character would also make the Location header invalid.
  ["/cases\nSet-Cookie: x=1", "/"],
  ["/cases\u0000", "/"],
  ["/cases\u007f", "/"],
  ["/cases/1\\..\\..", "/"],
  // Characters outside ASCII are percent-encoded, so the header stays valid.
  ["/。evil.example", "/%E3%80%82evil.example"],
  ["//evil。example", "/"],
  ["/caf\u00e9", "/caf%C3%A9"],
  [`/${"a".repeat(3000)}`, "/"],
])("safeRedirect(%j) → %s", (value, expected) => {
  expect(safeRedirect(value)).toBe(expected);
});

test("every answer is a valid header value on this site", () => {
  for (const value of ["/\u3002", "/\u2028x", "/\ud800", "/%00", "/a b"]) {
    const path = safeRedirect(value);
    expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
    expect(() => new Headers({ Location: path })).not.toThrow();
    expect(path).toMatch(/^[\x21-\x7e]+$/);
  }
});

test("the fallback can be chosen", () => {
  expect(safeRedirect("//evil.example", "/app")).toBe("/app");
});
