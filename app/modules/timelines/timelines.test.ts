import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { templatesDirectory } from "#app/modules/content/content.server.ts";
import { ContentError, parseContent } from "#app/modules/content/content.ts";
import { medicalWordsIn } from "#app/modules/content/medical-words.ts";
import { loadHub } from "#app/modules/hub/hub.server.ts";
import { languages } from "#app/modules/i18n/languages.ts";
import {
  type CaseFacts,
  type Deadline,
  deadlinesFor,
  loadTimelines,
  timelineFiles,
  timelinesSchema,
} from "./timelines.ts";

const timelines = await loadTimelines();

/** A case with only what a test needs. */
function facts(
  country: CaseFacts["country"],
  rest: Partial<Omit<CaseFacts, "country">>,
): CaseFacts {
  return { country, absences: [], events: [], done: [], ...rest };
}

/** One deadline, by rule id (and occurrence). */
function pick(deadlines: Deadline[], ruleId: string, occurrence?: number): Deadline | undefined {
  return deadlines.find((d) => d.ruleId === ruleId && d.occurrence === occurrence);
}

/** The due date of each deadline, by rule id (the first occurrence only, for recurring rules). */
function dueDates(deadlines: Deadline[]): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const deadline of deadlines) dates[deadline.ruleId] ??= deadline.due;
  return dates;
}

describe("NL: Wet verbetering poortwachter (DOMAIN.md §1.1)", () => {
  const nl = timelines.NL;

  test("weeks count from the first day of absence: week N is due on day 7 × N", () => {
    // First day of absence Monday 2026-01-05 (day 1); still absent.
    const deadlines = deadlinesFor(
      nl,
      facts("NL", { absences: [{ from: "2026-01-05", to: null }] }),
      "2026-01-05",
    );
    expect(dueDates(deadlines)).toEqual({
      // week 6 = day 42 = +41 days: Jan 5 + 26 = Jan 31, + 15 = Feb 15
      probleemanalyse: "2026-02-15",
      // week 8 = day 56 = +55 days: Jan 31 (+26), Feb 28 (+54), Mar 1 (+55)
      "plan-van-aanpak": "2026-03-01",
      // first evaluation: 6 weeks after the plan van aanpak's due date, Mar 1 + 42 = Apr 12
      "evaluatie-plan-van-aanpak": "2026-04-12",
      // week 42 = +293: month ends Jan 31 (+26), Feb (+54), Mar (+85), Apr (+115), May (+146),
      // Jun (+176), Jul (+207), Aug (+238), Sep 30 (+268), + 25 = Oct 25
      "melding-uwv-week-42": "2026-10-25",
      // week 50 = +349 = Oct 25 + 56 = Dec 20
      eerstejaarsevaluatie: "2026-12-20",
      // week 88 = +615 = 2027-01-05 (+365) + 250: Jan 31 (+26), Feb 28 (+54), … Aug 31 (+238), + 12 = Sep 12
      "wia-aanvraagformulier": "2027-09-12",
      "actueel-oordeel": "2027-09-12",
      "re-integratieverslag": "2027-09-12",
      // week 91 = week 88 + 21 days = Oct 3
      "wia-aanvraag": "2027-10-03",
      // week 104 = +727 = 2028-01-05 (+730, no 29 February in between) − 3 = Jan 2
      "einde-loondoorbetaling": "2028-01-02",
    });
    // The spoor-2 start counts from an event the case has not recorded.
    expect(pick(deadlines, "start-spoor-2", 1)).toBeUndefined();
  });

  test("a start on 29 February (2028, a leap year) counts in whole UTC days", () => {
    const deadlines = deadlinesFor(
      nl,
      facts("NL", { absences: [{ from: "2028-02-29", to: null }] }),
      "2028-02-29",
    );
    const dates = dueDates(deadlines);
    // week 6 = +41: Mar 1 (+1), Mar 31 (+31), + 10 = Apr 10
    expect(dates.probleemanalyse).toBe("2028-04-10");
    // week 8 = +55 = Apr 10 + 14 = Apr 24
    expect(dates["plan-van-aanpak"]).toBe("2028-04-24");
    // week 50 = +349: 2029-02-28 is +365 (no 29 February in 2029), − 16 = Feb 12
    expect(dates.eerstejaarsevaluatie).toBe("2029-02-12");
    // week 104 = +727: 2030-02-28 is +730, − 3 = Feb 25
    expect(dates["einde-loondoorbetaling"]).toBe("2030-02-25");
  });

  test("a case re-opened within 4 weeks continues the count: the days of absence add up", () => {
    // Absent Jan 5 up to Jan 19 (back at work on the 19th): 14 days. Absent again on Feb 2,
    // 14 days later: the same period.
    const reopened = facts("NL", {
      absences: [
        { from: "2026-01-05", to: "2026-01-19" },
        { from: "2026-02-02", to: null },
      ],
    });
    const dates = dueDates(deadlinesFor(nl, reopened, "2026-02-02"));
    // day 42 = the 28th day of the second absence: Feb 2 + 27 = Mar 1
    expect(dates.probleemanalyse).toBe("2026-03-01");
    // day 56 = its 42nd day: Feb 2 + 41 = Mar 15
    expect(dates["plan-van-aanpak"]).toBe("2026-03-15");

    // Exactly 28 days back at work (Jan 19 to Feb 16) still continues the period: day 42 =
    // the 28th day from Feb 16, Feb 16 + 27 = Mar 15.
    const after28Days = facts("NL", {
      absences: [
        { from: "2026-01-05", to: "2026-01-19" },
        { from: "2026-02-16", to: null },
      ],
    });
    expect(dueDates(deadlinesFor(nl, after28Days, "2026-02-16")).probleemanalyse).toBe(
      "2026-03-15",
    );
  });

  test("a case re-opened after more than 4 weeks restarts the count, and old marks do not carry over", () => {
    // 29 days back at work (Jan 19 to Feb 17): a new period from Feb 17. Week 6 = Feb 17 + 41:
    // Feb 28 (+11), + 30 = Mar 30.
    const after29Days = facts("NL", {
      absences: [
        { from: "2026-01-05", to: "2026-01-19" },
        { from: "2026-02-17", to: null },
      ],
    });
    expect(dueDates(deadlinesFor(nl, after29Days, "2026-02-17")).probleemanalyse).toBe(
      "2026-03-30",
    );

    // Absent Jan 5 up to Feb 16 (42 days: the probleemanalyse was made on Feb 10), back at
    // work for 44 days, absent again from Apr 1: week 6 = Apr 1 + 41 = May 12, not yet done.
    const restarted = facts("NL", {
      absences: [
        { from: "2026-01-05", to: "2026-02-16" },
        { from: "2026-04-01", to: null },
      ],
      done: [{ ruleId: "probleemanalyse", on: "2026-02-10" }],
    });
    const probleemanalyse = pick(deadlinesFor(nl, restarted, "2026-04-01"), "probleemanalyse");
    expect(probleemanalyse).toMatchObject({ due: "2026-05-12", state: "upcoming" });
    expect(probleemanalyse?.doneOn).toBeUndefined();
  });

  test("the four states around today: late, due (today and the next 13 days), upcoming, done", () => {
    // From 2026-01-05: the probleemanalyse is due Feb 15, the plan van aanpak Mar 1.
    const absences = [{ from: "2026-01-05", to: null }];
    const on = (today: string, done: CaseFacts["done"] = []) =>
      deadlinesFor(nl, facts("NL", { absences, done }), today);

    const march1 = on("2026-03-01");
    expect(pick(march1, "probleemanalyse")?.state).toBe("late"); // Feb 15 < Mar 1
    expect(pick(march1, "plan-van-aanpak")?.state).toBe("due"); // due today
    // Mar 1 + 42 = Apr 12: more than 13 days ahead
    expect(pick(march1, "evaluatie-plan-van-aanpak", 1)).toMatchObject({
      due: "2026-04-12",
      state: "upcoming",
    });

    // Feb 16 + 13 = Mar 1: the last day of "due"; Feb 15 + 14 = Mar 1: "upcoming".
    expect(pick(on("2026-02-16"), "plan-van-aanpak")?.state).toBe("due");
    expect(pick(on("2026-02-15"), "plan-van-aanpak")?.state).toBe("upcoming");
    expect(pick(on("2026-03-02"), "plan-van-aanpak")?.state).toBe("late");

    // Marked done, even late: done, with the day it was done.
    const done = on("2026-03-01", [{ ruleId: "probleemanalyse", on: "2026-02-20" }]);
    expect(pick(done, "probleemanalyse")).toMatchObject({
      state: "done",
      doneOn: "2026-02-20",
      responsible: "physician",
      hubPage: "nl-rights",
      hubAnchor: "probleemanalyse",
      unconfirmed: false,
    });
  });

  test("evaluations recur every 6 weeks after the plan van aanpak, until week 104 or recovery", () => {
    // Ongoing from 2026-01-05: the plan is due on day 56; evaluations on days 56 + 42k up to
    // day 728 (week 104): k = 1 … 16, the last on day 728 = 2028-01-02.
    const ongoing = deadlinesFor(
      nl,
      facts("NL", { absences: [{ from: "2026-01-05", to: null }] }),
      "2026-01-05",
    ).filter((d) => d.ruleId === "evaluatie-plan-van-aanpak");
    expect(ongoing.map((d) => d.occurrence)).toEqual([...Array(16).keys()].map((k) => k + 1));
    expect(ongoing.at(-1)?.due).toBe("2028-01-02");

    // Plan van aanpak done on Feb 20; back at work on Jun 1 (last day absent May 31).
    // Evaluations count from the day it was done: Feb 20 + 42 = Apr 3, Apr 3 + 42 = May 15;
    // the third, May 15 + 42 = Jun 26, falls after the recovery and is left out.
    const recovered = deadlinesFor(
      nl,
      facts("NL", {
        absences: [{ from: "2026-01-05", to: "2026-06-01" }],
        done: [{ ruleId: "plan-van-aanpak", on: "2026-02-20" }],
      }),
      "2026-06-10",
    );
    expect(
      recovered
        .filter((d) => d.ruleId === "evaluatie-plan-van-aanpak")
        .map((d) => [d.occurrence, d.due]),
    ).toEqual([
      [1, "2026-04-03"],
      [2, "2026-05-15"],
    ]);
    // Nor do later steps apply: the absence ended before week 42.
    expect(pick(recovered, "melding-uwv-week-42")).toBeUndefined();
    // An occurrence is marked done by its number.
    const marked = deadlinesFor(
      nl,
      facts("NL", {
        absences: [{ from: "2026-01-05", to: "2026-06-01" }],
        done: [
          { ruleId: "plan-van-aanpak", on: "2026-02-20" },
          { ruleId: "evaluatie-plan-van-aanpak", occurrence: 2, on: "2026-05-14" },
        ],
      }),
      "2026-06-10",
    );
    expect(pick(marked, "evaluatie-plan-van-aanpak", 1)?.state).toBe("late");
    expect(pick(marked, "evaluatie-plan-van-aanpak", 2)?.state).toBe("done");
  });

  test("where the sources conflict, the deadline is flagged and the rule says so (DOMAIN.md §8)", () => {
    const deadlines = deadlinesFor(
      nl,
      facts("NL", {
        absences: [{ from: "2026-01-05", to: null }],
        events: [{ event: "nl-second-track-needed", on: "2026-12-18" }],
      }),
      "2026-01-05",
    );
    // Week 91 vs week 93 [S6][S4]: week 91, the earlier.
    expect(pick(deadlines, "wia-aanvraag")).toMatchObject({ due: "2027-10-03", unconfirmed: true });
    const rule = nl.rules.find((r) => r.id === "wia-aanvraag");
    expect(rule?.unconfirmed?.nl).toMatch(/week 91.*week 93/);
    expect(pick(deadlines, "eerstejaarsevaluatie")?.unconfirmed).toBe(true);
    expect(pick(deadlines, "probleemanalyse")?.unconfirmed).toBe(false);
    // Spoor 2 within 6 weeks of the decision, a single source: Dec 18 + 42 = Jan 29, 2027.
    expect(pick(deadlines, "start-spoor-2", 1)).toMatchObject({
      due: "2027-01-29",
      unconfirmed: true,
      responsible: "employer",
    });
  });
});

describe("BE: re-integratietraject and progressive return (DOMAIN.md §2.1, §2.3)", () => {
  const be = timelines.BE;
  const beCase = facts("BE", {
    // Monday 2 March 2026
    absences: [{ from: "2026-03-02", to: null }],
    events: [
      { event: "be-pre-return-visit-requested", on: "2026-04-02" },
      { event: "be-assessment-requested", on: "2026-05-04" },
      { event: "be-decision-a", on: "2026-06-15" },
      { event: "be-decision-b", on: "2026-08-10" },
      { event: "be-decision-b-final", on: "2026-08-31" },
      { event: "be-plan-received", on: "2026-08-20" },
      { event: "be-progressive-return-start", on: "2026-09-07" },
    ],
  });

  test("deadlines count from the case's events in calendar days, months and working days", () => {
    expect(dueDates(deadlinesFor(be, beCase, "2026-03-02"))).toEqual({
      // 4 weeks of incapacity: day 28 = Mar 2 + 27 = Mar 29
      "arbeidsarts-verwittigen": "2026-03-29",
      // 10 working days after Thursday Apr 2: Apr 3 (1), Apr 6–10 (2–6), Apr 13–16 (7–10).
      // (Easter Monday, Apr 6, is not known here: the rule's text says so.)
      "bezoek-voorafgaand-aan-werkhervatting": "2026-04-16",
      // 49 calendar days after May 4: May 31 (+27), + 22 = Jun 22
      "re-integratiebeoordeling": "2026-06-22",
      // 63 calendar days after decision A on Jun 15: Jun 30 (+15), Jul 31 (+46), + 17 = Aug 17
      "re-integratieplan-na-beslissing-a": "2026-08-17",
      // 21 calendar days after decision B on Aug 10 = Aug 31
      "beroep-tegen-beslissing-b": "2026-08-31",
      // 14 calendar days after the plan arrived on Aug 20 = Sep 3
      "reactie-op-re-integratieplan": "2026-09-03",
      // the working day before Monday Sep 7 = Friday Sep 4
      "toestemming-adviserend-arts-vragen": "2026-09-04",
      // 30 working days after Monday Sep 7 = six whole weeks = Monday Oct 19
      "beslissing-adviserend-arts": "2026-10-19",
      // 6 months after Aug 31 = Feb 31 → the last day of February 2027 (not a leap year)
      "re-integratieplan-na-beslissing-b": "2027-02-28",
    });
  });

  test("who acts, and the single-source 6 months after decision B flagged (DOMAIN.md §8 item 4)", () => {
    const deadlines = deadlinesFor(be, beCase, "2026-09-01");
    expect(pick(deadlines, "re-integratiebeoordeling", 1)).toMatchObject({
      responsible: "preventieadviseur",
      state: "late",
    });
    expect(pick(deadlines, "beslissing-adviserend-arts", 1)?.responsible).toBe("adviserend-arts");
    expect(pick(deadlines, "reactie-op-re-integratieplan", 1)?.state).toBe("due");
    expect(pick(deadlines, "re-integratieplan-na-beslissing-b", 1)?.unconfirmed).toBe(true);
    expect(pick(deadlines, "re-integratieplan-na-beslissing-a", 1)?.unconfirmed).toBe(false);
  });

  test("each absence starts its own count (no Dutch samentelling)", () => {
    // Back at work Mar 16, absent again from Mar 23: week 4 = Mar 23 + 27 = Apr 19.
    const deadlines = deadlinesFor(
      be,
      facts("BE", {
        absences: [
          { from: "2026-03-02", to: "2026-03-16" },
          { from: "2026-03-23", to: null },
        ],
      }),
      "2026-03-23",
    );
    expect(pick(deadlines, "arbeidsarts-verwittigen")?.due).toBe("2026-04-19");
  });
});

describe("UK: self-certification, fit notes, review meetings (DOMAIN.md §3)", () => {
  const uk = timelines.UK;

  test("a fit note from day 8; one deadline per fit note and per agreed review, each marked done by number", () => {
    const deadlines = deadlinesFor(
      uk,
      facts("UK", {
        absences: [{ from: "2026-01-05", to: null }],
        events: [
          { event: "uk-fit-note-ends", on: "2026-02-01" },
          { event: "uk-review-meeting", on: "2026-02-20" },
          { event: "uk-fit-note-ends", on: "2026-03-01" },
        ],
        done: [{ ruleId: "fit-note-ends", occurrence: 1, on: "2026-01-30" }],
      }),
      "2026-02-16",
    );
    expect(
      deadlines.map((d) => [d.ruleId, d.occurrence ?? null, d.due, d.state, d.hubPage]),
    ).toEqual([
      // 7 days of self-certification: the end of week 1 = Jan 5 + 6 = Jan 11
      ["fit-note-from-day-8", null, "2026-01-11", "late", "uk-rights"],
      ["fit-note-ends", 1, "2026-02-01", "done", "uk-rights"],
      // Feb 16 + 4: within the next 14 days
      ["review-meeting", 1, "2026-02-20", "due", "uk-roles"],
      // Feb 16 + 13 = Mar 1: still "due"
      ["fit-note-ends", 2, "2026-03-01", "due", "uk-rights"],
    ]);
  });

  test("a short absence needs no fit note", () => {
    // Absent Jan 5 up to Jan 10 (back on the 10th): 5 days, over before day 7.
    const deadlines = deadlinesFor(
      uk,
      facts("UK", { absences: [{ from: "2026-01-05", to: "2026-01-10" }] }),
      "2026-01-10",
    );
    expect(deadlines).toEqual([]);
  });
});

describe("the timeline files", () => {
  const rules = Object.values(timelines).flatMap((timeline) =>
    timeline.rules.map((rule) => ({ country: timeline.country, rule })),
  );

  test("all three load, each with its own country", () => {
    expect(Object.keys(timelines).sort()).toEqual(["BE", "NL", "UK"]);
    for (const [country, timeline] of Object.entries(timelines))
      expect(timeline.country).toBe(country);
  });

  test("every rule's information page exists, and its anchor is a term on that page", async () => {
    const hub = await loadHub();
    for (const { rule } of rules) {
      const page = hub[rule.hubPage];
      expect(page, rule.id).toBeDefined();
      if (rule.hubAnchor)
        expect(
          page.terms.map((term) => term.id),
          rule.id,
        ).toContain(rule.hubAnchor);
    }
  });

  test("no title, description or unconfirmed text holds a medical word (the full deny-list)", () => {
    const found = rules.flatMap(({ country, rule }) =>
      (["title", "description", "unconfirmed"] as const).flatMap((field) =>
        languages.flatMap((language) => {
          const text = rule[field]?.[language] ?? "";
          return medicalWordsIn(text).map(
            (word) => `${country} ${rule.id}.${field}.${language}: ${word} in "${text}"`,
          );
        }),
      ),
    );
    expect(found).toEqual([]);
  });

  test("the schema refuses a malformed file, naming the file and the place", async () => {
    const raw = async (file: string) =>
      parse(await readFile(path.join(templatesDirectory(), "timelines", file), "utf8"));
    const documents = {
      NL: await raw(timelineFiles.NL),
      BE: await raw(timelineFiles.BE),
      UK: await raw(timelineFiles.UK),
    };
    const problemsWith = (change: (docs: typeof documents) => void) => {
      const copy = structuredClone(documents);
      change(copy);
      try {
        parseContent("The statutory timelines", timelinesSchema, copy, timelineFiles);
      } catch (error) {
        expect(error).toBeInstanceOf(ContentError);
        return (error as ContentError).problems.map((p) => `${p.file}: ${p.where}: ${p.message}`);
      }
      return [];
    };

    expect(problemsWith(() => {})).toEqual([]);
    // An unknown timing kind.
    expect(
      problemsWith((docs) => {
        docs.NL.rules[0].timing = { kind: "month", month: 2 };
      }),
    ).toEqual([
      "nl.yaml: rules[0] (probleemanalyse).timing.kind: must be week, every-weeks or after-event",
    ]);
    // A missing translation.
    expect(
      problemsWith((docs) => {
        delete docs.BE.rules[1].description.fr;
      }),
    ).toEqual(["be.yaml: rules[1] (re-integratiebeoordeling).description.fr: missing"]);
    // Two units at once; another country's event and party; an unknown rule to recur after.
    expect(
      problemsWith((docs) => {
        docs.UK.rules[1].timing = {
          kind: "after-event",
          event: "be-plan-received",
          days: 1,
          weeks: 1,
        };
        docs.UK.rules[2].responsible = "uwv";
        docs.NL.rules[2].timing.after = "no-such-rule";
      }),
    ).toEqual([
      'nl.yaml: rules[2] (evaluatie-plan-van-aanpak).timing.after: must name a week rule in this file, not "no-such-rule"',
      "uk.yaml: rules[1] (fit-note-ends).timing: must give exactly one of days, weeks, months or workingDays",
      "uk.yaml: rules[1] (fit-note-ends).timing.event: must be a UK event (uk-…)",
      'uk.yaml: rules[2] (review-meeting).responsible: "uwv" exists in NL only',
    ]);
  });
});

describe("case facts", () => {
  test("are checked: real dates, absences in order, the timeline of the case's country", () => {
    const nl = timelines.NL;
    expect(() =>
      deadlinesFor(nl, facts("NL", { absences: [{ from: "2027-02-29", to: null }] }), "2027-03-01"),
    ).toThrow(/absences\[0\]\.from must be a date/);
    expect(() =>
      deadlinesFor(
        nl,
        facts("NL", {
          absences: [
            { from: "2026-01-05", to: null },
            { from: "2026-02-05", to: null },
          ],
        }),
        "2026-03-01",
      ),
    ).toThrow(/must start after the previous absence ended/);
    expect(() => deadlinesFor(nl, facts("BE", {}), "2026-03-01")).toThrow(/BE timeline/);
  });
});
