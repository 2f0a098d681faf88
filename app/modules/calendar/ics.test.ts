import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { type CalendarEvent, feed, icsFileName, invitation } from "./ics.ts";

// Every file is read back with ical.js (Mozilla's parser, used by Thunderbird),
// so the tests check what a calendar would show, not how the text looks.

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevents = calendar.getAllSubcomponents("vevent");
  return { calendar, vevents, events: vevents.map((vevent) => new ICAL.Event(vevent)) };
}

function onlyEvent(ics: string) {
  const { calendar, vevents, events } = parse(ics);
  expect(vevents).toHaveLength(1);
  const [vevent, event] = [vevents[0], events[0]];
  if (!vevent || !event) throw new Error("no VEVENT");
  return { calendar, vevent, event };
}

function people(vevent: ICAL.Component, name: "attendee" | "organizer") {
  return vevent.getAllProperties(name).map((property) => ({
    cn: property.getParameter("cn"),
    value: property.getFirstValue(),
  }));
}

/** RFC 5545 §3.1: unfolding is removing every CRLF followed by one space. */
function unfold(ics: string): string {
  return ics.replaceAll("\r\n ", "");
}

function expectWellFormedLines(ics: string) {
  expect(ics.endsWith("\r\n")).toBe(true);
  const lines = ics.slice(0, -2).split("\r\n");
  for (const line of lines) {
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/(?!\t)\p{Cc}/u); // No bare CR or LF (every line ends with CRLF), no other controls.
  }
}

const meeting: CalendarEvent = {
  uid: "meeting-42@werkpad.nl",
  sequence: 0,
  title: "Werkpad: evaluatie – E. Visser",
  url: "https://werkpad.nl/cases/42/meetings/7",
  description: "Evaluatie van het re-integratieplan.",
  when: {
    start: new Date("2027-01-05T09:00:00Z"),
    end: new Date("2027-01-05T10:00:00Z"),
    timeZone: "Europe/Amsterdam",
  },
  organizer: { name: "Anne de Vries", email: "anne@example.nl" },
  attendees: [
    { name: "E. Visser", email: "e.visser@example.nl" },
    { name: "Visser, Jan; arts", email: "jan@example.nl" },
  ],
  stamp: new Date("2026-12-01T12:34:56Z"),
};

const deadline: CalendarEvent = {
  uid: "deadline-42-plan@werkpad.nl",
  sequence: 1,
  title: "Werkpad: plan van aanpak – E. Visser",
  url: "https://werkpad.nl/cases/42/plan",
  when: { day: "2027-01-05" },
  stamp: new Date("2026-12-01T12:00:00Z"),
};

describe("invitation", () => {
  test("a meeting request reads back with its title, instants, people, uid and link", () => {
    const ics = invitation(meeting);
    expectWellFormedLines(ics);
    expect(ics).toContain("\r\nDTSTART:20270105T090000Z\r\n");
    expect(ics).toContain("\r\nPRODID:-//Werkpad//Werkpad//NL\r\n");

    const { calendar, vevent, event } = onlyEvent(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(event.summary).toBe("Werkpad: evaluatie – E. Visser");
    expect(event.uid).toBe("meeting-42@werkpad.nl");
    expect(event.sequence).toBe(0);
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-01-05T09:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-01-05T10:00:00.000Z");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://werkpad.nl/cases/42/meetings/7");
    expect(event.description).toBe(
      "Evaluatie van het re-integratieplan.\n\nhttps://werkpad.nl/cases/42/meetings/7",
    );
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(people(vevent, "organizer")).toEqual([
      { cn: "Anne de Vries", value: "mailto:anne@example.nl" },
    ]);
    expect(people(vevent, "attendee")).toEqual([
      { cn: "E. Visser", value: "mailto:e.visser@example.nl" },
      { cn: "Visser, Jan; arts", value: "mailto:jan@example.nl" },
    ]);
    for (const attendee of vevent.getAllProperties("attendee")) {
      expect(attendee.getParameter("role")).toBe("REQ-PARTICIPANT");
      expect(attendee.getParameter("partstat")).toBe("NEEDS-ACTION");
      expect(attendee.getParameter("rsvp")).toBe("TRUE");
    }
    // A name with ":;," is quoted, since a parameter value cannot be escaped.
    expect(unfold(ics)).toContain('ATTENDEE;CN="Visser, Jan; arts";');
  });

  test("a cancelled meeting is a CANCEL with STATUS:CANCELLED, the same uid and a higher sequence", () => {
    const { calendar, vevent, event } = onlyEvent(
      invitation({ ...meeting, sequence: 2, status: "CANCELLED" }),
    );
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.uid).toBe("meeting-42@werkpad.nl");
    expect(event.sequence).toBe(2);
    expect(vevent.getAllProperties("attendee")).toHaveLength(2);
  });

  test("double quotes are removed from names, and the same person is invited once", () => {
    const { vevent } = onlyEvent(
      invitation({
        ...meeting,
        organizer: { name: 'Anne "de baas" de Vries', email: "anne@example.nl" },
        attendees: [
          { name: "E. Visser", email: "e.visser@example.nl" },
          { name: "Els Visser", email: "E.Visser@example.nl" },
        ],
      }),
    );
    expect(people(vevent, "organizer")).toEqual([
      { cn: "Anne de baas de Vries", value: "mailto:anne@example.nl" },
    ]);
    expect(people(vevent, "attendee")).toEqual([
      { cn: "E. Visser", value: "mailto:e.visser@example.nl" },
    ]);
  });

  test("an invitation needs an organizer, a real address and an end after the start", () => {
    expect(() => invitation({ ...meeting, organizer: undefined })).toThrow(/organizer/);
    expect(() =>
      invitation({ ...meeting, attendees: [{ name: "X", email: "x@example.nl\r\nATTENDEE:x" }] }),
    ).toThrow(/e-mail/);
    const { start } = meeting.when as { start: Date };
    expect(() =>
      invitation({ ...meeting, when: { start, end: start, timeZone: "Europe/Amsterdam" } }),
    ).toThrow(/ends before/);
    expect(() =>
      invitation({
        ...meeting,
        when: { start, end: new Date("2027-01-05T10:00:00Z"), timeZone: "Europe/Amsterdm" },
      }),
    ).toThrow(RangeError);
    expect(() => invitation({ ...meeting, url: "/cases/42" })).toThrow();
  });
});

describe("text", () => {
  test("a long title of multi-byte characters is folded at 75 octets and unfolds to the original", () => {
    const title = `Werkpad: ${"é🙂".repeat(40)} – E. Visser`;
    const ics = invitation({ ...meeting, title });
    expectWellFormedLines(ics);
    expect(ics.split("\r\n").filter((line) => line.startsWith(" ")).length).toBeGreaterThan(3);
    expect(unfold(ics)).toContain(`\r\nSUMMARY:${title}\r\n`);
    expect(onlyEvent(ics).event.summary).toBe(title);
  });

  test("a title with ; , \\ and a newline round-trips exactly", () => {
    const title = "Werkpad: a;b, c\\d\nnieuwe regel\r\nen nog een";
    const ics = invitation({ ...meeting, title });
    expect(unfold(ics)).toContain(
      "\r\nSUMMARY:Werkpad: a\\;b\\, c\\\\d\\nnieuwe regel\\nen nog een\r\n",
    );
    expect(onlyEvent(ics).event.summary).toBe(
      "Werkpad: a;b, c\\d\nnieuwe regel\nen nog een", // CRLF is one line break.
    );
  });

  test("a line break in a name or title cannot add an attendee or a property", () => {
    const evil = 'Visser"\r\nATTENDEE:mailto:evil@example.com';
    const ics = invitation({
      ...meeting,
      title: evil,
      description: evil,
      uid: `meeting-42\r\nATTENDEE:mailto:evil@example.com`,
      organizer: { name: evil, email: "anne@example.nl" },
      attendees: [{ name: evil, email: "e.visser@example.nl" }],
    });
    expectWellFormedLines(ics);
    expect(unfold(ics)).not.toMatch(/\r\nATTENDEE:/);

    const { vevent, event } = onlyEvent(ics);
    expect(vevent.getAllProperties().map((property) => property.name)).toEqual([
      "uid",
      "sequence",
      "dtstamp",
      "dtstart",
      "dtend",
      "summary",
      "description",
      "url",
      "status",
      "organizer",
      "attendee",
    ]);
    expect(event.summary).toBe(evil.replace("\r\n", "\n"));
    expect(people(vevent, "attendee")).toEqual([
      { cn: "Visser ATTENDEE:mailto:evil@example.com", value: "mailto:e.visser@example.nl" },
    ]);
  });

  test("a caret in a name survives RFC 6868 decoding", () => {
    const { vevent } = onlyEvent(
      invitation({ ...meeting, organizer: { name: "A^nB", email: "anne@example.nl" } }),
    );
    expect(people(vevent, "organizer")[0]?.cn).toBe("A^nB");
  });
});

describe("all-day deadlines", () => {
  test("a deadline is a DATE that ends, exclusively, on the next day", () => {
    const ics = invitation({ ...deadline, organizer: meeting.organizer });
    expect(ics).toContain("\r\nDTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106\r\n");
    const { event } = onlyEvent(ics);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2027-01-05");
    expect(event.endDate.isDate).toBe(true);
    expect(event.endDate.toString()).toBe("2027-01-06");
  });

  test("29 February ends on 1 March, and 31 December in the next year", () => {
    const leap = onlyEvent(feed("Werkpad", [{ ...deadline, when: { day: "2028-02-29" } }])).event;
    expect(leap.startDate.toString()).toBe("2028-02-29");
    expect(leap.endDate.toString()).toBe("2028-03-01");
    const newYear = onlyEvent(feed("Werkpad", [{ ...deadline, when: { day: "2027-12-31" } }]));
    expect(newYear.event.endDate.toString()).toBe("2028-01-01");
  });

  test("a day that does not exist is refused", () => {
    expect(() => feed("Werkpad", [{ ...deadline, when: { day: "2027-02-29" } }])).toThrow();
    expect(() => feed("Werkpad", [{ ...deadline, when: { day: "5-1-2027" } }])).toThrow();
  });
});

describe("feed", () => {
  const events: CalendarEvent[] = [
    meeting,
    deadline,
    { ...meeting, uid: "meeting-43@werkpad.nl", status: "CANCELLED", sequence: 3 },
  ];

  test("three events parse into three VEVENTs, published with a name, a zone and a refresh hint", () => {
    const ics = feed("Werkpad – E. Visser", events);
    expectWellFormedLines(ics);
    const { calendar, vevents, events: parsed } = parse(ics);
    expect(vevents).toHaveLength(3);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Werkpad – E. Visser");
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Amsterdam");
    expect(String(calendar.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");
    expect(String(calendar.getFirstPropertyValue("x-published-ttl"))).toBe("PT1H");
    expect(parsed.map((event) => event.uid)).toEqual([
      "meeting-42@werkpad.nl",
      "deadline-42-plan@werkpad.nl",
      "meeting-43@werkpad.nl",
    ]);
    expect(parsed[1]?.startDate.isDate).toBe(true);
    expect(vevents[2]?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevents[0]?.getFirstPropertyValue("url")).toBe(meeting.url);
  });

  test("a feed has no attendees, no organizer and no e-mail address", () => {
    const ics = feed("Werkpad", events);
    expect(ics).not.toContain("ATTENDEE");
    expect(ics).not.toContain("ORGANIZER");
    expect(ics).not.toMatch(/mailto:|@example\.nl/);
  });

  test("an empty feed is still a valid calendar", () => {
    const { calendar, vevents } = parse(feed("Werkpad", []));
    expect(vevents).toHaveLength(0);
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBeNull();
  });
});

test("file names are plain ASCII and end in .ics", () => {
  expect(icsFileName("Werkpad: evaluatie – E. Visser")).toBe("Werkpad-evaluatie-E-Visser.ics");
  expect(icsFileName("Évaluation / «réunion» 🙂")).toBe("Evaluation-reunion.ics");
  expect(icsFileName("🙂")).toBe("Werkpad.ics");
  expect(icsFileName("a".repeat(200))).toMatch(/^a{60}\.ics$/);
});
