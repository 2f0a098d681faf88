/**
 * A small iCalendar (RFC 5545) writer for Werkpad's meeting invitations and
 * calendar feeds. It only writes: reading calendars is not something Werkpad
 * does, so there is no parser here (the tests check the output with ical.js).
 *
 * Every value that comes from a person (a title, a name, a description) goes
 * through `text()` or `paramValue()`, so a line break in it can never start a
 * new property (no "ATTENDEE:mailto:evil@…" smuggled in through a name).
 */

export type CalendarPerson = { name: string; email: string };

export type CalendarEvent = {
  /** Stable across updates: the same meeting keeps its uid, and a change raises `sequence`. */
  uid: string;
  sequence: number;
  /** Plain text only; callers never put health information in it (the title is like "Werkpad: evaluatie – E. Visser"). */
  title: string;
  /** A link back into Werkpad, shown as URL and in the description. */
  url: string;
  description?: string;
  /** Either a timed meeting (UTC instants, shown in the given IANA zone) or an all-day date (a deadline). */
  when: { start: Date; end: Date; timeZone: string } | { day: string /* YYYY-MM-DD */ };
  organizer?: CalendarPerson;
  attendees?: CalendarPerson[];
  status?: "CONFIRMED" | "CANCELLED";
  /** When the event was last changed (DTSTAMP). */
  stamp: Date;
};

const PRODID = "-//Werkpad//Werkpad//NL";

/** One meeting invitation to attach to an e-mail: METHOD:REQUEST (or CANCEL when status is CANCELLED), with ORGANIZER and ATTENDEE lines (ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION, RSVP=TRUE, CN=…). */
export function invitation(event: CalendarEvent): string {
  // RFC 5546 §3.2.2 and §3.2.5: a REQUEST or CANCEL without an ORGANIZER is
  // not a valid scheduling message, and mail clients would drop or mangle it.
  if (!event.organizer) throw new Error(`Calendar invitation ${event.uid} has no organizer`);
  const method = event.status === "CANCELLED" ? "CANCEL" : "REQUEST";
  const people = [
    `ORGANIZER${cn(event.organizer.name)}:${mailto(event.organizer.email)}`,
    ...uniqueByEmail(event.attendees ?? []).map(
      (person) =>
        `ATTENDEE${cn(person.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(person.email)}`,
    ),
  ];
  return calendar([`METHOD:${method}`], [vevent(event, people)]);
}

/** A subscribable feed (METHOD:PUBLISH, X-WR-CALNAME, REFRESH-INTERVAL / X-PUBLISHED-TTL of 1 hour) of many events, no attendees' e-mail addresses. */
export function feed(name: string, events: CalendarEvent[]): string {
  // A feed URL may be shared or leak, so it names no one by e-mail: no
  // ORGANIZER and no ATTENDEE lines at all (both are mailto: addresses).
  const zone = events
    .map((event) => ("timeZone" in event.when ? event.when.timeZone : null))
    .find(Boolean);
  return calendar(
    [
      "METHOD:PUBLISH",
      `NAME:${text(name)}`, // RFC 7986 §5.1; X-WR-CALNAME is the older name most clients read.
      `X-WR-CALNAME:${text(name)}`,
      // Times are UTC, so the zone only tells clients how to show the feed
      // (Apple, Google); a VTIMEZONE is only needed for local times (§3.6.5).
      ...(zone ? [`X-WR-TIMEZONE:${text(timeZoneName(zone))}`] : []),
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H", // RFC 7986 §5.7
      "X-PUBLISHED-TTL:PT1H", // Outlook's and older Apple clients' name for the same.
    ],
    events.map((event) => vevent(event, [])),
  );
}

/** A safe ASCII file name for an attachment, e.g. "Werkpad-evaluatie-E-Visser.ics". */
export function icsFileName(title: string): string {
  const base = title
    .normalize("NFKD") // "é" becomes "e" + a combining accent, which the next line drops.
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${base || "Werkpad"}.ics`;
}

// --- Components --------------------------------------------------------------

/** VCALENDAR around the events (RFC 5545 §3.4, §3.6), as CRLF-terminated, folded lines. */
function calendar(properties: string[], events: string[][]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    ...properties,
    ...events.flat(),
    "END:VCALENDAR",
  ];
  // §3.1: every content line, the last one included, ends with CRLF.
  return lines.map((line) => `${fold(line)}\r\n`).join("");
}

/** One VEVENT (RFC 5545 §3.6.1). */
function vevent(event: CalendarEvent, people: string[]): string[] {
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new Error(`Calendar event ${event.uid} has an invalid sequence ${event.sequence}`);
  }
  const url = new URL(event.url).href; // Throws on a relative URL; encodes spaces and drops CR/LF.
  const description = event.description ? `${event.description}\n\n${url}` : url;
  return [
    "BEGIN:VEVENT",
    `UID:${text(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    ...dates(event),
    `SUMMARY:${text(event.title)}`,
    `DESCRIPTION:${text(description)}`,
    `URL:${url}`, // §3.8.4.6: a URI value, not TEXT, so it is not escaped.
    `STATUS:${event.status ?? "CONFIRMED"}`,
    ...people,
    "END:VEVENT",
  ];
}

function dates(event: CalendarEvent): string[] {
  const { when } = event;
  if ("day" in when) {
    // §3.8.2.2: an all-day DTEND is exclusive, so a deadline on one day ends
    // at the start of the next. Deadlines do not make anyone look busy (§3.8.2.7).
    return [
      `DTSTART;VALUE=DATE:${compactDay(when.day)}`,
      `DTEND;VALUE=DATE:${compactDay(nextDay(when.day))}`,
      "TRANSP:TRANSPARENT",
    ];
  }
  if (when.end.getTime() <= when.start.getTime()) {
    // §3.8.2.2: DTEND "MUST be later in time than" DTSTART.
    throw new Error(`Calendar event ${event.uid} ends before it starts`);
  }
  timeZoneName(when.timeZone); // Fail on a misspelt zone here rather than in someone's calendar.
  return [`DTSTART:${utc(when.start)}`, `DTEND:${utc(when.end)}`];
}

// --- Values ------------------------------------------------------------------

/** §3.3.5, form #2: a UTC DATE-TIME, "20270105T090000Z" (seconds precision). */
function utc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error("Invalid date in calendar event");
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Checks that `day` is a real YYYY-MM-DD date (no 2027-02-30) and returns it as §3.3.4 DATE, "20270105". */
function compactDay(day: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new Error(`Invalid calendar day ${day}`);
  }
  return day.replaceAll("-", "");
}

function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1); // UTC has no clock changes, and knows 29 February.
  return next.toISOString().slice(0, 10);
}

/** The canonical IANA name ("europe/amsterdam" → "Europe/Amsterdam"); throws a RangeError on an unknown zone. */
function timeZoneName(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * §3.3.11 TEXT: backslash, semicolon and comma are escaped, and a line break
 * (CRLF, CR or LF) becomes the two characters "\n". Other control characters
 * are not allowed in TEXT at all (only HTAB is), so they are dropped.
 */
function text(value: string): string {
  return value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/(?!\t)\p{Cc}/gu, "");
}

/**
 * A CN parameter (§3.2.2). Parameter values cannot be escaped with a
 * backslash (§3.1): they are quoted when they contain ":", ";" or ",", and a
 * double quote is not allowed even then, so it is removed. Line breaks and
 * other control characters become spaces, and "^" is written "^^", because
 * RFC 6868 §3 (which ical.js, among others, follows) reads "^n" as a newline.
 */
function cn(name: string): string {
  const value = name
    .replaceAll('"', "")
    .replace(/[\s\p{Cc}]+/gu, " ")
    .trim()
    .replaceAll("^", "^^");
  if (!value) return "";
  return /[:;,]/.test(value) ? `;CN="${value}"` : `;CN=${value}`;
}

/** §3.3.3 CAL-ADDRESS: a mailto: URI (RFC 6068). An address that would need encoding is refused. */
function mailto(email: string): string {
  if (!/^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+$/.test(email)) {
    throw new Error(`Not an e-mail address for a calendar: ${JSON.stringify(email)}`);
  }
  return `mailto:${email}`;
}

/** The same person twice would get two RSVP requests: keep the first, by address. */
function uniqueByEmail(people: CalendarPerson[]): CalendarPerson[] {
  const seen = new Set<string>();
  return people.filter((person) => {
    const key = person.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * §3.1: lines longer than 75 octets are folded: a CRLF and one space are put
 * in, and the space counts towards the next line's 75. Octets are UTF-8
 * bytes, and a character is never split across lines ("for … code point" in
 * `for…of` also keeps an emoji's surrogate pair together).
 */
const encoder = new TextEncoder();

function fold(line: string): string {
  let folded = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      folded += "\r\n ";
      octets = 1;
    }
    folded += char;
    octets += size;
  }
  return folded;
}
