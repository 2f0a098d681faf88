import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("language", "routes/language.ts"),
  route("design", "routes/design.tsx"),

  // Accounts
  route("signup", "routes/signup.tsx"),
  route("verify-email", "routes/verify-email.tsx"),
  route("signin", "routes/signin.tsx"),
  route("signin/link", "routes/signin.link.tsx"),
  route("signin/magic", "routes/signin.magic.tsx"),
  // The second step for people with two-factor sign-in on: a code from their app.
  route("signin/two-factor", "routes/signin.two-factor.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("signout", "routes/signout.ts"),
  route("account", "routes/account.tsx"),
  route("account/erase", "routes/account.erase.tsx"),
  // After erasing: readable once signed out, by the browser holding the receipt cookie.
  route("account/erased", "routes/account.erased.tsx"),
  // A person's copy of their data (a ZIP): for its owner, signed in, for 7 days.
  route("account/export/:exportId", "routes/account.export.$exportId.ts"),
  route("account/two-factor", "routes/account.two-factor.tsx"),
  route("reminders", "routes/reminders.tsx"),
  // The link in every reminder e-mail: works without signing in.
  route("unsubscribe", "routes/unsubscribe.tsx"),

  // Organisations
  route("app", "routes/app.tsx"),
  route("organizations", "routes/organizations.tsx"),
  route("members", "routes/members.tsx"),
  route("members/:membershipId", "routes/members.$membershipId.tsx"),
  route("invitations/accept", "routes/invitations.accept.tsx"),
  route("invitations/:invitationId", "routes/invitations.$invitationId.ts"),
  route("audit", "routes/audit.tsx"),
  route("problems", "routes/problems.tsx"),
  route("billing", "routes/billing.tsx"),
  route("privacy", "routes/privacy.tsx"),
  // The organisation itself, for owners: ownership, its export, and its deletion.
  route("organization", "routes/organization.tsx"),
  route("organization/export", "routes/organization.export.ts"),
  // Figures about groups of cases for HR and owners, and their CSV (app/modules/insights).
  route("insights", "routes/insights.tsx"),
  route("insights/download", "routes/insights.download.ts"),
  route("calendar", "routes/calendar.tsx"),
  // A private calendar feed: the secret in the address is the key (calendar apps send no cookie).
  route("calendar/:file", "routes/calendar.$file.ts"),
  // Stripe's webhooks: verified by signature, not by session or origin.
  route("webhooks/stripe", "routes/webhooks.stripe.ts"),

  // Cases and their plans
  route("cases", "routes/cases.tsx"),
  route("cases/new", "routes/cases.new.tsx"),
  route("cases/:caseId", "routes/cases.$caseId.tsx"),
  route("cases/:caseId/edit", "routes/cases.$caseId.edit.tsx"),
  route("cases/:caseId/items/:itemId", "routes/cases.$caseId.items.$itemId.tsx"),
  route("cases/:caseId/versions", "routes/cases.$caseId.versions.tsx"),
  route("cases/:caseId/versions/:number", "routes/cases.$caseId.versions.$number.tsx"),
  route("cases/:caseId/notes", "routes/cases.$caseId.notes.tsx"),
  route("cases/:caseId/physician", "routes/cases.$caseId.physician.tsx"),
  route("cases/:caseId/agreements", "routes/cases.$caseId.agreements.tsx"),
  route(
    "cases/:caseId/agreements/:agreementId",
    "routes/cases.$caseId.agreements.$agreementId.tsx",
  ),
  route(
    "cases/:caseId/agreements/:agreementId/pdf",
    "routes/cases.$caseId.agreements.$agreementId.pdf.ts",
  ),
  route("cases/:caseId/passport", "routes/cases.$caseId.passport.tsx"),
  route(
    "cases/:caseId/passport/:passportId/pdf",
    "routes/cases.$caseId.passport.$passportId.pdf.ts",
  ),

  route("cases/:caseId/checkins", "routes/cases.$caseId.checkins.tsx"),
  route("cases/:caseId/timeline", "routes/cases.$caseId.timeline.tsx"),
  route("cases/:caseId/conversations", "routes/cases.$caseId.conversations.tsx"),
  route(
    "cases/:caseId/conversations/:conversationId",
    "routes/cases.$caseId.conversations.$conversationId.tsx",
  ),
  route(
    "cases/:caseId/conversations/:conversationId/autosave",
    "routes/cases.$caseId.conversations.$conversationId.autosave.ts",
  ),

  // Guides and information for anyone, with or without an account.
  route("guides", "routes/guides.tsx"),
  route("guides/:guideId", "routes/guides.$guideId.tsx"),
  route("hub", "routes/hub.tsx"),
  route("hub/:pageId", "routes/hub.$pageId.tsx"),

  // Anyone may check a PDF Werkpad issued.
  route("verify", "routes/verify.tsx"),
  route("verify/:code", "routes/verify.$code.tsx"),

  route("dev/outbox", "routes/dev.outbox.tsx"),
  route("dev/stripe/checkout/:sessionId", "routes/dev.stripe.checkout.$sessionId.tsx"),
  route("dev/stripe/portal/:sessionId", "routes/dev.stripe.portal.$sessionId.tsx"),
  route("dev/stripe/invoices/:invoiceId", "routes/dev.stripe.invoices.$invoiceId.tsx"),
  route("dev/fault", "routes/dev.fault.tsx"),
  // Last: every other address is a 404.
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
