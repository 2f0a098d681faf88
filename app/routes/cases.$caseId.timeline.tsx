import { Form, Link, useLoaderData } from "react-router";
import { z } from "zod";
import { PageHeader } from "#app/components/page.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { SelectField, TextField } from "#app/components/ui/field.tsx";
import { useSubmittingIntent } from "#app/components/ui/pending.tsx";
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
import {
  deadlinesOf,
  markDone,
  recordAbsence,
  recordEvent,
  recordedOf,
  removeRecorded,
  undoDone,
} from "#app/modules/timelines/timeline.server.ts";
import { type TimelineEvent, timelineEvents } from "#app/modules/timelines/timelines.ts";
import { dateRanges, optionalDate, requiredDate } from "#app/modules/validation.ts";
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

const eventsOf = (country: string) =>
  timelineEvents.filter((event) => event.startsWith(`${country.toLowerCase()}-`));

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

const ruleRef = {
  ruleId: z.string().regex(/^[a-z0-9-]{1,60}$/),
  occurrence: z.coerce.number().int().min(0).max(500),
};
const schemas = {
  done: z.object({ ...ruleRef, doneOn: requiredDate(dateRanges.caseStart) }),
  undo: z.object(ruleRef),
  absence: z.object({
    startsOn: requiredDate(dateRanges.caseStart),
    endsOn: optionalDate(dateRanges.caseStart),
  }),
  event: z.object({ event: z.enum(timelineEvents), on: requiredDate(dateRanges.caseStart) }),
  "remove-absence": z.object({ id: z.string().min(1).max(40) }),
  "remove-event": z.object({ id: z.string().min(1).max(40) }),
};

export async function action(args: Route.ActionArgs) {
  const { tdb, record, member, mayRecord } = await requireTimeline(args);
  if (!mayRecord) notFound();
  const form = Object.fromEntries(await args.request.formData());
  const intent = form.intent;
  if (typeof intent !== "string" || !Object.hasOwn(schemas, intent)) badRequest();
  const back = `/cases/${record.id}/timeline`;
  const parsed = schemas[intent as keyof typeof schemas].safeParse(form);
  const invalid = () => redirectWithToast(back, { kind: "error", message: "timelines:invalid" });
  if (!parsed.success) return invalid();
  const value = parsed.data as Record<string, string | number | undefined>;
  const userId = member.actor.userId;
  switch (intent) {
    case "done": {
      const known = (await deadlinesOf(tdb, record)).some(
        (deadline) =>
          deadline.ruleId === value.ruleId && (deadline.occurrence ?? 0) === value.occurrence,
      );
      if (!known) return invalid();
      await markDone(tdb, record.id, userId, value as never);
      break;
    }
    case "undo":
      await undoDone(tdb, record.id, value as never);
      break;
    case "absence": {
      if (value.endsOn && String(value.endsOn) <= String(value.startsOn)) return invalid();
      // Periods follow each other: one may not overlap another, and only the last may still be open.
      const { absences } = await recordedOf(tdb, record.id);
      const from = String(value.startsOn);
      const to = value.endsOn ? String(value.endsOn) : "9999-12-31";
      const overlaps = absences.some(
        (absence) => from < (absence.endsOn ?? "9999-12-31") && absence.startsOn < to,
      );
      if (overlaps) return invalid();
      await recordAbsence(tdb, record.id, userId, value as never);
      break;
    }
    case "event":
      if (!eventsOf(record.country).includes(value.event as TimelineEvent)) return invalid();
      await recordEvent(tdb, record.id, userId, value as never);
      break;
    default:
      if (
        !(await removeRecorded(
          tdb,
          record.id,
          intent === "remove-absence" ? "absence" : "event",
          String(value.id),
        ))
      )
        notFound();
      return redirectWithToast(back, { kind: "success", message: "timelines:removed" });
  }
  return redirectWithToast(back, { kind: "success", message: "timelines:saved" });
}

const stateClasses = {
  late: "bg-danger-50 text-danger-700",
  due: "bg-brand-100 text-brand-900",
  upcoming: "bg-info-50 text-info-700",
  done: "bg-success-50 text-success-700",
} as const;

export default function Timeline({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("timelines");
  const { caseId, deadlines, mayRecord, recorded, events } = loaderData;
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
          <DeadlineList deadlines={now} testId="deadlines" />
          {done.length > 0 ? (
            <details>
              <summary className="cursor-pointer font-semibold text-brand-700">
                {t("groups.done", { count: done.length })}
              </summary>
              <DeadlineList deadlines={done} />
            </details>
          ) : null}
          {ahead.length > 0 ? (
            <details>
              <summary className="cursor-pointer font-semibold text-brand-700">
                {t("groups.ahead", { count: ahead.length })}
              </summary>
              <DeadlineList deadlines={ahead} />
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
          <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
            <TextField id="absence-from" name="startsOn" type="date" label={t("absences.from")} />
            <TextField id="absence-to" name="endsOn" type="date" label={t("absences.to")} />
            <Button type="submit" name="intent" value="absence" variant="secondary">
              {t("absences.add")}
            </Button>
          </Form>
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
            <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
              <SelectField
                id="event-which"
                name="event"
                label={t("events.which")}
                options={events.map((event) => ({ value: event, label: t(`eventNames.${event}`) }))}
              />
              <TextField id="event-on" name="on" type="date" label={t("events.on")} />
              <Button type="submit" name="intent" value="event" variant="secondary">
                {t("events.add")}
              </Button>
            </Form>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

type ShownDeadline = Route.ComponentProps["loaderData"]["deadlines"][number];

/** Deadlines as cards: what, when, who, the rule behind it, and (for those who record) done or not. */
function DeadlineList({ deadlines, testId }: { deadlines: ShownDeadline[]; testId?: string }) {
  const { t, i18n } = useTranslation("timelines");
  const { mayRecord, today } = useLoaderData<typeof loader>();
  const day = (value: string) => formatDay(i18n.language, value);
  const saving = useSubmittingIntent("done");
  if (deadlines.length === 0) return null;
  return (
    <ol className="mt-3 flex flex-col gap-3" data-testid={testId}>
      {deadlines.map((deadline) => (
        <li
          key={`${deadline.ruleId}-${deadline.occurrence ?? 0}`}
          id={`deadline-${deadline.ruleId}-${deadline.occurrence ?? 0}`}
          className="rounded-xl border border-line bg-surface p-4"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">
              {deadline.title}
              {deadline.occurrence ? (
                <span className="font-normal text-muted">
                  {" "}
                  · {t("occurrence", { number: deadline.occurrence })}
                </span>
              ) : null}
            </h2>
            <span className={`badge ${stateClasses[deadline.state]}`}>
              {deadline.state === "done"
                ? t("states.done", { date: day(deadline.doneOn ?? today) })
                : t(`states.${deadline.state}`)}
            </span>
          </div>
          <p className="mt-1 font-medium">{t("due", { date: day(deadline.due) })}</p>
          <p className="text-sm text-muted">
            {t("who")}
            {t("punctuation.colon", { ns: "common" })} {t(`responsible.${deadline.responsible}`)}
          </p>
          {deadline.unconfirmedNote ? (
            <p className="mt-2 text-sm">
              <strong>{t("unconfirmed")}</strong>
              {t("punctuation.colon", { ns: "common" })} {deadline.unconfirmedNote}
            </p>
          ) : null}
          <details className="mt-2">
            <summary className="cursor-pointer text-brand-700 underline">{t("readMore")}</summary>
            <p className="mt-2">{deadline.description}</p>
            <p className="mt-2">
              <Link
                to={`/hub/${deadline.hubPage}${deadline.hubAnchor ? `#${deadline.hubAnchor}` : ""}`}
                className="font-medium text-brand-700 underline"
              >
                {t("rules")}
              </Link>
            </p>
          </details>
          {mayRecord ? (
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
              <input type="hidden" name="ruleId" value={deadline.ruleId} />
              <input type="hidden" name="occurrence" value={deadline.occurrence ?? 0} />
              {deadline.state === "done" ? (
                <Button type="submit" name="intent" value="undo" variant="secondary">
                  {t("undo")}
                </Button>
              ) : (
                <>
                  <TextField
                    id={`done-${deadline.ruleId}-${deadline.occurrence ?? 0}`}
                    name="doneOn"
                    type="date"
                    label={t("doneOn")}
                    defaultValue={today}
                  />
                  <Button
                    type="submit"
                    name="intent"
                    value="done"
                    pending={saving}
                    pendingLabel={t("pending")}
                  >
                    {t("markDone")}
                  </Button>
                </>
              )}
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Removes a period or step recorded by mistake; its name says which, for screen readers among several. */
function RemoveRecorded({
  id,
  intent,
  label,
  what,
}: {
  id: string;
  intent: "remove-absence" | "remove-event";
  label: string;
  what: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        name="intent"
        value={intent}
        variant="ghost"
        aria-label={`${label}: ${what}`}
      >
        {label}
      </Button>
    </Form>
  );
}
