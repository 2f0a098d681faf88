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
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("signout", "routes/signout.ts"),
  route("account", "routes/account.tsx"),

  // Organisations
  route("app", "routes/app.tsx"),
  route("organizations", "routes/organizations.tsx"),
  route("members", "routes/members.tsx"),
  route("members/:membershipId", "routes/members.$membershipId.tsx"),
  route("invitations/accept", "routes/invitations.accept.tsx"),
  route("invitations/:invitationId", "routes/invitations.$invitationId.ts"),
  route("audit", "routes/audit.tsx"),
  route("problems", "routes/problems.tsx"),

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

  route("dev/outbox", "routes/dev.outbox.tsx"),
  route("dev/fault", "routes/dev.fault.tsx"),
  // Last: every other address is a 404.
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
