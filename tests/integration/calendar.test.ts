import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { medicalWordsIn } from "#app/modules/content/medical-words.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as feedLoader } from "#app/routes/calendar.$file.ts";
import { action as calendarAction, loader as calendarLoader } from "#app/routes/calendar.tsx";
import { agreedCaseTeam } from "#tests/helpers/agreements.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

/** Makes an address as the page's button does, and reads it on the page it leads to; returns the path of the feed. */
async function makeAddress(cookie: string): Promise<string> {
  const answer = await callRoute(
    calendarAction,
    post("/calendar", { intent: "renew" }, { Cookie: cookie }),
  );
  expect(answer.status).toBe(302);
  const flash = (answer.headers.get("set-cookie") ?? "")
    .split(/,(?=\s*werkpad_)/)
    .map((part) => part.trim().split(";")[0] ?? "")
    .filter((part) => part.startsWith("werkpad_calendar_address="));
  const page = await callRoute(
    calendarLoader,
    get("/calendar", { Cookie: [cookie, ...flash].join("; ") }),
  );
  const address = (page.data as { address: string }).address;
  expect(address).toMatch(/^http:\/\/localhost:\d+\/calendar\/[a-z2-7]{32}\.ics$/);
  return new URL(address).pathname;
}

/** What a calendar app gets from the address: no cookie. */
async function fetchFeed(path: string) {
  const file = path.split("/").pop() ?? "";
  return callRoute(feedLoader, get(path), { file });
}

async function feedText(path: string): Promise<string> {
  const file = path.split("/").pop() ?? "";
  const response = (await feedLoader({ params: { file } } as never)) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return response.text();
}

function eventsIn(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
}

async function planConversation(team: Awaited<ReturnType<typeof agreedCaseTeam>>, on: string) {
  return db.conversation.create({
    data: {
      organizationId: team.organization.id,
      caseId: team.caseId,
      guideId: "planning-the-return",
      guideHash: "h",
      guide: {},
      startedById: team.manager.user.id,
      plannedFor: new Date(`${on}T00:00:00Z`),
    },
  });
}

describe("a private calendar address", () => {
  test("the employee's feed parses and holds her planned conversation and agreed review, titled without health information", async () => {
    const team = await agreedCaseTeam();
    await db.user.update({
      where: { id: team.employee.user.id },
      data: { name: "Eva Visser", language: "nl" },
    });
    const conversation = await planConversation(team, isoDay(5));
    const path = await makeAddress(team.employee.cookie);
    const text = await feedText(path);
    const events = eventsIn(text);
    expect(events.map((event) => event.summary).sort()).toEqual([
      "Werkpad: evaluatie – E. Visser",
      "Werkpad: gesprek – E. Visser",
    ]);
    const meeting = events.find((event) => event.summary.includes("gesprek"));
    expect(meeting?.startDate.isDate).toBe(true);
    expect(meeting?.startDate.toString()).toBe(isoDay(5));
    expect(meeting?.component.getFirstPropertyValue("url")).toMatch(
      new RegExp(`/cases/${team.caseId}/conversations/${conversation.id}$`),
    );
    // Nothing of the plan itself, no e-mail address, no health word.
    expect(text).not.toContain("Rustige werkplek");
    expect(text).not.toMatch(/mailto:|@example\.com/);
    expect(medicalWordsIn(text)).toEqual([]);
  });

  test("the deadlines a person must act on are in their feed as 'deadline', never the legal step's name", async () => {
    const team = await agreedCaseTeam();
    // A Dutch absence that began today: the physician's problem analysis is due on day 42.
    await db.case.update({
      where: { id: team.caseId },
      data: { startKind: "ABSENCE", startDate: new Date(`${isoDay(0)}T00:00:00Z`) },
    });
    await db.user.update({ where: { id: team.physician.user.id }, data: { language: "en" } });
    const text = await feedText(await makeAddress(team.physician.cookie));
    const events = eventsIn(text);
    const analysis = events.find((event) => event.startDate.toString() === isoDay(41));
    expect(analysis?.summary).toMatch(/^Werkpad: deadline – /);
    expect(text).not.toMatch(/probleemanalyse|problem analysis|UWV|absence/i);
    // The employer's week-42 report is not the physician's to act on.
    expect(events.some((event) => event.startDate.toString() === isoDay(293))).toBe(false);
  });

  test("renewing stops the old address, stopping stops the new one: both then answer 404", async () => {
    const team = await agreedCaseTeam();
    const first = await makeAddress(team.manager.cookie);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await makeAddress(team.manager.cookie);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    const page = await callRoute(calendarLoader, get("/calendar", { Cookie: team.manager.cookie }));
    expect((page.data as { since: string | null }).since).not.toBeNull();
    const stop = await callRoute(
      calendarAction,
      post("/calendar", { intent: "stop" }, { Cookie: team.manager.cookie }),
    );
    expect(stop.status).toBe(302);
    expect((await fetchFeed(second)).status).toBe(404);
  });

  test("a guessed, malformed or another organisation's former member's address is 404", async () => {
    const team = await agreedCaseTeam();
    const path = await makeAddress(team.manager.cookie);
    for (const file of [
      `${"a".repeat(32)}.ics`,
      "x.ics",
      "../etc.ics",
      `${path.split("/").pop()}x`,
    ])
      expect((await fetchFeed(`/calendar/${file}`)).status).toBe(404);
    // Someone who leaves the organisation: their address stops with them.
    await db.membership.delete({ where: { id: team.manager.membership.id } });
    expect((await fetchFeed(path)).status).toBe(404);
  });

  test("an unknown intent gets 400 and makes no address", async () => {
    const team = await agreedCaseTeam();
    const answer = await callRoute(
      calendarAction,
      post("/calendar", { intent: "share" }, { Cookie: team.hr.cookie }),
    );
    expect(answer.status).toBe(400);
    expect(await db.calendarFeed.count({ where: { organizationId: team.organization.id } })).toBe(
      0,
    );
  });
});
