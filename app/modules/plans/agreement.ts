import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";

/**
 * Joint agreement, item by item: a pure state machine (no I/O).
 *
 * Each side's agreement is the hash of the content it agreed to, so an item
 * is agreed exactly when both sides agreed to the same (current) content, and
 * an edit clears the other side's agreement without any special case. Every
 * item records which side proposed its current content.
 */
export type Side = "EMPLOYEE" | "EMPLOYER";

export type ItemState = {
  contentHash: string;
  proposedBySide: Side;
  employeeAgreedHash: string | null;
  employerAgreedHash: string | null;
  declinedHash: string | null;
  declinedBySide: Side | null;
  declineReason: string | null;
  removalProposedBySide: Side | null;
  removedAt: Date | null;
};

export type ItemStatus =
  | { kind: "agreed" }
  | { kind: "awaiting"; side: Side }
  | { kind: "declined"; by: Side; reason: string }
  | { kind: "removal-proposed"; by: Side; awaiting: Side }
  | { kind: "removed" };

export function otherSide(side: Side): Side {
  return side === "EMPLOYEE" ? "EMPLOYER" : "EMPLOYEE";
}

function agreedHash(item: ItemState, side: Side): string | null {
  return side === "EMPLOYEE" ? item.employeeAgreedHash : item.employerAgreedHash;
}

function agreement(side: Side, hash: string | null): Partial<ItemState> {
  return side === "EMPLOYEE" ? { employeeAgreedHash: hash } : { employerAgreedHash: hash };
}

const noDecline = { declinedHash: null, declinedBySide: null, declineReason: null } as const;

export function hasAgreed(item: ItemState, side: Side): boolean {
  return agreedHash(item, side) === item.contentHash;
}

export function isAgreed(item: ItemState): boolean {
  return hasAgreed(item, "EMPLOYEE") && hasAgreed(item, "EMPLOYER");
}

export function statusOf(item: ItemState): ItemStatus {
  if (item.removedAt) return { kind: "removed" };
  if (item.removalProposedBySide) {
    return {
      kind: "removal-proposed",
      by: item.removalProposedBySide,
      awaiting: otherSide(item.removalProposedBySide),
    };
  }
  if (isAgreed(item)) return { kind: "agreed" };
  if (item.declinedHash === item.contentHash && item.declinedBySide) {
    return { kind: "declined", by: item.declinedBySide, reason: item.declineReason ?? "" };
  }
  return { kind: "awaiting", side: hasAgreed(item, "EMPLOYEE") ? "EMPLOYER" : "EMPLOYEE" };
}

/** Whose move it is: the side that must respond before the plan can be agreed, if any. */
export function awaitingSide(item: ItemState): Side | null {
  const status = statusOf(item);
  if (status.kind === "awaiting") return status.side;
  if (status.kind === "removal-proposed") return status.awaiting;
  // A declined item waits for the side that proposed it: to change or withdraw it.
  if (status.kind === "declined") return otherSide(status.by);
  return null;
}

export type AgreementRefusal =
  | "removed"
  | "already-agreed"
  | "not-agreed-yet"
  | "unchanged"
  | "reason-required"
  | "not-yours"
  | "agreed-before"
  | "removal-pending"
  | "no-removal-pending"
  | "other-side-answers";

/** The changes a move makes to the item, or why it is not allowed now. */
export type Transition = Result<Partial<ItemState>, Refusal<AgreementRefusal>>;

const refuse = (reason: AgreementRefusal): Transition => refused(reason);

/** A new item: the proposing side agrees to its own content. */
export function propose(side: Side, contentHash: string): ItemState {
  return {
    contentHash,
    proposedBySide: side,
    employeeAgreedHash: null,
    employerAgreedHash: null,
    ...agreement(side, contentHash),
    ...noDecline,
    removalProposedBySide: null,
    removedAt: null,
  } as ItemState;
}

export function agree(item: ItemState, side: Side): Transition {
  if (item.removedAt) return refuse("removed");
  if (item.removalProposedBySide) return refuse("removal-pending");
  if (hasAgreed(item, side)) return refuse("already-agreed");
  return done({ ...agreement(side, item.contentHash), ...noDecline });
}

export function decline(item: ItemState, side: Side, reason: string): Transition {
  if (item.removedAt) return refuse("removed");
  if (item.removalProposedBySide) return refuse("removal-pending");
  if (hasAgreed(item, side)) return refuse("already-agreed");
  if (!reason.trim()) return refuse("reason-required");
  return done({
    declinedHash: item.contentHash,
    declinedBySide: side,
    declineReason: reason.trim(),
  });
}

/** Changing an item makes it this side's proposal and clears the other side's agreement. */
export function edit(item: ItemState, side: Side, newContentHash: string): Transition {
  if (item.removedAt) return refuse("removed");
  if (newContentHash === item.contentHash) return refuse("unchanged");
  return done({
    contentHash: newContentHash,
    proposedBySide: side,
    ...agreement(side, newContentHash),
    ...agreement(otherSide(side), null),
    ...noDecline,
    removalProposedBySide: null,
  });
}

/**
 * The proposer takes back an item that was never part of an agreed plan.
 * Once it was, taking it out needs the other side: proposeRemoval().
 */
export function withdraw(
  item: ItemState,
  side: Side,
  inAgreedVersion: boolean,
  now: Date,
): Transition {
  if (item.removedAt) return refuse("removed");
  if (inAgreedVersion || isAgreed(item)) return refuse("agreed-before");
  if (item.proposedBySide !== side) return refuse("not-yours");
  return done({ removedAt: now });
}

export function proposeRemoval(item: ItemState, side: Side, inAgreedVersion: boolean): Transition {
  if (item.removedAt) return refuse("removed");
  if (item.removalProposedBySide) return refuse("removal-pending");
  if (!inAgreedVersion && !isAgreed(item)) return refuse("not-agreed-yet");
  return done({ removalProposedBySide: side, ...noDecline });
}

export function answerRemoval(item: ItemState, side: Side, accept: boolean, now: Date): Transition {
  if (item.removedAt) return refuse("removed");
  if (!item.removalProposedBySide) return refuse("no-removal-pending");
  if (item.removalProposedBySide === side) return refuse("other-side-answers");
  return done(
    accept ? { removedAt: now, removalProposedBySide: null } : { removalProposedBySide: null },
  );
}

/** The plan can become an agreed version: at least one item, and every live item agreed. */
export function planIsAgreed(items: ItemState[]): boolean {
  const live = items.filter((item) => !item.removedAt);
  return live.length > 0 && live.every((item) => statusOf(item).kind === "agreed");
}
