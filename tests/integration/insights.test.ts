import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import type { Cell, View } from "#app/modules/insights/figures.ts";
import { isSmall } from "#app/modules/insights/group-rule.ts";
import { loader as downloadLoader } from "#app/routes/insights.download.ts";
import { loader as insightsLoader } from "#app/routes/insights.tsx";
import { createTeam } from "#tests/helpers/factories.ts";
import { type InsightCase, insightCase } from "#tests/helpers/insights.ts";
import { callRoute, get, responseOf } from "#tests/helpers/route-args.ts";

/**
 * The HR insights through their routes: who may see them, that another
 * organisation never counts, that the figures are right for a known set of
 * cases, and that a group of four is never shown under any filter, in the
 * page or in the CSV, nor can be worked out by subtracting views.
 */
const thisYear = new Date().getUTCFullYear();
const [earlier, last] = [thisYear - 2, thisYear - 1];
type Loaded = {
  choices: { years: number[]; departments: string[] };
  query: { year: number; department: string | null };
  view: View;
};

async function page(cookie: string, search = "") {
  const answer = await callRoute(insightsLoader, get(`/insights${search}`, { Cookie: cookie }));
  return { status: answer.status, location: answer.location, data: answer.data as Loaded };
}

async function csv(cookie: string, search = "", language = "en") {
  const response = await responseOf(
    downloadLoader,
    get(`/insights/download${search}`, { Cookie: `${cookie}; werkpad_lang=${language}` }),
  );
  return { response, text: response.status === 200 ? await response.text() : "" };
}

async function casesOf(team: Parameters<typeof insightCase>[0], specs: InsightCase[]) {
  for (const spec of specs) await insightCase(team, spec);
}
const times = (count: number, spec: (index: number) => InsightCase) =>
  Array.from({ length: count }, (_, index) => spec(index));

// A known set of cases, opened in `earlier`, without departments.
const known = await createTeam("Known BV");
await casesOf(known, [
  // Six back in their own work, returned in March, plans agreed after 2–60 days.
  ...[2, 5, 9, 14, 30, 60].map((days) => ({
    opened: `${earlier}-01-10`,
    returned: `${earlier}-03-01`,
    closed: { on: `${earlier}-11-01`, category: "RETURNED_OWN_WORK" as const },
    planAfterDays: days,
    adjustments: ["A01", "A02", "A04"],
  })),
  // Five who left: returned in April, absent again in June.
  ...times(5, () => ({
    opened: `${earlier}-02-10`,
    returned: `${earlier}-04-01`,
    absentAgain: `${earlier}-06-01`,
    closed: {
      on: `${earlier}-09-01`,
      category: "LEFT_ORGANIZATION" as const,
      note: "CANARY-CLOSING-NOTE moved abroad",
    },
  })),
  // Five still open; three with a plan after 20 days: an own adjustment, and a stopped one.
  ...times(5, (index) => ({
    opened: `${earlier}-05-10`,
    ...(index < 3
      ? { planAfterDays: 20, adjustments: ["own", { catalogueId: "A10", stage: "stopped" }] }
      : {}),
  })),
]);
// One of the six agreed a second version without the work-pace adjustment: the latest counts.
const changed = await db.case.findFirstOrThrow({
  where: { organizationId: known.organization.id, versions: { some: {} } },
  include: { versions: true },
  orderBy: { id: "asc" },
});
await db.planVersion.create({
  data: {
    organizationId: known.organization.id,
    caseId: changed.id,
    number: 2,
    contentHash: "v2",
    snapshot: (
      (changed.versions[0]?.snapshot ?? []) as Array<{ content: { catalogueId: string } }>
    ).filter((item) => item.content.catalogueId !== "A04"),
    agreedAt: new Date(`${earlier}-12-01T10:00:00Z`),
  },
});

// Another organisation, the same year and a department: it must never count.
const elsewhere = await createTeam("Elsewhere BV");
await casesOf(
  elsewhere,
  times(9, () => ({
    opened: `${earlier}-03-03`,
    department: "Elsewhere department",
    closed: { on: `${earlier}-04-04`, category: "NOT_ABLE_TO_RETURN" as const },
  })),
);

// A group of four: the department "Klein" in `last`, the only ones unable to return.
// Every other case of that year has a department, so the organisation minus
// the two others would be exactly the four.
const grouped = await createTeam("Grouped BV");
const small: InsightCase = {
  opened: `${last}-02-01`,
  department: "Klein",
  returned: `${last}-03-01`,
  closed: { on: `${last}-05-01`, category: "NOT_ABLE_TO_RETURN" },
  planAfterDays: 11,
  adjustments: ["A06"],
};
await casesOf(grouped, [
  ...times(4, () => small),
  ...times(8, (i) => ({
    opened: `${last}-01-15`,
    department: "Bouw",
    returned: `${last}-02-15`,
    ...(i < 5 ? { closed: { on: `${last}-06-01`, category: "RETURNED_OWN_WORK" as const } } : {}),
    planAfterDays: 30,
    adjustments: ["A01"],
  })),
  ...times(9, () => ({ opened: `${last}-03-15`, department: "Kantoor", planAfterDays: 40 })),
  // The year before, "Klein" had five such cases: a group of five shows.
  ...times(5, () => ({ ...small, opened: `${earlier}-02-01` })),
  ...times(6, () => ({ opened: `${earlier}-03-01`, department: "Bouw" })),
  ...times(5, () => ({ opened: `${earlier}-03-01` })),
]);

const value = (cell: Cell) => (cell.shown ? cell.value : null);
/** Every count a view shows, by name, in the page's order. */
function counts(view: View): Record<string, Cell> {
  return {
    cases: view.cases,
    open: view.open,
    closed: view.closed,
    withPlan: view.planMedian.shown
      ? { shown: true, value: view.planMedian.cases }
      : { shown: false },
    started: view.returns.started,
    sustained: view.returns.sustained,
    absentAgain: view.returns.absentAgain,
    ...Object.fromEntries(view.closing.map((row) => [`closed:${row.category}`, row.cases])),
    ...Object.fromEntries(view.adjustments.map((row) => [`adjustment:${row.group}`, row.cases])),
    ...Object.fromEntries(
      view.adjustments.map((row) => [`adjustments:${row.group}`, row.adjustments]),
    ),
  };
}

describe("who sees the insights", () => {
  test("HR and owners; managers, employees and physicians get 403, on the page and the CSV", async () => {
    for (const member of [known.hr, known.owner]) {
      expect((await page(member.cookie)).status).toBe(200);
      expect((await csv(member.cookie)).response.status).toBe(200);
    }
    for (const member of [known.manager, known.employee, known.physician]) {
      expect((await page(member.cookie)).status).toBe(403);
      expect((await csv(member.cookie)).response.status).toBe(403);
    }
  });

  test("someone signed out is sent to sign in", async () => {
    const answer = await callRoute(insightsLoader, get("/insights?year=2025"));
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/signin\?redirectTo=/);
    expect((await csv("")).response.status).toBe(302);
  });
});

describe("filters the page never makes", () => {
  test.each([
    "?year=abc",
    "?year=1999",
    `?year=${thisYear + 1}`,
    `?year=${earlier}&year=${last}`,
    "?year=%F0%9F%99%82",
    "?year=99999",
    "?department=Nowhere",
    "?department=Elsewhere+department",
    "?department=bouw",
    "?department=Bouw&department=Kantoor",
    `?department=${"x".repeat(61)}`,
  ])("%s is 400 on the page and the CSV", async (search) => {
    expect((await page(grouped.hr.cookie, search)).status).toBe(400);
    expect((await csv(grouped.hr.cookie, search)).response.status).toBe(400);
  });
});

describe("a known set of cases", () => {
  test("gives the figures as defined", async () => {
    const { status, data } = await page(known.hr.cookie, `?year=${earlier}`);
    expect(status).toBe(200);
    expect(data.choices).toEqual({
      years: Array.from({ length: 3 }, (_, i) => earlier + i),
      departments: [],
    });
    const view = data.view;
    expect([view.cases, view.open, view.closed].map(value)).toEqual([16, 5, 11]);
    // Days to the first agreed version: 2, 5, 9, 14, 20, 20, 20, 30, 60.
    expect(view.planMedian).toEqual({ shown: true, days: 20, cases: 9 });
    expect(Object.fromEntries(view.closing.map((row) => [row.category, value(row.cases)]))).toEqual(
      {
        RETURNED_OWN_WORK: 6,
        RETURNED_OTHER_WORK: 0,
        LEFT_ORGANIZATION: 5,
        NOT_ABLE_TO_RETURN: 0,
        OTHER: 0,
      },
    );
    expect(
      Object.fromEntries(
        view.adjustments.map((row) => [row.group, [value(row.cases), value(row.adjustments)]]),
      ),
    ).toEqual({
      hours: [6, 12],
      // The latest version of one case no longer has it.
      pace: [5, 5],
      // Stopped: not in place.
      tasks: [0, 0],
      environment: [0, 0],
      support: [0, 0],
      // Three cases: too few.
      own: [null, null],
    });
    // 11 returns started 6 months ago or more; 5 were absent again within 6 months.
    expect(view.returns).toEqual({
      started: { shown: true, value: 11 },
      sustained: { shown: true, value: 6 },
      absentAgain: { shown: true, value: 5 },
      sharePercent: { shown: true, value: 55 },
    });
  });

  test("counts only the organisation's own cases, and offers only its own departments", async () => {
    const { data } = await page(elsewhere.hr.cookie, `?year=${earlier}`);
    expect(value(data.view.cases)).toBe(9);
    expect(data.choices.departments).toEqual(["Elsewhere department"]);
    const ours = JSON.stringify((await page(known.hr.cookie, `?year=${earlier}`)).data);
    expect(ours).not.toContain("Elsewhere");
    expect(ours).toContain('"NOT_ABLE_TO_RETURN","cases":{"shown":true,"value":0}');
  });

  test("a year without cases shows zeros, and this year is the default", async () => {
    const { data } = await page(known.hr.cookie);
    expect(data.query).toEqual({ year: thisYear, department: null });
    expect(value(data.view.cases)).toBe(0);
    expect(data.view.planMedian).toEqual({ shown: true, days: null, cases: 0 });
  });

  test("never shows the note typed when closing, nor anyone's name", async () => {
    const seen = JSON.stringify((await page(known.hr.cookie, `?year=${earlier}`)).data);
    const download = (await csv(known.hr.cookie, `?year=${earlier}`)).text;
    for (const text of [seen, download]) {
      expect(text).not.toContain("CANARY-CLOSING-NOTE");
      expect(text).not.toContain(known.manager.user.name);
      expect(text).not.toContain(known.employee.user.name);
    }
  });

  test("the CSV holds exactly the page's figures, in the reader's language", async () => {
    const { data } = await page(known.hr.cookie, `?year=${earlier}`);
    const { response, text } = await csv(known.hr.cookie, `?year=${earlier}`);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="werkpad-insights-${earlier}.csv"`,
    );
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const rows = text
      .replace(/^\ufeff/, "")
      .trimEnd()
      .split("\r\n");
    expect(rows[0]).toBe("Section,Figure,Value");
    expect(rows).toContain(`Cases,Opened in ${earlier},16`);
    expect(rows).toContain("Time to the first agreed plan,Median,20 days");
    expect(rows).toContain("Sustained returns after 6 months,Share of sustained returns,55%");
    expect(rows).toContain("Why cases were closed,Left the organisation,5");
    expect(rows).toContain(
      'Adjustments in place,"Own adjustments, not from the catalogue: Cases with one or more",Too few to show',
    );
    // Every count of the page, in the page's order, and nothing else.
    const shown = Object.values(counts(data.view)).map((cell) =>
      cell.shown ? String(cell.value) : "Too few to show",
    );
    const fromCsv = rows
      .slice(4)
      .filter((row) => !/Median|Share of/.test(row))
      .map((row) => row.slice(row.lastIndexOf(",") + 1));
    expect(fromCsv.sort()).toEqual(shown.sort());
    const dutch = (await csv(known.hr.cookie, `?year=${earlier}`, "nl")).text;
    expect(dutch).toContain("Dossiers,Geopend in");
    expect(dutch).toContain("Waarom dossiers zijn afgesloten,Uit dienst,5");
  });
});

describe("the group rule through every filter", () => {
  const views = async () => {
    const { data } = await page(grouped.hr.cookie);
    const all: Array<{ year: number; department: string | null; view: View; csv: string }> = [];
    for (const year of data.choices.years)
      for (const department of [null, ...data.choices.departments]) {
        const search = `?${new URLSearchParams({ year: String(year), ...(department ? { department } : {}) })}`;
        const shown = await page(grouped.hr.cookie, search);
        expect(shown.status).toBe(200);
        const download = await csv(grouped.hr.cookie, search);
        expect(download.response.status).toBe(200);
        all.push({ year, department, view: shown.data.view, csv: download.text });
      }
    return all;
  };

  test("a group of four is never shown, in any view or CSV", async () => {
    const all = await views();
    expect(all.map((v) => `${v.year}:${v.department ?? "all"}`)).toEqual(
      [earlier, last, thisYear].flatMap((year) =>
        ["all", "Bouw", "Kantoor", "Klein"].map((department) => `${year}:${department}`),
      ),
    );
    for (const { year, department, view, csv: text } of all) {
      const where = `${year} ${department ?? "all"}`;
      // Only the four were unable to return, and only they have a work-environment adjustment.
      const unable = view.closing.find((row) => row.category === "NOT_ABLE_TO_RETURN")?.cases;
      const environment = view.adjustments.find((row) => row.group === "environment")?.cases;
      if (year === last) {
        expect(unable && value(unable), where).not.toBe(4);
        expect(environment && value(environment), where).not.toBe(4);
      }
      for (const [name, cell] of Object.entries(counts(view)))
        expect(isSmall(value(cell) ?? 0), `${where} ${name}`).toBe(false);
      // The CSV says what the page says: "Too few to show", never a small number.
      for (const row of text.trimEnd().split("\r\n").slice(4)) {
        const last = row.slice(row.lastIndexOf(",") + 1);
        if (/^\d+$/.test(last)) expect(isSmall(Number(last)), `${where} ${row}`).toBe(false);
      }
      if (year === last && department === "Klein") {
        expect(JSON.stringify(view)).not.toContain('"shown":true');
        expect(text.split("\r\n").slice(4).join("\r\n")).not.toMatch(/,\d+(\r\n|$)/);
      }
    }
  });

  test("no subtraction of views leaves 1–4 cases", async () => {
    const all = await views();
    // The organisation minus Bouw and Kantoor would be Klein's four: the smaller, Bouw, is not shown.
    const ofLast = (department: string) =>
      all.find((v) => v.year === last && v.department === department)?.view;
    expect(ofLast("Bouw")?.cases).toEqual({ shown: false });
    expect(ofLast("Kantoor")?.cases).toEqual({ shown: true, value: 9 });
    for (const year of [earlier, last, thisYear]) {
      const ofYear = all.filter((v) => v.year === year);
      const organization = counts(ofYear.find((v) => v.department === null)?.view as View);
      const departments = ofYear.filter((v) => v.department !== null).map((v) => counts(v.view));
      for (const [name, total] of Object.entries(organization)) {
        if (!total.shown) continue;
        // The organisation minus every combination of departments that show this figure.
        const showing = departments.filter((d) => d[name]?.shown);
        for (let mask = 1; mask < 1 << showing.length; mask++) {
          const rest = showing.reduce(
            (sum, d, i) => sum - (mask & (1 << i) ? (value(d[name] as Cell) ?? 0) : 0),
            total.value,
          );
          expect(isSmall(rest), `${year} ${name} minus departments ${mask}`).toBe(false);
        }
      }
    }
  });

  test("a group of five shows", async () => {
    const { data } = await page(grouped.hr.cookie, `?year=${earlier}&department=Klein`);
    expect(value(data.view.cases)).toBe(5);
    const unable = data.view.closing.find((row) => row.category === "NOT_ABLE_TO_RETURN");
    expect(unable?.cases).toEqual({ shown: true, value: 5 });
    const { text } = await csv(grouped.hr.cookie, `?year=${earlier}&department=Klein`);
    expect(text).toContain("Why cases were closed,Not able to return (long-term benefit),5\r\n");
    expect(text).toContain("Which cases,Department,Klein\r\n");
  });
});
