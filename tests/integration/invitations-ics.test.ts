import ICAL from "ical.js";
import { beforeEach, describe, expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.RESEND_API_KEY = "re_test";
});

const { medicalWordsIn } = await import("#app/modules/content/medical-words.ts");
const { isoDay } = await import("#app/modules/dates.ts");
const { db } = await import("#app/modules/db.server.ts");
const { action: startAction } = await import("#app/routes/cases.$caseId.conversations.tsx");
const { createCaseTeam } = await import("#tests/helpers/cases.ts");
const { runJobsUntilIdle } = await import("#tests/helpers/email.ts");
const { callRoute, post } = await import("#tests/helpers/route-args.ts");
const { mockServer } = await import("#tests/mocks/server.ts");
const { clearSentEmails, lastEmailTo, resendHandlers, sentEmails } = await import(
  "#tests/mocks/resend.ts"
);

/** The newest invitation sent to an address, as its .ics text. */
function lastInvitationTo(address: string): string {
  const email = sentEmails.findLast((sent) => sent.to === address && sent.attachments?.length);
  return Buffer.from(email?.attachments?.[0]?.content ?? "", "base64").toString("utf8");
}

beforeEach(() => {
  mockServer.use(...resendHandlers);
  clearSentEmails();
});

async function plan(fields: Record<string, string>) {
  const team = await createCaseTeam();
  await db.user.update({
    where: { id: team.employee.user.id },
    data: { name: "Eva Visser", language: "nl" },
  });
  const caseId = team.record.id;
  const answer = await callRoute(
    startAction,
    post(
      `/cases/${caseId}/conversations`,
      { intent: "start", guideId: "planning-the-return", ...fields },
      { Cookie: team.manager.cookie },
    ),
    { caseId },
  );
  return { team, answer };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no event");
  return { calendar, event: new ICAL.Event(vevent) };
}

describe("a planned conversation's invitation", () => {
  test("with a day and a time, the employee's e-mail carries a METHOD:REQUEST invitation at that hour, with both parties", async () => {
    const { team, answer } = await plan({ plannedFor: isoDay(10), plannedAt: "10:30" });
    expect(answer.status).toBe(302);
    await runJobsUntilIdle();
    const email = lastEmailTo(team.employee.user.email);
    const attachment = email?.attachments?.[0];
    expect(attachment?.filename).toMatch(/\.ics$/);
    expect(attachment?.content_type ?? attachment?.contentType).toBe(
      "text/calendar; method=REQUEST; charset=utf-8",
    );
    const text = Buffer.from(attachment?.content ?? "", "base64").toString("utf8");
    const { calendar, event } = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.summary).toBe("Werkpad: gesprek – E. Visser");
    // 10:30 in Amsterdam, in the winter or the summer.
    const start = event.startDate.toJSDate().toISOString();
    expect(["09:30", "08:30"]).toContain(start.slice(11, 16));
    expect(start.slice(0, 10)).toBe(isoDay(10));
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(
      60 * 60_000,
    );
    expect(event.organizer).toBe(`mailto:${team.manager.user.email}`);
    const attendees = event.attendees.map((attendee) => attendee.getFirstValue());
    expect(attendees).toEqual(
      expect.arrayContaining([
        `mailto:${team.employee.user.email}`,
        `mailto:${team.manager.user.email}`,
      ]),
    );
    // Nothing about what it is about.
    expect(medicalWordsIn(text)).toEqual([]);
    expect(text).not.toMatch(/return|terugkeer/i);
    const stored = await db.conversation.findFirstOrThrow({ where: { caseId: team.record.id } });
    expect(stored.startsAt?.toISOString()).toBe(start);
  });

  test("with a day only, the invitation is for that day; without one, there is none", async () => {
    const dayOnly = await plan({ plannedFor: isoDay(3) });
    await runJobsUntilIdle();
    const text = Buffer.from(
      lastEmailTo(dayOnly.team.employee.user.email)?.attachments?.[0]?.content ?? "",
      "base64",
    ).toString("utf8");
    const { event } = parse(text);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(isoDay(3));
    const none = await plan({});
    await runJobsUntilIdle();
    expect(lastEmailTo(none.team.employee.user.email)?.attachments).toBeUndefined();
  });

  test("a time without a day, or an impossible time, is refused at its field with what was chosen kept, and nothing is planned", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ plannedAt: "10:30" }, "plannedFor", "guides:start.errors.timeNeedsDay"],
      [{ plannedFor: isoDay(3), plannedAt: "25:00" }, "plannedAt", "guides:start.errors.time"],
      [{ plannedFor: "2026-13-01" }, "plannedFor", "validation.date"],
    ];
    for (const [fields, field, message] of cases) {
      const { team, answer } = await plan(fields);
      const { reply } = answer.data as {
        reply: { error: Record<string, string[]>; initialValue: Record<string, string> };
      };
      expect(reply.error[field], JSON.stringify(fields)).toEqual([message]);
      expect(reply.initialValue).toMatchObject(fields);
      expect(await db.conversation.count({ where: { caseId: team.record.id } })).toBe(0);
    }
  });
});

describe("an agreed review's invitation", () => {
  test("when both sides agree to a review with a time, each gets an invitation at that hour; a change agreed again updates the same meeting", async () => {
    const {
      createCaseTeam: team_,
      planOf,
      proposeAs,
      answerAs,
      editAs,
    } = await import("#tests/helpers/cases.ts");
    const team = await team_();
    const caseId = team.record.id;
    await proposeAs(team.manager.cookie, caseId, "REVIEW", { date: isoDay(20), time: "14:00" });
    await runJobsUntilIdle();
    // Proposed only: no invitation yet.
    expect(lastEmailTo(team.employee.user.email)?.attachments).toBeUndefined();
    const [review] = (await planOf(team.employee.cookie, caseId)).items;
    await answerAs(team.employee.cookie, caseId, review?.id ?? "", "agree");
    await runJobsUntilIdle();
    const invitations = [team.employee.user.email, team.manager.user.email].map((address) =>
      parse(lastInvitationTo(address)),
    );
    for (const { calendar, event } of invitations) {
      expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
      expect(event.uid).toBe(`review-${review?.id}@werkpad`);
      expect(event.startDate.toJSDate().toISOString().slice(0, 10)).toBe(isoDay(20));
      expect(event.attendees).toHaveLength(2);
    }
    const firstSequence = invitations[0]?.event.sequence ?? 0;

    // The manager moves it; once the employee agrees, the same meeting comes again, newer.
    const current = (await planOf(team.manager.cookie, caseId)).items[0];
    await editAs(team.manager.cookie, caseId, current?.id ?? "", current?.lockVersion ?? 0, {
      date: isoDay(21),
      time: "09:00",
    });
    const moved = (await planOf(team.employee.cookie, caseId)).items[0];
    await answerAs(team.employee.cookie, caseId, moved?.id ?? "", "agree");
    await runJobsUntilIdle();
    const again = parse(lastInvitationTo(team.employee.user.email));
    expect(again.event.uid).toBe(`review-${review?.id}@werkpad`);
    expect(again.event.sequence).toBeGreaterThan(firstSequence);
    expect(again.event.startDate.toJSDate().toISOString().slice(0, 10)).toBe(isoDay(21));
  });

  test("a review time that is not a time comes back to the form, and nothing is proposed", async () => {
    const { createCaseTeam: team_, planOf, proposeAs } = await import("#tests/helpers/cases.ts");
    const team = await team_();
    const answer = await proposeAs(team.manager.cookie, team.record.id, "REVIEW", {
      date: isoDay(20),
      time: "2pm",
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.data)).toContain("validation.time");
    expect((await planOf(team.manager.cookie, team.record.id)).items).toEqual([]);
  });
});
