import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import { CheckInForm } from "#app/components/checkins/check-in-form.tsx";
import { CheckInList } from "#app/components/checkins/check-in-list.tsx";
import { HoursChart } from "#app/components/checkins/hours-chart.tsx";
import { HoursForm } from "#app/components/checkins/hours-form.tsx";
import { PulseChart } from "#app/components/checkins/pulse-chart.tsx";
import { ReviewSuggestion } from "#app/components/checkins/review-suggestion.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField } from "#app/components/ui/field.tsx";
import { useFocusTarget } from "#app/components/ui/focus-target.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import {
  askForReview,
  checkInPage,
  recordCheckIn,
  recordHours,
  setCheckInRhythm,
} from "#app/modules/checkins/checkins.server.ts";
import {
  type CheckInRhythm,
  checkInRhythms,
  checkInSchema,
  hoursSchema,
} from "#app/modules/checkins/forms.ts";
import { isoDay } from "#app/modules/dates.ts";
import { badRequest, forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId.checkins";

/**
 * The employee's check-ins on a case: their pulse (energy, workload, how the
 * plan works) with who else may read it, the hours worked against the plan,
 * a chart of both, and, for the employee only, a suggestion to ask for a
 * review. The physician and the employer side read what is shared with them
 * and the hours; anyone outside the case gets 404.
 */
export async function loader(args: Route.LoaderArgs) {
  return checkInPage(await requireCase(args));
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const parties = partiesOf(record);
  const here = `/cases/${record.id}/checkins`;
  if (intent === "check-in") {
    if (!can(member.actor, "checkIn.write", parties)) forbidden();
    const submission = parseWithZod(formData, { schema: checkInSchema });
    if (submission.status !== "success") return { form: "check-in", reply: submission.reply() };
    orRespond(await recordCheckIn(tdb, member.actor, record, submission.value));
    return redirectWithToast(`${here}#check-ins`, {
      kind: "success",
      message: `checkins:pulse.saved.${submission.value.sharing}`,
    });
  }
  if (intent === "record-hours") {
    if (!can(member.actor, "hours.record", parties)) forbidden();
    const submission = parseWithZod(formData, { schema: hoursSchema(isoDay()) });
    if (submission.status !== "success") return { form: "hours", reply: submission.reply() };
    orRespond(await recordHours(tdb, member.actor, record, submission.value));
    return redirectWithToast(`${here}#hours`, { kind: "success", message: "checkins:hours.saved" });
  }
  if (intent === "rhythm") {
    if (!can(member.actor, "checkIn.write", parties)) forbidden();
    const rhythm = formData.get("rhythm");
    if (!checkInRhythms.includes(rhythm as CheckInRhythm)) badRequest();
    orRespond(await setCheckInRhythm(tdb, member.actor, record, rhythm as CheckInRhythm));
    return redirectWithToast(`${here}#rhythm`, {
      kind: "success",
      message: "checkins:rhythm.saved",
    });
  }
  if (intent === "ask-review") {
    if (!can(member.actor, "checkIn.write", parties)) forbidden();
    const result = orRespond(await askForReview(tdb, member.actor, record, clientOf(args)));
    if (!result.ok)
      return redirectWithToast(`${here}#suggestion`, {
        kind: "info",
        message: `checkins:review.refused.${result.reason}`,
      });
    return redirectWithToast(`${here}#suggestion`, {
      kind: "success",
      message: "checkins:review.asked",
    });
  }
  badRequest();
}

export default function CheckIns({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("checkins");
  const data = loaderData;
  const hoursFocus = useFocusTarget("hours");
  const latest = data.checkIns[0]?.id ?? "none";
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${data.caseId}`} className="font-medium text-brand-700 underline">
          ← {t("backToPlan")}
        </Link>
      </p>
      <PageHeader
        title={t("title")}
        intro={
          <p>
            {data.mayWrite
              ? t("introEmployee")
              : data.role === "PHYSICIAN"
                ? t("introPhysician")
                : t("introEmployer")}
          </p>
        }
      />
      {data.suggestion ? (
        <ReviewSuggestion
          reasons={data.suggestion.reasons}
          reviewPlanned={data.suggestion.reviewPlanned}
        />
      ) : null}
      {data.mayWrite && data.rhythm ? <RhythmForm rhythm={data.rhythm} /> : null}
      {data.mayWrite ? (
        <Card title={t("pulse.heading")}>
          {/* A saved check-in starts the form empty again; a refused one keeps what was filled in. */}
          <CheckInForm
            key={latest}
            hasPhysician={data.hasPhysician}
            lastResult={actionData?.form === "check-in" ? actionData.reply : undefined}
          />
        </Card>
      ) : null}
      <section aria-labelledby="hours" className="flex flex-col gap-4">
        <h2 {...hoursFocus} className="text-xl font-semibold">
          {t("hours.heading")}
        </h2>
        <p className="text-muted">
          {!data.hasStartDate
            ? t("hours.noStartDate")
            : !data.hasSchedule
              ? t("hours.noSchedule")
              : t("hours.intro")}
        </p>
        {data.mayRecordHours ? (
          <Card title={t("hours.formHeading")} headingLevel={3}>
            <HoursForm
              key={data.weeks.map((row) => `${row.weekStart}=${row.actual}`).join()}
              weeks={data.weekChoices}
              today={data.today}
              lastResult={actionData?.form === "hours" ? actionData.reply : undefined}
            />
          </Card>
        ) : null}
        <HoursChart weeks={data.weeks} />
      </section>
      <section aria-labelledby="pulse-heading" className="flex flex-col gap-4">
        <h2 id="pulse-heading" className="text-xl font-semibold">
          {t("chart.pulseHeading")}
        </h2>
        <PulseChart pulses={data.checkIns.slice(0, 12).toReversed()} />
      </section>
      <CheckInList checkIns={data.checkIns} own={data.mayWrite} />
    </div>
  );
}

/** How often the employee wants to be asked for a check-in: their choice, by e-mail reminder. */
function RhythmForm({ rhythm }: { rhythm: CheckInRhythm }) {
  const { t } = useTranslation("checkins");
  const saving = useSubmittingIntent("rhythm");
  return (
    <Form method="post" id="rhythm" className="flex flex-wrap items-end gap-3">
      <SelectField
        id="check-in-rhythm"
        name="rhythm"
        label={t("rhythm.label")}
        defaultValue={rhythm}
        options={checkInRhythms.map((value) => ({ value, label: t(`rhythm.choices.${value}`) }))}
      />
      <Button
        type="submit"
        name="intent"
        value="rhythm"
        variant="secondary"
        pending={saving}
        pendingLabel={t("rhythm.pending")}
      >
        {t("rhythm.save")}
      </Button>
    </Form>
  );
}
