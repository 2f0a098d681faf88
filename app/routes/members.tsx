import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { z } from "zod";
import { NotPayingNotice } from "#app/components/billing-notices.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { TwoFactorRequirementCard } from "#app/components/two-factor/requirement-card.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { fieldProps } from "#app/components/ui/conform.ts";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { FormError, Notice } from "#app/components/ui/form-error.tsx";
import { useIsSubmitting, useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import { confirmSecondFactor, secondFactorMessage } from "#app/modules/auth/two-factor.server.ts";
import { standingFor } from "#app/modules/billing/billing.server.ts";
import { forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { invite, listOpenInvitations } from "#app/modules/organizations/invitations.server.ts";
import {
  listMembers,
  setTwoFactorRequirement,
  twoFactorRequirementOf,
} from "#app/modules/organizations/organizations.server.ts";
import { billingAllows, can, type Role, roles } from "#app/modules/policy/policy.ts";
import { requiredChoice, requiredEmail } from "#app/modules/validation.ts";
import type { Route } from "./+types/members";

const inviteSchema = z.object({ email: requiredEmail(), role: requiredChoice(roles) });

export async function loader(args: Route.LoaderArgs) {
  const { user, membership, actor, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const [members, invitations, standing, twoFactorRequired] = await Promise.all([
    listMembers(tdb),
    listOpenInvitations(tdb),
    standingFor(tdb),
    twoFactorRequirementOf(membership.organizationId),
  ]);
  return {
    notPaying: !billingAllows("members.invite", standing),
    isOwner: can(actor, "billing.manage"),
    /** Owners reach the organisation's own page (ownership, export, deletion) from here. */
    mayManageOrganization: can(actor, "organization.delete"),
    organizationName: membership.organizationName,
    userId: user.id,
    emailVerified: user.emailVerified,
    grantable: roles.filter((role) => can(actor, "members.invite", { role })),
    members,
    invitations,
    twoFactor: {
      required: twoFactorRequired,
      mayChange: can(actor, "security.manage"),
      selfOn: user.twoFactor,
    },
  };
}

/** The owner's setting: two-factor sign-in for owners, HR and physicians, after a current code. */
async function requireTwoFactor(args: Route.ActionArgs, formData: FormData) {
  const { user, actor } = requireMember(args);
  if (!can(actor, "security.manage")) forbidden();
  const required = formData.get("required") === "on";
  const secondFactor = await confirmSecondFactor(user, formData, clientOf(args));
  if (!secondFactor.ok)
    return { requirement: { required, secondFactorError: secondFactorMessage(secondFactor) } };
  const result = orRespond(await setTwoFactorRequirement(actor, required, clientOf(args)));
  if (!result.ok) return { requirement: { required, error: "twoFactor:requirement.setUpFirst" } };
  return redirectWithToast("/members#two-factor-requirement", {
    kind: "success",
    message: "twoFactor:requirement.saved",
  });
}

export async function action(args: Route.ActionArgs) {
  const { user, actor, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const formData = await args.request.formData();
  if (formData.get("intent") === "require-two-factor") return requireTwoFactor(args, formData);
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== "success") return submission.reply();
  if (!user.emailVerified) return submission.reply({ formErrors: ["auth:members.verifyFirst"] });
  const result = await invite(tdb, { ...actor, name: user.name }, submission.value, clientOf(args));
  if (result.ok) {
    return redirectWithToast("/members", {
      kind: "success",
      message: "auth:members.invited",
      values: { email: submission.value.email },
    });
  }
  switch (result.reason) {
    case "already-member":
      return submission.reply({ fieldErrors: { email: ["auth:members.alreadyMember"] } });
    case "already-invited":
      return submission.reply({ fieldErrors: { email: ["auth:members.alreadyInvited"] } });
    case "not-paying":
      return submission.reply({ formErrors: ["billing:notPaying.members"] });
    default:
      return submission.reply({ fieldErrors: { role: ["auth:members.mayNotGrant"] } });
  }
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auth");
  const { t: twoFactor } = useTranslation("twoFactor");
  const sendingAny = useIsSubmitting("/members");
  const savingRequirement = useSubmittingIntent("require-two-factor");
  const submitting = sendingAny && !savingRequirement;
  const { organizationName, userId, emailVerified, grantable, members, invitations } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData && !("requirement" in actionData) ? actionData : undefined,
    defaultValue: { role: "EMPLOYEE" satisfies Role },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const date = (value: Date) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(value);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        title={t("members.title")}
        intro={t("members.intro", { organization: organizationName })}
      />
      {loaderData.mayManageOrganization ? (
        <p>
          <Link to="/organization" className="font-medium text-brand-700 underline">
            {t("members.organizationLink")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="members-list">
        <h2 id="members-list" className="sr-only">
          {t("members.title")}
        </h2>
        <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
          {members.map((member) => (
            <li
              key={member.id}
              className="flex flex-wrap items-center justify-between gap-2 px-4 py-3"
            >
              <div>
                <Link
                  to={`/members/${member.id}`}
                  className="font-semibold text-brand-800 underline"
                >
                  {member.user.name}
                </Link>{" "}
                {member.user.id === userId ? (
                  <span className="text-muted">{t("members.you")}</span>
                ) : null}
                <p className="text-sm text-muted">{member.user.email}</p>
                {member.user.twoFactor ? (
                  <p className="text-sm text-muted">{twoFactor("requirement.memberOn")}</p>
                ) : null}
              </div>
              <div className="text-right">
                <p className="font-medium">{t(`roles.${member.role}`)}</p>
                <p className="text-sm text-muted">
                  {t("members.since")} {date(member.createdAt)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <Card title={t("members.inviteHeading")}>
        <p className="mb-4 text-muted">{t("members.inviteIntro")}</p>
        {emailVerified ? null : (
          <div className="mb-4">
            <Notice>{t("members.verifyFirst")}</Notice>
          </div>
        )}
        {loaderData.notPaying ? (
          <NotPayingNotice action="members" isOwner={loaderData.isOwner} />
        ) : (
          <Form
            method="post"
            {...getFormProps(form)}
            noValidate
            className="flex max-w-md flex-col gap-5"
          >
            <FormError errors={form.errors} id={form.errorId} />
            <TextField
              {...fieldProps(fields.email)}
              type="email"
              label={t("fields.email")}
              autoComplete="off"
            />
            <SelectField
              {...fieldProps(fields.role)}
              label={t("fields.role")}
              options={grantable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            />
            <div>
              <Button type="submit" pending={submitting} pendingLabel={t("members.invitePending")}>
                {t("members.invite")}
              </Button>
            </div>
          </Form>
        )}
      </Card>

      <section aria-labelledby="open-invitations">
        <h2 id="open-invitations" className="mb-3 text-xl font-semibold">
          {t("members.openInvitations")}
        </h2>
        {invitations.length === 0 ? (
          <p className="text-muted">{t("members.noOpenInvitations")}</p>
        ) : null}
        <ul className="flex flex-col gap-3">
          {invitations.map((invitation) => (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-surface px-4 py-3"
            >
              <div>
                <p className="font-semibold">{invitation.email}</p>
                <p className="text-sm text-muted">
                  {t(`roles.${invitation.role}`)} ·{" "}
                  {invitation.state === "expired"
                    ? t("members.expired")
                    : `${t("members.expires")} ${date(invitation.expiresAt)}`}
                </p>
              </div>
              <Form method="post" action={`/invitations/${invitation.id}`} className="flex gap-2">
                <Button
                  type="submit"
                  name="intent"
                  value="resend"
                  variant="secondary"
                  aria-label={`${t("members.resend")}: ${invitation.email}`}
                >
                  {t("members.resend")}
                </Button>
                <Button
                  type="submit"
                  name="intent"
                  value="revoke"
                  variant="ghost"
                  aria-label={`${t("members.revoke")}: ${invitation.email}`}
                >
                  {t("members.revoke")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <TwoFactorRequirementCard
        {...loaderData.twoFactor}
        answer={actionData && "requirement" in actionData ? actionData.requirement : undefined}
      />
    </div>
  );
}
