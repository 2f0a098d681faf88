import { Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { RemoveCard } from "#app/components/members/remove-card.tsx";
import { RoleCard } from "#app/components/members/role-card.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { ResetTwoFactorCard } from "#app/components/two-factor/reset-for-member.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import {
  confirmSecondFactor,
  hasTwoFactor,
  secondFactorMessage,
} from "#app/modules/auth/two-factor.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { forbidden, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  casesOfMember,
  changeRole,
  countOwners,
  findMember,
  removeMember,
  resetMemberTwoFactor,
  successorCandidates,
} from "#app/modules/organizations/organizations.server.ts";
import { can, roles } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/members.$membershipId";

const roleSchema = z.enum(roles);

export async function loader(args: Route.LoaderArgs) {
  const { actor, user, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const member = await findMember(tdb, args.params.membershipId);
  if (!member) notFound();
  const ownerCount = await countOwners(tdb);
  const mayRemove = can(actor, "members.remove", { role: member.role, ownerCount });
  const isYou = member.user.id === user.id;
  // Only an owner learns whether a member uses two-factor sign-in, to turn it off for them.
  const twoFactorOn = can(actor, "members.resetTwoFactor", { isYou })
    ? await hasTwoFactor(member.user.id)
    : false;
  const [cases, successors] = mayRemove
    ? await Promise.all([
        casesOfMember(tdb, member.user.id),
        successorCandidates(tdb, member.user.id),
      ])
    : [null, []];
  return {
    member,
    isYou,
    twoFactorOn,
    assignable: roles.filter((to) =>
      can(actor, "members.changeRole", { from: member.role, to, ownerCount }),
    ),
    mayRemove,
    /** What removing them means for the cases they take part in. */
    cases,
    successors: cases?.managed ? successors : [],
  };
}

const successorSchema = z.string().trim().max(100).optional();

/** Why a removal was refused, as the page says it. */
function removalError(result: { reason: string; count?: number }, name: string): string {
  switch (result.reason) {
    case "manages-cases":
      return errorMessage("auth:members.managesCases", { name, count: result.count ?? 0 });
    case "successor-is-employee":
      return errorMessage("auth:members.successorIsEmployee", { count: result.count ?? 0 });
    case "successor-not-a-manager":
      return "auth:members.successorNotAManager";
    default:
      return "auth:members.lastOwner";
  }
}

export async function action(args: Route.ActionArgs) {
  const { actor, user, tdb } = requireMember(args);
  if (!can(actor, "members.list")) forbidden();
  const formData = await args.request.formData();
  const id = args.params.membershipId;
  const member = await findMember(tdb, id);
  if (!member) notFound();
  if (formData.get("intent") === "reset-two-factor") {
    if (!can(actor, "members.resetTwoFactor", { isYou: member.user.id === user.id })) forbidden();
    // The owner says they checked with the person: the e-mail to them is the person's safeguard.
    if (formData.get("checked") !== "on")
      return { reset: { error: "auth:members.resetTwoFactorConfirm", checked: false } };
    const secondFactor = await confirmSecondFactor(user, formData, clientOf(args));
    if (!secondFactor.ok)
      return { reset: { secondFactorError: secondFactorMessage(secondFactor), checked: true } };
    const result = orRespond(
      await resetMemberTwoFactor(tdb, { ...actor, name: user.name }, id, clientOf(args)),
    );
    if (!result.ok) {
      if (result.reason === "not-on")
        return redirectWithToast(`/members/${id}`, {
          kind: "info",
          message: "auth:members.twoFactorAlreadyOff",
          values: { name: member.user.name },
        });
      notFound();
    }
    return redirectWithToast(`/members/${id}`, {
      kind: "success",
      message: "auth:members.twoFactorReset",
      values: { name: member.user.name },
    });
  }
  if (formData.get("intent") === "remove") {
    const successor = successorSchema.safeParse(formData.get("managerId") ?? undefined);
    if (!successor.success) return { error: "validation.choose" };
    // As sensitive as a change of role: a current code first, once the removal
    // would be allowed (removeMember checks again, under its lock).
    if (!can(actor, "members.remove", { role: member.role, ownerCount: await countOwners(tdb) })) {
      if (actor.role !== "OWNER") forbidden();
      return { error: "auth:members.lastOwner" };
    }
    const secondFactor = await confirmSecondFactor(user, formData, clientOf(args));
    if (!secondFactor.ok)
      return {
        removal: {
          secondFactorError: secondFactorMessage(secondFactor),
          managerId: successor.data ?? "",
        },
      };
    const result = orRespond(
      await removeMember(
        tdb,
        actor,
        id,
        { successorId: successor.data || undefined },
        clientOf(args),
      ),
    );
    if (!result.ok) return { error: removalError(result, member.user.name) };
    return redirectWithToast("/members", {
      kind: "success",
      message: "auth:members.removed",
      values: { name: member.user.name },
    });
  }
  const role = roleSchema.safeParse(formData.get("role"));
  if (!role.success) return { error: "validation.choose" };
  // A change of role is sensitive: with two-factor sign-in on, a current code
  // first, once the change would be allowed (changeRole checks again, under its lock).
  const change = { from: member.role, to: role.data, ownerCount: await countOwners(tdb) };
  if (!can(actor, "members.changeRole", change)) {
    if (actor.role !== "OWNER") forbidden();
    return { error: "auth:members.lastOwner" };
  }
  const secondFactor = await confirmSecondFactor(user, formData, clientOf(args));
  if (!secondFactor.ok)
    return { role: role.data, secondFactorError: secondFactorMessage(secondFactor) };
  const result = orRespond(await changeRole(tdb, actor, id, role.data, clientOf(args)));
  if (!result.ok) return { error: "auth:members.lastOwner" };
  return redirectWithToast(`/members/${id}`, {
    kind: "success",
    message: "auth:members.roleChanged",
  });
}

export default function Member({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const { member, assignable, mayRemove, cases, successors, twoFactorOn } = loaderData;
  const resetRefused = actionData && "reset" in actionData ? actionData.reset : undefined;
  const removalRefused = actionData && "removal" in actionData ? actionData.removal : undefined;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <p>
        <Link to="/members" className="font-medium text-brand-700 underline">
          ← {t("members.back")}
        </Link>
      </p>
      <PageHeader
        title={member.user.name}
        intro={`${member.user.email} · ${t(`roles.${member.role}`)}`}
      />
      <FormError errors={actionData?.error ? [actionData.error] : undefined} />
      {assignable.length > 1 ? (
        <RoleCard
          role={member.role}
          assignable={assignable}
          refused={actionData && "role" in actionData ? actionData : undefined}
          pending={intent === "change-role"}
        />
      ) : null}
      {twoFactorOn ? (
        <ResetTwoFactorCard
          // A new card after the reset, so that a used code is not left in the field.
          key={member.user.id}
          name={member.user.name}
          refused={resetRefused}
          pending={intent === "reset-two-factor"}
        />
      ) : null}
      {mayRemove ? (
        <RemoveCard
          name={member.user.name}
          cases={cases}
          successors={successors}
          refused={removalRefused}
          pending={intent === "remove"}
        />
      ) : null}
    </div>
  );
}
