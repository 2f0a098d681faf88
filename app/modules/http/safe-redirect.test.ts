import { expect, test } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

test.each([
  ["/cases/1?tab=plan", "/cases/1?tab=plan"],
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["https://evil.example", "/"],
  ["cases", "/"],
  [null, "/"],
])("safeRedirect(%j) → %s", (value, expected) => {
  expect(safeRedirect(value)).toBe(expected);
});
