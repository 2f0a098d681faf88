import type { CheckInSharing } from "#app/generated/prisma/enums.ts";
import type { Client } from "#app/modules/auth/accounts.server.ts";
import { type CaseRecord, partiesOf } from "#app/modules/cases/cases.server.ts";
import type { CheckInRhythm } from "#app/modules/checkins/forms.ts";
import { isoDay } from "#app/modules/dates.ts";
import { type ItemState, isAgreed, statusOf } from "#app/modules/plans/agreement.ts";
import type { CaseAccess } from "#app/modules/plans/case-access.server.ts";
import { reviewSchema } from "#app/modules/plans/content.ts";
import { proposeIn, sideIn } from "#app/modules/plans/plans.server.ts";
import { type Actor, can, caseRole } from "#app/modules/policy/policy.ts";
import { done, type Refusal, type Result, refused } from "#app/modules/result.ts";
import type { TenantDb } from "#app/modules/tenant.server.ts";
import type { CheckInInput, HoursInput } from "./forms.ts";
import {
  addDays,
  type Pulse,
  type Recorded,
  type ReviewReason,
  recentWeeks,
  reviewReasons,
  type SchedulePhase,
  weekRows,
} from "./trend.ts";

/**
 * The employee's check-ins and the hours worked, against the plan.
 *
 * - A check-in (energy, workload, how the plan works, 1 to 5, and a comment)
 *   is the employee's to write (policy `checkIn.write`). Each says who else
 *   reads it: nobody, the physician, or the physician and the employer side
 *   (`checkIn.readShared`). Readers get only what is shared with them: the
 *   filter is in the query, so a private check-in never leaves the database
 *   for anyone but the employee. A comment is never logged, e-mailed or queued.
 * - Hours actually worked per week are work data: either side records them
 *   (`hours.record`), everyone in the case reads them.
 * - When the hours stay below the plan or the energy drops, the employee
 *   (only the employee) is offered to ask for a review: a REVIEW proposal on
 *   the plan, a week ahead, made the way every proposal is made (`proposeIn`).
 *   Nothing is sent unless the employee asks, and the proposal carries no
 *   reason: the employer sees a date, not the check-ins.
 */
export type CheckInRefusal = "forbidden" | "not-found" | "not-suggested" | "review-planned";

/** How many check-ins and weeks of hours the page reads (the newest). */
const checkInsShown = 52;
const hoursRead = 104;
/** How many weeks the hours chart and its table show (the newest). */
const weeksShown = 12;
/** A review within this many days counts as already planned. */
const reviewHorizonDays = 14;
/** How far ahead the review the employee asks for is proposed. */
const reviewInDays = 7;

/** Who reads which check-ins: the employee their own, the others what is shared with them, or none. */
type Reader = { own: true } | { own: false; sharings: CheckInSharing[] } | null;

function readerOf(actor: Actor, record: CaseRecord): Reader {
  const parties = partiesOf(record);
  if (can(actor, "checkIn.write", parties)) return { own: true };
  if (!can(actor, "checkIn.readShared", parties)) return null;
  return caseRole(actor, parties) === "PHYSICIAN"
    ? { own: false, sharings: ["PHYSICIAN", "EMPLOYER"] }
    : { own: false, sharings: ["EMPLOYER"] };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const dateOf = (value: string) => new Date(`${value}T00:00:00Z`);

/** The graded schedule as the chart reads it: every live phase, agreed or proposed (not declined). */
async function scheduleOf(tdb: TenantDb, caseId: string): Promise<SchedulePhase[]> {
  const items = await tdb.planItem.findMany({
    where: { caseId, kind: "SCHEDULE_PHASE", removedAt: null },
    orderBy: { createdAt: "asc" },
  });
  return items.flatMap((item) => {
    const state = item as ItemState;
    if (statusOf(state).kind === "declined") return [];
    const content = item.content as { startWeek?: unknown; hoursPerWeek?: unknown };
    const startWeek = Number(content.startWeek);
    const hoursPerWeek = Number(content.hoursPerWeek);
    if (!Number.isFinite(startWeek) || !Number.isFinite(hoursPerWeek)) return [];
    return [{ startWeek, hoursPerWeek, agreed: isAgreed(state) }];
  });
}

/** The date of a live review on the plan between today and two weeks ahead, if any. */
async function upcomingReview(tdb: TenantDb, caseId: string, today: string) {
  const reviews = await tdb.planItem.findMany({
    where: { caseId, kind: "REVIEW", removedAt: null },
    select: { content: true },
  });
  const horizon = addDays(today, reviewHorizonDays);
  const dates = reviews
    .map((review) => (review.content as { date?: unknown }).date)
    .filter((date): date is string => typeof date === "string" && date >= today && date <= horizon)
    .sort();
  return dates[0] ?? null;
}

async function recordedHours(tdb: TenantDb, caseId: string): Promise<Recorded[]> {
  const rows = await tdb.actualHours.findMany({
    where: { caseId },
    orderBy: { weekStart: "desc" },
    take: hoursRead,
    select: { weekStart: true, hours: true },
  });
  return rows.map((row) => ({ weekStart: day(row.weekStart), hours: row.hours }));
}

/** The check-ins this reader may see, newest first (the newest `limit`, or all); nothing for anyone else. */
export async function checkInsFor(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  limit: number | "all" = checkInsShown,
) {
  const reader = readerOf(actor, record);
  if (!reader) return [];
  return tdb.checkIn.findMany({
    where: reader.own
      ? { caseId: record.id, authorId: actor.userId }
      : { caseId: record.id, sharing: { in: reader.sharings } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit === "all" ? undefined : limit,
    select: {
      id: true,
      createdAt: true,
      energy: true,
      workload: true,
      planFit: true,
      comment: true,
      sharing: true,
    },
  });
}

const pulsesOf = (checkIns: Array<Pulse & { createdAt: Date }>) =>
  checkIns.map(({ energy, workload, planFit }) => ({ energy, workload, planFit })).reverse();

/**
 * Everything the check-ins page shows, for this reader: their check-ins as
 * they may read them, the hours against the plan, the forms they may use,
 * and, for the employee only, whether a review may help.
 */
export async function checkInPage({ member, tdb, record }: CaseAccess, now = new Date()) {
  const { actor } = member;
  const parties = partiesOf(record);
  const today = isoDay(0, now);
  const mayWrite = can(actor, "checkIn.write", parties);
  const mayRecordHours = can(actor, "hours.record", parties);
  const [checkIns, recorded, phases, review] = await Promise.all([
    checkInsFor(tdb, actor, record),
    recordedHours(tdb, record.id),
    scheduleOf(tdb, record.id),
    mayWrite ? upcomingReview(tdb, record.id, today) : null,
  ]);
  const startDate = record.startDate ? day(record.startDate) : null;
  // Only the employee's own check-ins and only for the employee: the reasons
  // may rest on check-ins nobody else reads.
  const reasons = mayWrite
    ? reviewReasons({ recorded, startDate, phases, pulses: pulsesOf(checkIns) })
    : [];
  return {
    caseId: record.id,
    role: caseRole(actor, parties),
    mayWrite,
    mayRecordHours,
    hasStartDate: startDate !== null,
    hasSchedule: phases.length > 0,
    hasPhysician: record.physicianId !== null,
    today,
    weeks: weekRows({ startDate, phases, recorded, today, maxWeeks: weeksShown }),
    weekChoices: mayRecordHours ? recentWeeks(today) : [],
    checkIns,
    suggestion: reasons.length > 0 ? { reasons, reviewPlanned: review } : null,
    /** How often the employee wants to be asked (the reminder e-mails ask); theirs alone to see and set. */
    rhythm: mayWrite ? record.checkInRhythm : null,
  };
}

/** The employee chooses how often the reminder e-mails ask for a check-in. */
export async function setCheckInRhythm(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  rhythm: CheckInRhythm,
): Promise<Result<undefined, Refusal<"forbidden">>> {
  if (!can(actor, "checkIn.write", partiesOf(record))) return refused("forbidden");
  await tdb.case.update({ where: { id: record.id }, data: { checkInRhythm: rhythm } });
  return done();
}

export type CheckInPage = Awaited<ReturnType<typeof checkInPage>>;

/** The employee records a check-in; nobody else can. */
export async function recordCheckIn(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: CheckInInput,
): Promise<Result<{ checkInId: string }, Refusal<"forbidden">>> {
  if (!can(actor, "checkIn.write", partiesOf(record))) return refused("forbidden");
  const created = await tdb.checkIn.create({
    data: {
      organizationId: actor.organizationId,
      caseId: record.id,
      authorId: actor.userId,
      energy: input.energy,
      workload: input.workload,
      planFit: input.planFit,
      comment: input.comment ?? null,
      sharing: input.sharing,
    },
    select: { id: true },
  });
  return done({ checkInId: created.id });
}

/** Either side records the hours worked in a week; recording a week again replaces it. */
export async function recordHours(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  input: HoursInput,
): Promise<Result<{ weekStart: string }, Refusal<"forbidden">>> {
  if (!can(actor, "hours.record", partiesOf(record))) return refused("forbidden");
  const weekStart = dateOf(input.weekStart);
  await tdb.actualHours.upsert({
    where: {
      organizationId_caseId_weekStart: {
        organizationId: actor.organizationId,
        caseId: record.id,
        weekStart,
      },
    },
    create: {
      organizationId: actor.organizationId,
      caseId: record.id,
      weekStart,
      hours: input.hours,
      recordedById: actor.userId,
    },
    update: { hours: input.hours, recordedById: actor.userId },
  });
  return done({ weekStart: input.weekStart });
}

/**
 * The employee asks for a review, when the page suggests one: a REVIEW item
 * proposed on the plan for a week ahead, waiting for the employer side. It
 * says nothing about why. Refused when no review is suggested (any more), or
 * one is planned within two weeks already.
 */
export async function askForReview(
  tdb: TenantDb,
  actor: Actor,
  record: CaseRecord,
  client: Client,
  now = new Date(),
): Promise<Result<{ itemId: string; date: string }, Refusal<CheckInRefusal>>> {
  const side = sideIn(actor, record);
  if (!can(actor, "checkIn.write", partiesOf(record)) || side !== "EMPLOYEE")
    return refused("forbidden");
  const today = isoDay(0, now);
  const [checkIns, recorded, phases, review] = await Promise.all([
    checkInsFor(tdb, actor, record, 5),
    recordedHours(tdb, record.id),
    scheduleOf(tdb, record.id),
    upcomingReview(tdb, record.id, today),
  ]);
  const startDate = record.startDate ? day(record.startDate) : null;
  const reasons: ReviewReason[] = reviewReasons({
    recorded,
    startDate,
    phases,
    pulses: pulsesOf(checkIns),
  });
  if (reasons.length === 0) return refused("not-suggested");
  if (review) return refused("review-planned");
  const content = reviewSchema.parse({ date: isoDay(reviewInDays, now) });
  const itemId = await tdb.$transaction((tx) =>
    proposeIn(tx, actor, side, record, "REVIEW", content, client),
  );
  return done({ itemId, date: content.date });
}
