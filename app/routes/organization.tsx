import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  DeletionScheduled,
  OrganizationExport,
  ScheduleDeletion,
  TransferOwnership,
} from "#app/components/organization/organization-parts.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { clientOf, requireMember } from "#app/modules/auth/request.server.ts";
import {
  confirmSecondFactor,
  secondFactorErrors,
  secondFactorFieldName,
} from "#app/modules/auth/two-factor.server.ts";
import { errorMessage } from "#app/modules/error-messages.ts";
import { badRequest, forbidden, readOnly } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  cancelDeletion,
  deletionState,
  exportValidForHours,
  gracePeriodDays,
  scheduleDeletion,
} from "#app/modules/organizations/deletion.server.ts";
import { deletionSchema, transferSchema } from "#app/modules/organizations/forms.ts";
import { listMembers, transferOwnership } from "#app/modules/organizations/organizations.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/organization";

/**
 * The owners' page about the organisation itself: handing ownership over,
 * the export, and deleting the organisation (and cancelling that). Everyone
 * else gets 403. While a deletion is scheduled only cancelling works here.
 */
export async function loader(args: Route.LoaderArgs) {
  const { actor, user, tdb, membership } = requireMember(args);
  if (!can(actor, "organization.delete")) forbidden();
  const [members, state] = await Promise.all([listMembers(tdb), deletionState(tdb)]);
  return {
    organizationName: membership.organizationName,
    candidates: members
      .filter(
        ({ role, user: person }) =>
          role !== "OWNER" && role !== "PHYSICIAN" && person.id !== user.id,
      )
      .map(({ id, role, user: person }) => ({ id, role, name: person.name, email: person.email })),
    lastExportAt: state.lastExportAt?.toISOString() ?? null,
    exportFresh: state.exportFresh,
    deletionDueAt: state.deletionDueAt?.toISOString() ?? null,
    deletionRequestedAt: state.deletionRequestedAt?.toISOString() ?? null,
    gracePeriodDays,
    exportValidForHours,
  };
}

const transferRefusals = {
  "not-a-member": "organization:transfer.chooseMember",
  yourself: "organization:transfer.notYourself",
  "already-owner": "organization:transfer.alreadyOwner",
  physician: "organization:transfer.notPhysician",
} as const;

export async function action(args: Route.ActionArgs) {
  // Open while a deletion is scheduled, so that an owner can cancel it; nothing else works then.
  const { actor, user, tdb, membership } = requireMember(args, { openDuringDeletion: true });
  if (!can(actor, "organization.delete")) forbidden();
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const client = clientOf(args);
  const owner = { ...actor, name: user.name };
  if (intent === "cancel-deletion") {
    const result = await cancelDeletion(tdb, owner, client);
    if (!result.ok && result.reason === "forbidden") forbidden();
    return redirectWithToast("/organization", {
      kind: result.ok ? "success" : "error",
      message: result.ok ? "organization:deletion.cancelled" : "organization:deletion.notScheduled",
    });
  }
  if (membership.deletionDueAt) readOnly();
  if (intent === "transfer") {
    const submission = parseWithZod(formData, { schema: transferSchema });
    if (submission.status !== "success")
      return { form: "transfer" as const, reply: submission.reply() };
    const confirmed = await confirmSecondFactor(user, formData, client);
    if (!confirmed.ok)
      return { form: "transfer" as const, reply: stepUpReply(submission, confirmed) };
    const result = await transferOwnership(tdb, owner, submission.value, client);
    if (!result.ok) {
      if (result.reason === "forbidden") forbidden();
      return {
        form: "transfer" as const,
        reply: submission.reply({ fieldErrors: { newOwner: [transferRefusals[result.reason]] } }),
      };
    }
    // No longer an owner: this page is not theirs now.
    return redirectWithToast(result.value.ownRole === "HR" ? "/members" : "/app", {
      kind: "success",
      message: `organization:transfer.done${result.value.ownRole}`,
      values: { name: result.value.newOwnerName },
    });
  }
  if (intent === "schedule-deletion") {
    const submission = parseWithZod(formData, { schema: deletionSchema });
    if (submission.status !== "success")
      return { form: "deletion" as const, reply: submission.reply() };
    const confirmed = await confirmSecondFactor(user, formData, client);
    if (!confirmed.ok)
      return { form: "deletion" as const, reply: stepUpReply(submission, confirmed) };
    const result = await scheduleDeletion(tdb, owner, submission.value, client);
    if (!result.ok) {
      if (result.reason === "forbidden") forbidden();
      const reply =
        result.reason === "wrong-name"
          ? submission.reply({ fieldErrors: { confirmName: ["organization:deletion.wrongName"] } })
          : submission.reply({
              formErrors: [
                result.reason === "export-needed"
                  ? errorMessage("organization:deletion.exportNeeded", {
                      hours: exportValidForHours,
                    })
                  : "organization:deletion.alreadyScheduled",
              ],
            });
      return { form: "deletion" as const, reply };
    }
    return redirectWithToast("/organization", {
      kind: "success",
      message: "organization:deletion.scheduled",
      values: { date: result.value.dueAt.toISOString().slice(0, 10) },
    });
  }
  badRequest();
}

/** A refused second factor: the field's error, with everything else as it was typed. */
function stepUpReply(
  submission: { reply: Submission<unknown>["reply"] },
  refusal: Parameters<typeof secondFactorErrors>[0],
) {
  return submission.reply({
    fieldErrors: secondFactorErrors(refusal),
    hideFields: [secondFactorFieldName],
  });
}

export default function Organization({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("organization");
  const { organizationName, deletionDueAt } = loaderData;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro", { organization: organizationName })} />
      {deletionDueAt ? (
        <DeletionScheduled organizationName={organizationName} deletionDueAt={deletionDueAt} />
      ) : (
        <TransferOwnership
          candidates={loaderData.candidates}
          lastResult={actionData?.form === "transfer" ? actionData.reply : undefined}
        />
      )}
      <OrganizationExport lastExportAt={loaderData.lastExportAt} />
      {deletionDueAt ? null : (
        <ScheduleDeletion
          organizationName={organizationName}
          exportFresh={loaderData.exportFresh}
          gracePeriodDays={loaderData.gracePeriodDays}
          exportValidForHours={loaderData.exportValidForHours}
          lastResult={actionData?.form === "deletion" ? actionData.reply : undefined}
        />
      )}
    </div>
  );
}
