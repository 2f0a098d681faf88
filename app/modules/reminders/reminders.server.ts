import { generateToken } from "#app/modules/auth/tokens.ts";
import { peopleToRemind } from "#app/modules/cross-organization.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { env } from "#app/modules/env.server.ts";
import { formatDay } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import { log } from "#app/modules/log.server.ts";
import { awaitingSide, type ItemState } from "#app/modules/plans/agreement.ts";
import { type Actor, type CaseParties, caseRole } from "#app/modules/policy/policy.ts";
import { tenantDb } from "#app/modules/tenant.server.ts";
import { openCasesTakingPart, type Todo, todosFor } from "#app/modules/todo/todo.server.ts";

/**
 * Reminder e-mails (issue 13): to whoever must act, 7 days and 1 day before
 * a statutory deadline and once when it is late, and when a plan item has
 * waited 3 days for their answer. At most one e-mail per person per day, in
 * their language, each line a link straight to the thing. Each person
 * chooses daily, weekly (Mondays), only deadlines, or none; every e-mail
 * carries a link that stops them without signing in.
 *
 * Each reminder has a key (ReminderSent): what was said once is not said
 * again, however often the job runs and whatever else changes.
 */
export type ReminderRhythm = "DAILY" | "WEEKLY" | "DEADLINES_ONLY" | "NONE";

/** An item waits this long for someone's answer before they are reminded. */
export const waitingDays = 3;

type Reminder = { key: string; text: string; link: string; deadline: boolean };

const dayMs = 24 * 60 * 60_000;

/** The reminders one person has in one organisation now, before the ledger filters them. */
async function remindersIn(actor: Actor, language: Language, now: Date): Promise<Reminder[]> {
  const today = isoDay(0, now);
  const tdb = tenantDb(actor.organizationId);
  const { t } = serverI18n(language);
  const day = (value: string) => formatDay(language, value);
  const link = (path: string) => `${env().APP_URL}${path}`;
  const reminders: Reminder[] = [];
  const todos = await todosFor(tdb, actor, language, today);
  const weekAhead = isoDay(7, now);
  const dayAhead = isoDay(1, now);
  for (const todo of todos) {
    if (todo.kind !== "deadline") continue;
    const moment = todo.late
      ? "late"
      : todo.on === weekAhead
        ? "7d"
        : todo.on === dayAhead
          ? "1d"
          : null;
    if (!moment) continue;
    reminders.push({
      key: `deadline:${todo.caseId}:${todo.ruleId}:${todo.occurrence}:${moment}`,
      text: t(todo.late ? "reminders.deadlineLate" : "reminders.deadline", {
        ns: "emails",
        title: todo.title,
        date: day(todo.on),
        who: whose(todo, t),
      }),
      link: link(`/cases/${todo.caseId}/timeline#deadline-${todo.ruleId}-${todo.occurrence}`),
      deadline: true,
    });
  }
  // Items that have waited three days for this person's side.
  const sides = new Map<string, { side: "EMPLOYEE" | "EMPLOYER"; who: string | null }>();
  const cases = await openCasesTakingPart(tdb, actor);
  reminders.push(...(await checkInPrompts(actor, cases, language, now)));
  for (const record of cases) {
    const role = caseRole(actor, record);
    if (role === "EMPLOYEE" || role === "EMPLOYER")
      sides.set(record.id, {
        side: role,
        who: role === "EMPLOYEE" ? null : (record.employee?.name ?? null),
      });
  }
  if (sides.size > 0) {
    const waiting = await tdb.planItem.findMany({
      where: {
        caseId: { in: [...sides.keys()] },
        removedAt: null,
        updatedAt: { lte: new Date(now.getTime() - waitingDays * dayMs) },
      },
    });
    const perCase = new Map<string, typeof waiting>();
    for (const item of waiting) {
      if (awaitingSide(item as ItemState) !== sides.get(item.caseId)?.side) continue;
      perCase.set(item.caseId, [...(perCase.get(item.caseId) ?? []), item]);
    }
    for (const [caseId, items] of perCase) {
      const who = sides.get(caseId)?.who ?? null;
      reminders.push({
        // The items and their versions: a new change to answer is a new reminder.
        key: `waiting:${caseId}:${items
          .map((item) => `${item.id}.${item.lockVersion}`)
          .sort()
          .join(",")}`,
        text: who
          ? t("reminders.waitingFor", { ns: "emails", count: items.length, who })
          : t("reminders.waitingOwn", { ns: "emails", count: items.length }),
        link: link(`/cases/${caseId}`),
        deadline: false,
      });
    }
  }
  return reminders;
}

const rhythmDays = { WEEKLY: 7, FORTNIGHTLY: 14 } as const;

/** The employee's own cases whose chosen rhythm asks for a check-in now: once per period, none if one was made in it. */
async function checkInPrompts(
  actor: Actor,
  cases: Array<CaseParties & { id: string; checkInRhythm: string }>,
  language: Language,
  now: Date,
): Promise<Reminder[]> {
  const { t } = serverI18n(language);
  const prompts: Reminder[] = [];
  for (const record of cases) {
    if (caseRole(actor, record) !== "EMPLOYEE") continue;
    if (record.checkInRhythm !== "WEEKLY" && record.checkInRhythm !== "FORTNIGHTLY") continue;
    const days = rhythmDays[record.checkInRhythm];
    const latest = await tenantDb(actor.organizationId).checkIn.findFirst({
      where: { caseId: record.id, authorId: actor.userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    if (latest && now.getTime() - latest.createdAt.getTime() < days * dayMs) continue;
    prompts.push({
      // One per period of the chosen length.
      key: `checkin:${record.id}:${days}:${Math.floor(now.getTime() / (days * dayMs))}`,
      text: t("rhythm.reminder", { ns: "checkins" }),
      link: `${env().APP_URL}/cases/${record.id}/checkins`,
      deadline: false,
    });
  }
  return prompts;
}

function whose(todo: Todo, t: ReturnType<typeof serverI18n>["t"]): string {
  return todo.own
    ? t("todo.yourPlan", { ns: "auth" })
    : (todo.who ?? t("todo.invited", { ns: "auth" }));
}

/** Whether today is a day this rhythm sends on. */
function sendsToday(rhythm: ReminderRhythm, now: Date): boolean {
  if (rhythm === "NONE") return false;
  if (rhythm === "WEEKLY") return new Date(`${isoDay(0, now)}T00:00:00Z`).getUTCDay() === 1;
  return true;
}

/** The recurring round: one e-mail per person with something new to say, at most one a day. */
export async function sendReminders(now = new Date()): Promise<number> {
  const today = isoDay(0, now);
  let sent = 0;
  for (const person of await peopleToRemind()) {
    const rhythm: ReminderRhythm = person.reminders?.rhythm ?? "DAILY";
    if (!sendsToday(rhythm, now)) continue;
    if (person.reminders?.lastSentOn?.toISOString().slice(0, 10) === today) continue;
    const language = person.language as Language;
    const all: Reminder[] = [];
    for (const membership of person.memberships) {
      const actor: Actor = {
        userId: person.id,
        organizationId: membership.organizationId,
        role: membership.role,
        emailVerified: true,
      };
      all.push(...(await remindersIn(actor, language, now)));
    }
    const wanted = rhythm === "DEADLINES_ONLY" ? all.filter((reminder) => reminder.deadline) : all;
    if (wanted.length === 0) continue;
    const said = await db.reminderSent.findMany({
      where: { key: { in: wanted.map((reminder) => reminder.key) } },
      select: { key: true },
    });
    const saidKeys = new Set(said.map((row) => row.key));
    const fresh = wanted.filter((reminder) => !saidKeys.has(reminder.key));
    if (fresh.length === 0) continue;
    await db.$transaction(async (tx) => {
      const preference = await tx.reminderPreference.upsert({
        where: { userId: person.id },
        create: {
          userId: person.id,
          unsubscribeToken: generateToken(),
          lastSentOn: new Date(`${today}T00:00:00Z`),
        },
        update: { lastSentOn: new Date(`${today}T00:00:00Z`) },
      });
      await tx.reminderSent.createMany({
        data: fresh.map((reminder) => ({ key: reminder.key, userId: person.id })),
        skipDuplicates: true,
      });
      await enqueue(tx, "email", {
        template: "reminders",
        to: person.email,
        language,
        props: {
          name: person.name,
          lines: fresh.slice(0, 20).map(({ text, link }) => ({ text, link })),
          settingsLink: `${env().APP_URL}/reminders`,
          stopLink: `${env().APP_URL}/unsubscribe?token=${preference.unsubscribeToken}`,
        },
      });
    });
    sent += 1;
  }
  if (sent > 0) log.info("reminders sent", { people: sent });
  return sent;
}

/** The person's choice, made when first asked (daily by default). */
export async function preferenceOf(userId: string) {
  return db.reminderPreference.upsert({
    where: { userId },
    create: { userId, unsubscribeToken: generateToken() },
    update: {},
    select: { rhythm: true },
  });
}

export async function setRhythm(userId: string, rhythm: ReminderRhythm) {
  await db.reminderPreference.upsert({
    where: { userId },
    create: { userId, rhythm, unsubscribeToken: generateToken() },
    update: { rhythm },
  });
}

/** The link in an e-mail: whose reminders it stops, or null for an unknown link. */
export async function personOfStopLink(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  return db.reminderPreference.findUnique({
    where: { unsubscribeToken: token },
    select: { userId: true, rhythm: true, user: { select: { name: true } } },
  });
}

export async function stopByLink(token: string): Promise<boolean> {
  const found = await personOfStopLink(token);
  if (!found) return false;
  await setRhythm(found.userId, "NONE");
  return true;
}
