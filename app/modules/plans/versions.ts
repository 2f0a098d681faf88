import { contentHash } from "#app/modules/hash.ts";
import type { StoredContent } from "./content.ts";
import type { ItemKind } from "./kinds.ts";

/**
 * Agreed versions of a plan: the agreed items frozen, with one fingerprint for
 * the whole (the content hash that the PDF agreement will carry later).
 */
export type SnapshotItem = {
  id: string;
  kind: ItemKind;
  content: StoredContent;
  proposedBySide: "EMPLOYEE" | "EMPLOYER";
};

export function snapshotOf(items: SnapshotItem[]): SnapshotItem[] {
  return [...items]
    .map(({ id, kind, content, proposedBySide }) => ({ id, kind, content, proposedBySide }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The fingerprint of what was agreed: who proposed an item does not change what it says. */
export function planHash(snapshot: SnapshotItem[]): string {
  return contentHash(snapshotOf(snapshot).map(({ id, kind, content }) => ({ id, kind, content })));
}

export type VersionChange =
  | { change: "added"; item: SnapshotItem }
  | { change: "removed"; item: SnapshotItem }
  | { change: "changed"; item: SnapshotItem; before: SnapshotItem; fields: string[] };

/** What changed from one version to the next, item by item and field by field. */
export function diffVersions(before: SnapshotItem[], after: SnapshotItem[]): VersionChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const changes: VersionChange[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) {
      changes.push({ change: "added", item });
      continue;
    }
    old.delete(item.id);
    const keys = new Set([...Object.keys(previous.content), ...Object.keys(item.content)]);
    const fields = [...keys]
      .filter((key) => contentHash(previous.content[key]) !== contentHash(item.content[key]))
      .sort();
    if (fields.length > 0) changes.push({ change: "changed", item, before: previous, fields });
  }
  for (const item of old.values()) changes.push({ change: "removed", item });
  return changes;
}
