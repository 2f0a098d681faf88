import { describe, expect, test } from "vitest";
import type { StoredContent } from "./content.ts";
import { diffVersions, planHash, type SnapshotItem } from "./versions.ts";

const item = (
  id: string,
  content: StoredContent,
  kind: SnapshotItem["kind"] = "REVIEW",
): SnapshotItem => ({
  id,
  kind,
  content,
  proposedBySide: "EMPLOYER",
});

describe("plan versions", () => {
  test("the fingerprint depends on what the items say, not on their order or key order", () => {
    const a = [item("1", { date: "2026-12-01", note: "x" }), item("2", { date: "2027-01-05" })];
    const b = [item("2", { date: "2027-01-05" }), item("1", { note: "x", date: "2026-12-01" })];
    expect(planHash(a)).toBe(planHash(b));
    expect(planHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash([item("1", { date: "2026-12-02", note: "x" })])).not.toBe(planHash(a));
  });

  test("the differences between versions name the added, removed and changed items and fields", () => {
    const before = [
      item("1", { date: "2026-12-01" }),
      item("2", { date: "2027-01-05", note: "a" }),
    ];
    const after = [item("2", { date: "2027-01-12", note: "a" }), item("3", { date: "2027-02-01" })];
    expect(diffVersions(before, after)).toEqual([
      { change: "changed", item: after[0], before: before[1], fields: ["date"] },
      { change: "added", item: after[1] },
      { change: "removed", item: before[0] },
    ]);
  });
});
