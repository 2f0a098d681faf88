import { describe, expect, test } from "vitest";
import { bannerOf, standingOf } from "./standing.ts";

const now = new Date("2027-03-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60_000);

describe("where an organisation stands", () => {
  test("in the trial without a subscription; the banner comes in the last 7 days", () => {
    const early = standingOf({ trialEndsAt: days(20), subscriptionStatus: null }, now);
    expect(early).toEqual({ kind: "trial", trialEndsAt: days(20), daysLeft: 20 });
    expect(bannerOf(early)).toBeNull();
    const late = standingOf({ trialEndsAt: days(7), subscriptionStatus: null }, now);
    expect(bannerOf(late)).toBe("trial-ending");
  });

  test("after the trial without a subscription, or after cancelling, blocked", () => {
    expect(standingOf({ trialEndsAt: days(-1), subscriptionStatus: null }, now)).toEqual({
      kind: "blocked",
      why: "trial-ended",
    });
    expect(standingOf({ trialEndsAt: days(-1), subscriptionStatus: "canceled" }, now)).toEqual({
      kind: "blocked",
      why: "cancelled",
    });
    expect(
      standingOf({ trialEndsAt: days(-1), subscriptionStatus: "incomplete_expired" }, now),
    ).toEqual({ kind: "blocked", why: "trial-ended" });
  });

  test("cancelling inside the trial keeps the rest of the trial", () => {
    expect(standingOf({ trialEndsAt: days(3), subscriptionStatus: "canceled" }, now).kind).toBe(
      "trial",
    );
  });

  test("a paying subscription is active, a failing one past due, an unpaid one blocked even inside the trial", () => {
    for (const status of ["active", "trialing"])
      expect(standingOf({ trialEndsAt: days(-40), subscriptionStatus: status }, now).kind).toBe(
        "active",
      );
    const failing = standingOf({ trialEndsAt: days(-40), subscriptionStatus: "past_due" }, now);
    expect(failing).toEqual({ kind: "past-due" });
    expect(bannerOf(failing)).toBe("payment-failing");
    const unpaid = standingOf({ trialEndsAt: days(10), subscriptionStatus: "unpaid" }, now);
    expect(unpaid).toEqual({ kind: "blocked", why: "unpaid" });
    expect(bannerOf(unpaid)).toBe("blocked");
  });
});
