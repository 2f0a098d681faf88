import { describe, expect, test } from "vitest";
import {
  agree,
  answerRemoval,
  awaitingSide,
  decline,
  edit,
  type ItemState,
  planIsAgreed,
  propose,
  proposeRemoval,
  statusOf,
  type Transition,
  withdraw,
} from "./agreement.ts";

const now = new Date("2026-11-22T10:00:00Z");

function apply(item: ItemState, transition: Transition): ItemState {
  if (!transition.ok) throw new Error(`refused: ${transition.reason}`);
  return { ...item, ...transition.value };
}

describe("an item's agreement", () => {
  test("a proposal waits for the other side, which agrees: the item is agreed", () => {
    const proposed = propose("EMPLOYER", "h1");
    expect(statusOf(proposed)).toEqual({ kind: "awaiting", side: "EMPLOYEE" });
    expect(awaitingSide(proposed)).toBe("EMPLOYEE");
    const agreed = apply(proposed, agree(proposed, "EMPLOYEE"));
    expect(statusOf(agreed)).toEqual({ kind: "agreed" });
    expect(awaitingSide(agreed)).toBeNull();
  });

  test("the proposer cannot agree twice, nor decline its own proposal", () => {
    const proposed = propose("EMPLOYEE", "h1");
    expect(agree(proposed, "EMPLOYEE")).toEqual({ ok: false, reason: "already-agreed" });
    expect(decline(proposed, "EMPLOYEE", "no")).toEqual({ ok: false, reason: "already-agreed" });
  });

  test("declining needs a reason, keeps it, and waits for the proposer", () => {
    const proposed = propose("EMPLOYER", "h1");
    expect(decline(proposed, "EMPLOYEE", "  ")).toEqual({ ok: false, reason: "reason-required" });
    const declined = apply(
      proposed,
      decline(proposed, "EMPLOYEE", "Mornings are too hard for now"),
    );
    expect(statusOf(declined)).toEqual({
      kind: "declined",
      by: "EMPLOYEE",
      reason: "Mornings are too hard for now",
    });
    expect(awaitingSide(declined)).toBe("EMPLOYER");
    // Changing its mind, the declining side can still agree.
    expect(statusOf(apply(declined, agree(declined, "EMPLOYEE")))).toEqual({ kind: "agreed" });
  });

  test("an edit by the other side is a counter-proposal that clears the earlier agreement", () => {
    const proposed = propose("EMPLOYER", "h1");
    const countered = apply(proposed, edit(proposed, "EMPLOYEE", "h2"));
    expect(countered).toMatchObject({
      proposedBySide: "EMPLOYEE",
      employeeAgreedHash: "h2",
      employerAgreedHash: null,
    });
    expect(statusOf(countered)).toEqual({ kind: "awaiting", side: "EMPLOYER" });
    expect(statusOf(apply(countered, agree(countered, "EMPLOYER")))).toEqual({ kind: "agreed" });
  });

  test("editing an agreed item reopens it, whoever edits", () => {
    let item = propose("EMPLOYER", "h1");
    item = apply(item, agree(item, "EMPLOYEE"));
    const byEmployer = apply(item, edit(item, "EMPLOYER", "h2"));
    expect(statusOf(byEmployer)).toEqual({ kind: "awaiting", side: "EMPLOYEE" });
    const byEmployee = apply(item, edit(item, "EMPLOYEE", "h3"));
    expect(statusOf(byEmployee)).toEqual({ kind: "awaiting", side: "EMPLOYER" });
  });

  test("an edit that changes nothing is refused", () => {
    const item = propose("EMPLOYER", "h1");
    expect(edit(item, "EMPLOYEE", "h1")).toEqual({ ok: false, reason: "unchanged" });
  });

  test("an edit clears an earlier decline", () => {
    let item = propose("EMPLOYER", "h1");
    item = apply(item, decline(item, "EMPLOYEE", "Too many hours"));
    item = apply(item, edit(item, "EMPLOYER", "h2"));
    expect(item).toMatchObject({ declinedHash: null, declineReason: null });
    expect(statusOf(item)).toEqual({ kind: "awaiting", side: "EMPLOYEE" });
  });

  test("the proposer withdraws a proposal that was never agreed; nobody else can", () => {
    const item = propose("EMPLOYER", "h1");
    expect(withdraw(item, "EMPLOYEE", false, now)).toEqual({ ok: false, reason: "not-yours" });
    expect(statusOf(apply(item, withdraw(item, "EMPLOYER", false, now)))).toEqual({
      kind: "removed",
    });
  });

  test("an item that was part of an agreed plan is taken out only when the other side agrees", () => {
    let item = propose("EMPLOYER", "h1");
    item = apply(item, agree(item, "EMPLOYEE"));
    expect(withdraw(item, "EMPLOYER", true, now)).toEqual({ ok: false, reason: "agreed-before" });
    item = apply(item, proposeRemoval(item, "EMPLOYER", true));
    expect(statusOf(item)).toEqual({
      kind: "removal-proposed",
      by: "EMPLOYER",
      awaiting: "EMPLOYEE",
    });
    expect(answerRemoval(item, "EMPLOYER", true, now)).toEqual({
      ok: false,
      reason: "other-side-answers",
    });
    expect(statusOf(apply(item, answerRemoval(item, "EMPLOYEE", false, now)))).toEqual({
      kind: "agreed",
    });
    expect(statusOf(apply(item, answerRemoval(item, "EMPLOYEE", true, now)))).toEqual({
      kind: "removed",
    });
  });

  test("a removed item accepts nothing more", () => {
    let item = propose("EMPLOYER", "h1");
    item = apply(item, withdraw(item, "EMPLOYER", false, now));
    for (const transition of [
      agree(item, "EMPLOYEE"),
      decline(item, "EMPLOYEE", "x"),
      edit(item, "EMPLOYEE", "h2"),
    ]) {
      expect(transition).toEqual({ ok: false, reason: "removed" });
    }
  });
});

describe("the plan", () => {
  test("is agreed when it has items and every live one is agreed", () => {
    const a = apply(propose("EMPLOYER", "a"), agree(propose("EMPLOYER", "a"), "EMPLOYEE"));
    const b = propose("EMPLOYEE", "b");
    const withdrawn = apply(
      propose("EMPLOYEE", "c"),
      withdraw(propose("EMPLOYEE", "c"), "EMPLOYEE", false, now),
    );
    expect(planIsAgreed([])).toBe(false);
    expect(planIsAgreed([a, b])).toBe(false);
    expect(planIsAgreed([a, withdrawn])).toBe(true);
  });
});
