import type { CaseStatus } from "#app/generated/prisma/enums.ts";
import { caseStatuses } from "./case-statuses.ts";

/**
 * The case list's address: which cases (a status filter, a search and what
 * needs attention) and where a page starts. The address is the whole state
 * of the list, so a page can be bookmarked, shared, reloaded and reached
 * without JavaScript.
 *
 *   /cases?status=open&q=jansen&attention=late&after=<cursor>
 *
 * The list is ordered by status (in the order a case goes through them, so
 * closed cases come last), then newest change first, then by id, so that the
 * order is total and stable. A page starts after (or ends before) a cursor:
 * the position of the last (or first) case of the page next to it.
 * Pure: used by the server and by the page.
 */
export const casesPerPage = 25;

/** The longest search taken: longer than any name or e-mail address people type. */
export const maxSearchLength = 100;

export const statusFilters = [
  "all",
  "open",
  "preparing",
  "absent",
  "returning",
  "sustained",
  "closed",
] as const;
export type StatusFilter = (typeof statusFilters)[number];

/** The statuses a filter shows, in the list's order. */
export function statusesOf(filter: StatusFilter): CaseStatus[] {
  if (filter === "all") return [...caseStatuses];
  if (filter === "open") return caseStatuses.filter((status) => status !== "CLOSED");
  return [filter.toUpperCase() as CaseStatus];
}

/**
 * "Needs attention": cases with a statutory deadline that is late (not done,
 * due before today), one due this week (not done, due today up to
 * `dueWithinDays` days ahead), or a plan item that waits for the reader's own
 * side's answer. Computed per case (app/modules/cases/case-list.server.ts),
 * never stored.
 */
export const attentionFilters = ["all", "late", "due", "waiting"] as const;
export type AttentionFilter = (typeof attentionFilters)[number];

/** "Due this week": from today up to this many days ahead. */
export const dueWithinDays = 7;

/** Where a page starts or ends: the sort key of one case. */
export type CaseCursor = { status: CaseStatus; updatedAt: Date; id: string };

export type CaseListQuery = {
  status: StatusFilter;
  /** The search, trimmed and with single spaces; "" for none. */
  q: string;
  /** Left out means "all": no attention filter (the start page never has one). */
  attention?: AttentionFilter;
  after: CaseCursor | null;
  before: CaseCursor | null;
};

const separator = "~";
const idPattern = /^[\w-]{1,64}$/;
/** Cursors name a moment between 1970 and the year 9999, as the database writes them. */
const latestMoment = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The cursor as it travels in the address: opaque to the reader (base64url). */
export function encodeCursor(cursor: CaseCursor): string {
  const text = [cursor.status, cursor.updatedAt.getTime(), cursor.id].join(separator);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A cursor this list wrote, or null for anything else. */
export function decodeCursor(value: string): CaseCursor | null {
  if (!/^[\w-]{1,200}$/.test(value)) return null;
  let text: string;
  try {
    text = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const [status, time, id, ...rest] = text.split(separator);
  if (rest.length > 0 || !status || !time || !id) return null;
  if (!(caseStatuses as readonly string[]).includes(status)) return null;
  if (!/^\d{1,15}$/.test(time) || Number(time) > latestMoment || !idPattern.test(id)) return null;
  return { status: status as CaseStatus, updatedAt: new Date(Number(time)), id };
}

/**
 * The list's parameters, or null when the address is not one the page makes
 * (an unknown status or attention filter, a cursor it did not write, a search
 * longer than the field takes, both directions at once): the route answers
 * 400. Empty parameters mean their default, as a form sends them.
 */
export function parseCaseListQuery(params: URLSearchParams): CaseListQuery | null {
  const status = params.get("status") || "all";
  if (!(statusFilters as readonly string[]).includes(status)) return null;
  const attention = params.get("attention") || "all";
  if (!(attentionFilters as readonly string[]).includes(attention)) return null;
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim();
  if (q.length > maxSearchLength) return null;
  const cursor = (name: string) => {
    const value = params.get(name);
    return value ? decodeCursor(value) : undefined;
  };
  const after = cursor("after");
  const before = cursor("before");
  if (after === null || before === null || (after && before)) return null;
  return {
    status: status as StatusFilter,
    q,
    // Left out when there is none, as callers that know no attention filter leave it.
    ...(attention === "all" ? {} : { attention: attention as AttentionFilter }),
    after: after ?? null,
    before: before ?? null,
  };
}

/** The address of a page of the list: only what differs from the defaults. */
export function caseListHref(
  filters: { status: StatusFilter; q: string; attention?: AttentionFilter },
  page: { after?: string; before?: string } = {},
): string {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.attention && filters.attention !== "all") params.set("attention", filters.attention);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  const search = params.toString();
  return search ? `/cases?${search}` : "/cases";
}
