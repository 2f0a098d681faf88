import { describe, expect, test } from "vitest";
import {
  caseListHref,
  decodeCursor,
  encodeCursor,
  maxSearchLength,
  parseCaseListQuery,
  statusesOf,
} from "./case-list.ts";

const cursor = {
  status: "RETURNING" as const,
  updatedAt: new Date("2026-11-29T10:15:30.123Z"),
  id: "cmx2j76to01zimb7dymlxttwj",
};

describe("the case list's cursor", () => {
  test("travels in the address and comes back the same, to the millisecond", () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[\w-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  test.each([
    "",
    "not a cursor",
    "%%%",
    btoa("RETURNING~1"),
    btoa("returning~1~x"),
    btoa("RETURNING~-1~x"),
    btoa("RETURNING~1.5~x"),
    btoa("RETURNING~1~"),
    btoa("RETURNING~1~x y"),
    btoa(`RETURNING~1~${"x".repeat(65)}`),
    btoa("RETURNING~999999999999999~x"),
    "A".repeat(201),
  ])("%j is no cursor", (value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});

describe("the case list's address", () => {
  const parse = (search: string) => parseCaseListQuery(new URLSearchParams(search));

  test("empty or missing parameters are the defaults: every case, no search, the first page", () => {
    const defaults = { status: "all", q: "", after: null, before: null };
    expect(parse("")).toEqual(defaults);
    expect(parse("status=&q=&after=&before=")).toEqual(defaults);
  });

  test("the search is tidied: spaces trimmed and single", () => {
    expect(parse("q=%20Anna%20%20%0A%20Jansen%20")?.q).toBe("Anna Jansen");
    expect(parse(`q=${"x".repeat(maxSearchLength)}`)?.q).toHaveLength(maxSearchLength);
  });

  test.each([
    "status=CLOSED",
    "status=unknown",
    "after=nonsense",
    `after=${encodeCursor(cursor)}&before=${encodeCursor(cursor)}`,
    `q=${"x".repeat(maxSearchLength + 1)}`,
  ])("%s is not an address the page makes", (search) => {
    expect(parse(search)).toBeNull();
  });

  test("links carry only what differs from the defaults", () => {
    expect(caseListHref({ status: "all", q: "" })).toBe("/cases");
    expect(caseListHref({ status: "open", q: "Anna Jansen" }, { after: "abc" })).toBe(
      "/cases?status=open&q=Anna+Jansen&after=abc",
    );
    const back = caseListHref({ status: "closed", q: "" }, { before: encodeCursor(cursor) });
    expect(parse(back.split("?")[1] ?? "")?.before).toEqual(cursor);
  });

  test("each filter's statuses, closed cases last", () => {
    expect(statusesOf("all")).toEqual(["PREPARING", "ABSENT", "RETURNING", "SUSTAINED", "CLOSED"]);
    expect(statusesOf("open")).not.toContain("CLOSED");
    expect(statusesOf("sustained")).toEqual(["SUSTAINED"]);
  });
});
