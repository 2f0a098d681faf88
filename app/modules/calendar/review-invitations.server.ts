import { instantIn } from "#app/modules/dates.ts";
import { env } from "#app/modules/env.server.ts";
import { countryTimeZones } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { enqueue } from "#app/modules/jobs/queue.server.ts";
import type { TenantTx } from "#app/modules/tenant.server.ts";
import { type CalendarEvent, icsFileName, invitation } from "./ics.ts";
import { shortName } from "./names.ts";

/** How long a review meeting is, in the invitation. */
const reviewMinutes = 60;

/**
 * When both sides agree to a review date, each gets an e-mail with a
 * METHOD:REQUEST invitation, both as attendees and the manager organising.
 * A changed review agreed again is the same meeting (its uid) with a higher
 * sequence (the item's version), so calendars update it.
 */
export async function inviteToReview(
  tx: TenantTx,
  record: { id: string; country: "NL" | "BE" | "UK"; employeeId: string | null; managerId: string },
  item: { id: string; lockVersion: number; content: { date?: unknown; time?: unknown } },
) {
  const date = typeof item.content.date === "string" ? item.content.date : null;
  if (!date || !record.employeeId) return;
  const time = typeof item.content.time === "string" ? item.content.time : undefined;
  const people = await tx.user.findMany({
    where: { id: { in: [record.employeeId, record.managerId] } },
    select: { id: true, name: true, email: true, language: true },
  });
  const employee = people.find((person) => person.id === record.employeeId);
  const manager = people.find((person) => person.id === record.managerId);
  if (!employee || !manager) return;
  const timeZone = countryTimeZones[record.country];
  const when: CalendarEvent["when"] = time
    ? (() => {
        const start = instantIn(date, time, timeZone);
        return { start, end: new Date(start.getTime() + reviewMinutes * 60_000), timeZone };
      })()
    : { day: date };
  const link = `${env().APP_URL}/cases/${record.id}#item-${item.id}`;
  for (const person of [employee, manager]) {
    const { t } = serverI18n(person.language as Language);
    const title = t("calendar.review", { ns: "auth", who: shortName(employee.name) });
    await enqueue(
      tx,
      "email",
      {
        template: "review-planned",
        to: person.email,
        language: person.language,
        props: { name: person.name, date, ...(time ? { time } : {}), link },
        calendar: {
          filename: icsFileName(title),
          ics: invitation({
            uid: `review-${item.id}@werkpad`,
            sequence: item.lockVersion,
            title,
            url: link,
            when,
            organizer: { name: manager.name, email: manager.email },
            attendees: [
              { name: employee.name, email: employee.email },
              { name: manager.name, email: manager.email },
            ],
            stamp: new Date(),
          }),
        },
      },
      { organizationId: tx.organizationId },
    );
  }
}
