import { parseWithZod } from "@conform-to/zod/v4";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { DeadlineList } from "#app/components/timelines/deadline-list.tsx";
import { AbsenceForm, EventForm, RemoveRecorded } from "#app/components/timelines/record-forms.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { localize } from "#app/modules/content/localize.ts";
import { isoDay } from "#app/modules/dates.ts";
import { badRequest, notFound } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { TimelineEvent } from "#app/modules/timelines/events.ts";
import {
  absenceSchema,
  deadlineRefSchema,
  doneFormId,
  doneSchema,
  eventSchema,
  eventsOf,
  overlapsAbsence,
} from "#app/modules/timelines/forms.ts";
import {
  deadlinesOf,
  markDone,
  recordAbsence,
  recordEvent,
  recordedOf,
  removeRecorded,
  undoDone,
} from "#app/modules/timelines/timeline.server.ts";
import type { Route } from "./+types/cases.$caseId.timeline";

/**
 * A case's statutory deadlines (NL, BE, UK), counted from what the case
 * records. Everyone in the case reads them; the employer side and the
 * physician record absences and dated steps, and mark deadlines done.
 */
async function requireTimeline(args: Route.LoaderArgs | Route.ActionArgs) {
  const access = await requireCase(args);
  const parties = partiesOf(access.record);
  if (!can(access.member.actor, "timeline.view", parties)) notFound();
  return { ...access, mayRecord: can(access.member.actor, "timeline.record", parties) };
}

export async function loader(args: Route.LoaderArgs) {
  const { tdb, record, mayRecord } = await requireTimeline(args);
  const language = languageOfRequest(args.request);
  const [deadlines, recorded] = await Promise.all([
    deadlinesOf(tdb, record),
    recordedOf(tdb, record.id),
  ]);
  return {
    caseId: record.id,
    country: record.country,
    mayRecord,
    hasStart:
      Boolean(record.startKind === "ABSENCE" && record.startDate) || recorded.absences.length > 0,
    today: isoDay(0),
    events: eventsOf(record.country),
    recorded,
    deadlines: deadlines.map(({ rule, ...deadline }) => ({
      ...deadline,
      title: localize(rule.title, language),
      description: localize(rule.description, language),
      unconfirmedNote: rule.unconfirmed ? localize(rule.unconfirmed, language) : null,
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { tdb, record, member, mayRecord } = await requireTimeline(args);
  if (!mayRecord) notFound();
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const back = `/cases/${record.id}/timeline`;
  const saved = () => redirectWithToast(back, { kind: "success", message: "timelines:saved" });
  const userId = member.actor.userId;
  switch (intent) {
    case "done": {
      const ref = deadlineRefSchema.safeParse(Object.fromEntries(formData));
      if (!ref.success) badRequest();
      const submission = parseWithZod(formData, { schema: doneSchema });
      if (submission.status !== "success")
        return {
          form: doneFormId(ref.data.ruleId, ref.data.occurrence),
          reply: submission.reply(),
        };
      const { ruleId, occurrence } = submission.value;
      const known = (await deadlinesOf(tdb, record)).some(
        (deadline) => deadline.ruleId === ruleId && (deadline.occurrence ?? 0) === occurrence,
      );
      // The deadline went away since the page was read (an absence changed): read it again.
      if (!known) return redirectWithToast(back, { kind: "error", message: "timelines:stale" });
      await markDone(tdb, record.id, userId, submission.value);
      return saved();
    }
    case "undo": {
      const parsed = deadlineRefSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) badRequest();
      await undoDone(tdb, record.id, parsed.data);
      return saved();
    }
    case "absence": {
      const submission = parseWithZod(formData, { schema: absenceSchema });
      if (submission.status !== "success") return { form: "absence", reply: submission.reply() };
      // Periods follow each other: one may not overlap another, and only the last may still be open.
      const { absences } = await recordedOf(tdb, record.id);
      if (overlapsAbsence(absences, submission.value))
        return {
          form: "absence",
          reply: submission.reply({ formErrors: ["timelines:errors.overlap"] }),
        };
      await recordAbsence(tdb, record.id, userId, submission.value);
      return saved();
    }
    case "event": {
      const submission = parseWithZod(formData, { schema: eventSchema(record.country) });
      if (submission.status !== "success") return { form: "event", reply: submission.reply() };
      await recordEvent(tdb, record.id, userId, submission.value);
      return saved();
    }
    case "remove-absence":
    case "remove-event": {
      const id = formData.get("id");
      if (typeof id !== "string" || id.length === 0 || id.length > 40) badRequest();
      const what = intent === "remove-absence" ? "absence" : "event";
      if (!(await removeRecorded(tdb, record.id, what, id))) notFound();
      return redirectWithToast(back, { kind: "success", message: "timelines:removed" });
    }
    default:
      badRequest();
  }
}

export default function Timeline({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("timelines");
  const { caseId, country, deadlines, mayRecord, recorded, events, today } = loaderData;
  const refused = (form: string) => (actionData?.form === form ? actionData.reply : undefined);
  const listed = { mayRecord, today, refused: actionData };
  const day = (value: string) => formatDay(i18n.language, value);
  // What needs doing now first; what is done, and what lies further ahead, folded away.
  const now = deadlines.filter((d) => d.state === "late" || d.state === "due");
  const upcoming = deadlines.filter((d) => d.state === "upcoming");
  now.push(...upcoming.slice(0, 3));
  const ahead = upcoming.slice(3);
  const done = deadlines.filter((d) => d.state === "done");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <title>{`${t("title")} · Werkpad`}</title>
      <p className="flex flex-wrap gap-4">
        <Link to={`/cases/${caseId}`} className="font-medium text-brand-700 underline">
          ← {t("backToPlan")}
        </Link>
        <Link to={`/cases/${caseId}/checkins`} className="font-medium text-brand-700 underline">
          {t("checkIns")}
        </Link>
        <Link
          to={`/hub/${loaderData.country.toLowerCase()}-rights`}
          className="font-medium text-brand-700 underline"
        >
          {t("rules")}
        </Link>
      </p>
      <PageHeader title={t("title")} intro={t("intro")} />
      {loaderData.hasStart ? null : <p className="text-muted">{t("noStart")}</p>}
      {deadlines.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <>
          <DeadlineList {...listed} deadlines={now} testId="deadlines" />
          {done.length > 0 ? (
            <details>
              <summary className="cursor-pointer font-semibold text-brand-700">
                {t("groups.done", { count: done.length })}
              </summary>
              <DeadlineList {...listed} deadlines={done} />
            </details>
          ) : null}
          {ahead.length > 0 ? (
            <details>
              <summary className="cursor-pointer font-semibold text-brand-700">
                {t("groups.ahead", { count: ahead.length })}
              </summary>
              <DeadlineList {...listed} deadlines={ahead} />
            </details>
          ) : null}
        </>
      )}

      <Card title={t("absences.heading")}>
        <p className="mb-3 text-muted">{t("absences.intro")}</p>
        {recorded.absences.length === 0 ? (
          <p>{t("absences.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {recorded.absences.map((absence) => (
              <li key={absence.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {absence.endsOn
                    ? t("absences.closed", { from: day(absence.startsOn), to: day(absence.endsOn) })
                    : t("absences.open", { from: day(absence.startsOn) })}
                </span>
                {mayRecord ? (
                  <RemoveRecorded
                    id={absence.id}
                    intent="remove-absence"
                    label={t("absences.remove")}
                    what={
                      absence.endsOn
                        ? t("absences.closed", {
                            from: day(absence.startsOn),
                            to: day(absence.endsOn),
                          })
                        : t("absences.open", { from: day(absence.startsOn) })
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {mayRecord ? (
          // A recorded period starts the form empty again; a refused one keeps what was typed.
          <AbsenceForm
            key={recorded.absences.map((absence) => absence.id).join()}
            lastResult={refused("absence")}
          />
        ) : null}
      </Card>

      {events.length > 0 ? (
        <Card title={t("events.heading")}>
          <p className="mb-3 text-muted">{t("events.intro")}</p>
          {recorded.events.length === 0 ? (
            <p>{t("events.none")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {recorded.events.map((event) => (
                <li key={event.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {t(`eventNames.${event.event as TimelineEvent}`)} · {day(event.on)}
                  </span>
                  {mayRecord ? (
                    <RemoveRecorded
                      id={event.id}
                      intent="remove-event"
                      label={t("events.remove")}
                      what={`${t(`eventNames.${event.event as TimelineEvent}`)} · ${day(event.on)}`}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {mayRecord ? (
            <EventForm
              key={recorded.events.map((event) => event.id).join()}
              country={country}
              events={events}
              lastResult={refused("event")}
            />
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
