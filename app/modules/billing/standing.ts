/**
 * Where an organisation stands with paying, from its trial and our copy of
 * its subscription: what the banners say and what gating looks at
 * (policy.ts `billingAllows`). Pure, so the rules are tested on their own.
 *
 * - trial: no subscription (or a cancelled one), and the 30 days without a
 *   card have not ended;
 * - active: Stripe says active (or trialing);
 * - past-due: a payment failed and Stripe is retrying: everything still works,
 *   and owners see a banner;
 * - blocked: the subscription is unpaid, or the trial ended without a live
 *   subscription (none, or cancelled): no new cases or members. Existing cases stay fully
 *   usable for everyone, always.
 */
export type Standing =
  | { kind: "trial"; trialEndsAt: Date; daysLeft: number }
  | { kind: "active" }
  | { kind: "past-due" }
  | { kind: "blocked"; why: "trial-ended" | "unpaid" | "cancelled" };

/** Owners are told the trial ends this many days before it does (banner and e-mail). */
export const trialWarningDays = 7;

const dayMs = 24 * 60 * 60_000;

export function standingOf(
  billing: { trialEndsAt: Date; subscriptionStatus: string | null },
  now: Date,
): Standing {
  const status = billing.subscriptionStatus;
  if (status === "active" || status === "trialing") return { kind: "active" };
  if (status === "past_due") return { kind: "past-due" };
  // An invoice left unpaid is owed, trial days or not.
  if (status === "unpaid") return { kind: "blocked", why: "unpaid" };
  if (now < billing.trialEndsAt) {
    const daysLeft = Math.ceil((billing.trialEndsAt.getTime() - now.getTime()) / dayMs);
    return { kind: "trial", trialEndsAt: billing.trialEndsAt, daysLeft };
  }
  if (status === "canceled") return { kind: "blocked", why: "cancelled" };
  return { kind: "blocked", why: "trial-ended" };
}

/** The banner owners see on their start page and the case list, if any. */
export function bannerOf(
  standing: Standing,
): "trial-ending" | "payment-failing" | "blocked" | null {
  if (standing.kind === "trial" && standing.daysLeft <= trialWarningDays) return "trial-ending";
  if (standing.kind === "past-due") return "payment-failing";
  if (standing.kind === "blocked") return "blocked";
  return null;
}
