import type { CaseRecord } from "#app/modules/cases/cases.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { log } from "#app/modules/log.server.ts";
import type { TenantDb, TenantTx } from "#app/modules/tenant.server.ts";
import type { TimelineEvent } from "./events.ts";
import {
  type CaseFacts,
  type Deadline,
  deadlinesFor,
  loadTimelines,
  type TimelineRule,
} from "./timelines.ts";

/**
 * A case's statutory deadlines, from what the case records: its absence
 * periods (or, until one is recorded, the case's own start when it started
 * with an absence), its dated steps, and the deadlines marked done.
 */
const day = (date: Date) => date.toISOString().slice(0, 10);

type CaseDates = Pick<CaseRecord, "id" | "country" | "startKind" | "startDate">;

/** One case's facts: see factsOfMany. */
export async function factsOf(tdb: TenantDb | TenantTx, record: CaseDates): Promise<CaseFacts> {
  const facts = await factsOfMany(tdb, [record]);
  return facts.get(record.id) as CaseFacts;
}

/**
 * The facts the timelines count from for a batch of cases, in three queries
 * for the whole batch (the case list tests pages of cases at once).
 */
export async function factsOfMany(
  tdb: TenantDb | TenantTx,
  batch: CaseDates[],
): Promise<Map<string, CaseFacts>> {
  const caseId = { in: batch.map((record) => record.id) };
  const [absences, events, done] = await Promise.all([
    tdb.caseAbsence.findMany({
      where: { caseId },
      orderBy: { startsOn: "asc" },
      select: { caseId: true, startsOn: true, endsOn: true },
    }),
    tdb.caseEvent.findMany({
      where: { caseId },
      orderBy: { on: "asc" },
      select: { caseId: true, event: true, on: true },
    }),
    tdb.deadlineDone.findMany({
      where: { caseId },
      select: { caseId: true, ruleId: true, occurrence: true, doneOn: true },
    }),
  ]);
  const facts = new Map<string, CaseFacts>();
  for (const record of batch) {
    // Until a period is recorded, a case that started with an absence counts from its start.
    const started =
      record.startKind === "ABSENCE" && record.startDate
        ? [{ from: day(record.startDate), to: null }]
        : [];
    facts.set(record.id, { country: record.country, absences: started, events: [], done: [] });
  }
  const recorded = new Set<string>();
  for (const absence of absences) {
    const of = facts.get(absence.caseId);
    if (!of) continue;
    // Recorded periods replace the case's own start.
    if (!recorded.has(absence.caseId)) of.absences = [];
    recorded.add(absence.caseId);
    of.absences.push({
      from: day(absence.startsOn),
      to: absence.endsOn ? day(absence.endsOn) : null,
    });
  }
  for (const event of events)
    facts
      .get(event.caseId)
      ?.events.push({ event: event.event as TimelineEvent, on: day(event.on) });
  for (const mark of done)
    facts.get(mark.caseId)?.done.push({
      ruleId: mark.ruleId,
      ...(mark.occurrence > 0 ? { occurrence: mark.occurrence } : {}),
      on: day(mark.doneOn),
    });
  return facts;
}

export type CaseDeadline = Deadline & { rule: TimelineRule };

/** The case's deadlines with their rules, soonest first. */
export async function deadlinesOf(
  tdb: TenantDb | TenantTx,
  record: CaseDates,
  today = isoDay(0),
): Promise<CaseDeadline[]> {
  return (await deadlinesOfMany(tdb, [record], today)).get(record.id) ?? [];
}

/**
 * The deadlines of a batch of cases, by case id, reading their facts in
 * three queries for the whole batch: what the start page, the calendar feed,
 * the reminders and the case list's filters use.
 */
export async function deadlinesOfMany(
  tdb: TenantDb | TenantTx,
  records: CaseDates[],
  today = isoDay(0),
): Promise<Map<string, CaseDeadline[]>> {
  const result = new Map<string, CaseDeadline[]>();
  if (records.length === 0) return result;
  const [timelines, facts] = await Promise.all([loadTimelines(), factsOfMany(tdb, records)]);
  for (const record of records) {
    const timeline = timelines[record.country];
    const of = facts.get(record.id);
    if (!of || of.absences.length + of.events.length === 0) {
      result.set(record.id, []);
      continue;
    }
    const rules = new Map(timeline.rules.map((rule) => [rule.id, rule]));
    let deadlines: Deadline[];
    try {
      deadlines = deadlinesFor(timeline, of, today);
    } catch (error) {
      // Facts the computation cannot count from (periods recorded before overlaps were refused):
      // no deadlines rather than a broken page; the log says which case.
      if (!(error instanceof RangeError)) throw error;
      log.warn("timeline facts cannot be counted", { caseId: record.id });
      result.set(record.id, []);
      continue;
    }
    result.set(
      record.id,
      deadlines.flatMap((deadline) => {
        const rule = rules.get(deadline.ruleId);
        return rule ? [{ ...deadline, rule }] : [];
      }),
    );
  }
  return result;
}

const asDate = (value: string) => new Date(`${value}T00:00:00Z`);

/** What the employer side or the physician records on a case's timeline; each answers once done. */
export async function markDone(
  tdb: TenantDb,
  caseId: string,
  userId: string,
  input: { ruleId: string; occurrence: number; doneOn: string },
) {
  await tdb.deadlineDone.upsert({
    where: {
      organizationId_caseId_ruleId_occurrence: {
        organizationId: tdb.organizationId,
        caseId,
        ruleId: input.ruleId,
        occurrence: input.occurrence,
      },
    },
    create: {
      organizationId: tdb.organizationId,
      caseId,
      ruleId: input.ruleId,
      occurrence: input.occurrence,
      doneOn: asDate(input.doneOn),
      markedById: userId,
    },
    update: { doneOn: asDate(input.doneOn), markedById: userId },
  });
}

export async function undoDone(
  tdb: TenantDb,
  caseId: string,
  input: { ruleId: string; occurrence: number },
) {
  await tdb.deadlineDone.deleteMany({
    where: { caseId, ruleId: input.ruleId, occurrence: input.occurrence },
  });
}

export async function recordAbsence(
  tdb: TenantDb,
  caseId: string,
  userId: string,
  input: { startsOn: string; endsOn?: string },
) {
  await tdb.caseAbsence.create({
    data: {
      organizationId: tdb.organizationId,
      caseId,
      startsOn: asDate(input.startsOn),
      endsOn: input.endsOn ? asDate(input.endsOn) : null,
      recordedById: userId,
    },
  });
}

export async function recordEvent(
  tdb: TenantDb,
  caseId: string,
  userId: string,
  input: { event: TimelineEvent; on: string },
) {
  await tdb.caseEvent.create({
    data: {
      organizationId: tdb.organizationId,
      caseId,
      event: input.event,
      on: asDate(input.on),
      recordedById: userId,
    },
  });
}

/** Removes an absence period or a dated step recorded by mistake; false when it is not this case's. */
export async function removeRecorded(
  tdb: TenantDb,
  caseId: string,
  what: "absence" | "event",
  id: string,
): Promise<boolean> {
  const { count } =
    what === "absence"
      ? await tdb.caseAbsence.deleteMany({ where: { id, caseId } })
      : await tdb.caseEvent.deleteMany({ where: { id, caseId } });
  return count === 1;
}

/** What the page lists besides the deadlines: the periods and steps recorded. */
export async function recordedOf(tdb: TenantDb, caseId: string) {
  const [absences, events] = await Promise.all([
    tdb.caseAbsence.findMany({ where: { caseId }, orderBy: { startsOn: "asc" } }),
    tdb.caseEvent.findMany({ where: { caseId }, orderBy: { on: "asc" } }),
  ]);
  return {
    absences: absences.map((absence) => ({
      id: absence.id,
      startsOn: day(absence.startsOn),
      endsOn: absence.endsOn ? day(absence.endsOn) : null,
    })),
    events: events.map((event) => ({ id: event.id, event: event.event, on: day(event.on) })),
  };
}
