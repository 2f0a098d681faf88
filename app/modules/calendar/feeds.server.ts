import { generateToken, hashToken } from "#app/modules/auth/tokens.ts";
import { calendarFeedByTokenHash } from "#app/modules/cross-organization.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { env } from "#app/modules/env.server.ts";
import { countryTimeZones } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { type ItemState, isAgreed } from "#app/modules/plans/agreement.ts";
import type { Actor } from "#app/modules/policy/policy.ts";
import { type TenantDb, tenantDb } from "#app/modules/tenant.server.ts";
import { deadlinesOfMany } from "#app/modules/timelines/timeline.server.ts";
import { askedFor, openCasesTakingPart, partsOf } from "#app/modules/todo/todo.server.ts";
import { type CalendarEvent, feed } from "./ics.ts";
import { shortName } from "./names.ts";

/**
 * Each person's private calendar address, per organisation: the statutory
 * deadlines they must act on, their planned conversations and agreed review dates, to subscribe to from Outlook or
 * Google. Calendars are synced to other companies' servers, so an event
 * says only what kind of meeting it is, whose, and links back: "Werkpad:
 * evaluatie – E. Visser". Never a plan's content, never health information.
 *
 * The address holds a random secret; only its SHA-256 is stored, so the
 * address is shown once, when it is made. Renewing makes a new one and stops
 * the old; stopping leaves none.
 */
export async function activeFeedSince(tdb: TenantDb, actor: Actor): Promise<Date | null> {
  const active = await tdb.calendarFeed.findFirst({
    where: { userId: actor.userId, revokedAt: null },
    select: { createdAt: true },
  });
  return active?.createdAt ?? null;
}

/** A new address (the old one, if any, stops working). Returns it: it is never shown again. */
export async function renewFeed(tdb: TenantDb, actor: Actor): Promise<string> {
  const token = generateToken();
  await tdb.$transaction(async (tx) => {
    await tx.calendarFeed.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.calendarFeed.create({
      data: {
        organizationId: actor.organizationId,
        userId: actor.userId,
        tokenHash: hashToken(token),
      },
    });
  });
  return feedUrl(token);
}

export async function stopFeed(tdb: TenantDb, actor: Actor): Promise<void> {
  await tdb.calendarFeed.updateMany({
    where: { userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export function feedUrl(token: string): string {
  return `${env().APP_URL}/calendar/${token}.ics`;
}

/** Whether a value is an address this app makes (what the page may show back). */
export function isFeedUrl(value: string): boolean {
  return value.startsWith(`${env().APP_URL}/calendar/`) && /\/[a-z2-7]{32}\.ics$/.test(value);
}

/** The feed behind an address, or null for an unknown, stopped or malformed one (the route answers 404). */
export async function feedForAddress(file: string, now = new Date()): Promise<string | null> {
  const token = /^([a-z2-7]{32})\.ics$/.exec(file)?.[1];
  if (!token) return null;
  const found = await calendarFeedByTokenHash(hashToken(token));
  if (!found) return null;
  const actor: Actor = {
    userId: found.userId,
    organizationId: found.organizationId,
    role: found.role,
    emailVerified: true,
  };
  const language = found.language as Language;
  const events = await eventsFor(tenantDb(found.organizationId), actor, language, now);
  const { t } = serverI18n(language);
  return feed(t("calendar.feedName", { ns: "auth" }), events);
}

/** The person's meetings: planned conversations and agreed reviews of the open cases they take part in. */
export async function eventsFor(
  tdb: TenantDb,
  actor: Actor,
  language: Language,
  now: Date,
): Promise<CalendarEvent[]> {
  const { t } = serverI18n(language);
  const cases = await openCasesTakingPart(tdb, actor);
  if (cases.length === 0) return [];
  const byId = new Map(cases.map((record) => [record.id, record]));
  // The physician has no part in conversations: only the two sides meet in them.
  const sides = cases.filter(
    (record) => record.employeeId === actor.userId || record.managerId === actor.userId,
  );
  const [conversations, reviews] = await Promise.all([
    tdb.conversation.findMany({
      where: {
        status: "PLANNED",
        plannedFor: { not: null },
        caseId: { in: sides.map((record) => record.id) },
      },
      select: { id: true, caseId: true, plannedFor: true, startsAt: true, updatedAt: true },
    }),
    tdb.planItem.findMany({
      where: { caseId: { in: cases.map((record) => record.id) }, kind: "REVIEW", removedAt: null },
    }),
  ]);
  const event = (
    uid: string,
    kind: "conversation" | "review" | "deadline",
    caseId: string,
    when: string | CalendarEvent["when"],
    path: string,
  ): CalendarEvent => ({
    uid: `${kind}-${uid}@werkpad`,
    sequence: 0,
    title: t(`calendar.${kind}`, { ns: "auth", who: shortName(byId.get(caseId)?.employee?.name) }),
    url: `${env().APP_URL}${path}`,
    when: typeof when === "string" ? { day: when } : when,
    stamp: now,
  });
  // Deadlines the person must act on, by kind only: which legal step it is
  // would tell a calendar's host that someone is off sick.
  const deadlines: CalendarEvent[] = [];
  const byCase = await deadlinesOfMany(tdb, cases, isoDay(0, now));
  for (const record of cases) {
    const parts = partsOf(actor, record);
    if (parts.size === 0) continue;
    for (const deadline of byCase.get(record.id) ?? []) {
      if (deadline.state === "done") continue;
      if (!askedFor[deadline.responsible].some((part) => parts.has(part))) continue;
      const occurrence = deadline.occurrence ?? 0;
      // Its id and link name no step either: they are synced with the rest.
      deadlines.push(
        event(
          hashToken(`${record.id}:${deadline.ruleId}:${occurrence}`).slice(0, 32),
          "deadline",
          record.id,
          deadline.due,
          `/cases/${record.id}/timeline`,
        ),
      );
    }
  }
  return [
    ...deadlines,
    ...conversations.map((conversation) =>
      event(
        conversation.id,
        "conversation",
        conversation.caseId,
        // At its hour when one was planned, else on its day.
        conversation.startsAt
          ? {
              start: conversation.startsAt,
              end: new Date(conversation.startsAt.getTime() + 60 * 60_000),
              timeZone: countryTimeZones[byId.get(conversation.caseId)?.country ?? "NL"],
            }
          : (conversation.plannedFor?.toISOString().slice(0, 10) ?? ""),
        `/cases/${conversation.caseId}/conversations/${conversation.id}`,
      ),
    ),
    ...reviews
      .filter((item) => isAgreed(item as ItemState))
      .flatMap((item) => {
        const date = (item.content as { date?: unknown }).date;
        return typeof date === "string"
          ? [event(item.id, "review", item.caseId, date, `/cases/${item.caseId}#item-${item.id}`)]
          : [];
      }),
  ];
}
