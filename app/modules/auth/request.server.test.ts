import { expect, test } from "vitest";
import { pagePath } from "./request.server.ts";

test.each([
  ["/cases/abc", "/cases/abc"],
  ["/cases/abc?tab=plan", "/cases/abc?tab=plan"],
  ["/cases/abc.data", "/cases/abc"],
  ["/cases/abc.data?_routes=root%2Croutes%2Fcases", "/cases/abc"],
  ["/cases/abc.data?q=desk&_routes=root", "/cases/abc?q=desk"],
  ["/_.data", "/"],
])("the page of %s is %s", (path, page) => {
  expect(pagePath(new Request(`http://localhost${path}`))).toBe(page);
});
