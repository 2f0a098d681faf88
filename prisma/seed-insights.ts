/**
 * Earlier cases of Bouwbedrijf De Linde, for the HR insights (/insights): two
 * whole calendar years before this one and a few this year, in departments,
 * each with its status history, closing category and agreed plan, so the
 * demo shows real figures and, where a group is small, "Too few to show".
 * The people are fictional and no longer members (they left, or their case
 * is long settled); their manager is a fictional member who manages nothing
 * else. No physician, so the demo physician's cases stay as they are; open
 * ones are back at work, except two of this year that are absent.
 */
import type { CaseStatus, ClosingCategory } from "#app/generated/prisma/enums.ts";
import type { Db } from "#app/modules/db.server.ts";
import { itemHash, normaliseContent } from "#app/modules/plans/content.ts";
import { planHash, snapshotOf } from "#app/modules/plans/versions.ts";

const organizationId = "demo-org-nl";

type Story = {
  department: string | null;
  /** Month (1–12) and day the case was opened, in its year. */
  opened: [number, number];
  /** Days after opening that the first plan was agreed; none without a plan. */
  planAfter?: number;
  adjustments?: string[];
  /** Days after opening that the return started. */
  returnedAfter?: number;
  /** Days after the return that the employee was absent again. */
  absentAgainAfter?: number;
  /** Days after opening that the case was closed, and why. */
  closed?: { after: number; category: ClosingCategory };
  /** Still open, back at work (the default), or absent. */
  open?: "SUSTAINED" | "ABSENT";
};

/** `count` stories alike, opened a few days apart and with plans agreed a few days apart. */
const many = (count: number, story: Story): Story[] =>
  Array.from({ length: count }, (_, i) => ({
    ...story,
    opened: [story.opened[0], story.opened[1] + 3 * i],
    ...(story.planAfter === undefined ? {} : { planAfter: story.planAfter + 4 * i }),
  }));
const ownWork = { after: 250, category: "RETURNED_OWN_WORK" } as const;
const left = { after: 200, category: "LEFT_ORGANIZATION" } as const;

/** Two years ago: two departments of ten, most figures large enough to show. */
const twoYearsAgo: Story[] = [
  ...many(5, {
    department: "Uitvoering",
    opened: [1, 6],
    planAfter: 14,
    adjustments: ["A01", "A04"],
    returnedAfter: 30,
    closed: ownWork,
  }),
  ...many(5, {
    department: "Uitvoering",
    opened: [3, 2],
    planAfter: 20,
    adjustments: ["A01"],
    returnedAfter: 40,
  }),
  ...many(5, {
    department: "Kantoor",
    opened: [2, 4],
    planAfter: 10,
    adjustments: ["B02", "A01"],
    returnedAfter: 28,
    closed: ownWork,
  }),
  // Absent again within six months, then back.
  ...many(3, {
    department: "Kantoor",
    opened: [4, 1],
    planAfter: 25,
    adjustments: ["B02"],
    returnedAfter: 35,
    absentAgainAfter: 60,
  }),
  // Two with a work-environment adjustment: too few to show.
  ...many(2, {
    department: "Kantoor",
    opened: [5, 3],
    planAfter: 30,
    adjustments: ["B02", "A06"],
    returnedAfter: 45,
    absentAgainAfter: 80,
  }),
];

/**
 * Last year: a small department (Onderhoud, three cases) never shows, and
 * takes the next smallest (Werkvoorbereiding) with it: the organisation
 * minus the departments shown would otherwise be Onderhoud's three.
 */
const lastYear: Story[] = [
  ...many(4, {
    department: "Uitvoering",
    opened: [1, 8],
    planAfter: 12,
    adjustments: ["A01", "A04"],
    returnedAfter: 30,
    closed: ownWork,
  }),
  ...many(3, {
    department: "Uitvoering",
    opened: [1, 20],
    planAfter: 22,
    adjustments: ["A01"],
    returnedAfter: 40,
    closed: left,
  }),
  ...many(3, {
    department: "Uitvoering",
    opened: [2, 10],
    planAfter: 18,
    adjustments: ["A04"],
    returnedAfter: 35,
    absentAgainAfter: 50,
  }),
  {
    department: "Uitvoering",
    opened: [3, 1],
    planAfter: 26,
    adjustments: ["A01"],
    returnedAfter: 33,
  },
  ...many(2, {
    department: "Werkvoorbereiding",
    opened: [1, 15],
    planAfter: 16,
    adjustments: ["A01", "B02"],
    returnedAfter: 30,
    closed: ownWork,
  }),
  ...many(2, {
    department: "Werkvoorbereiding",
    opened: [2, 3],
    planAfter: 28,
    adjustments: ["A10", "B02"],
    returnedAfter: 36,
    closed: left,
  }),
  ...many(2, {
    department: "Werkvoorbereiding",
    opened: [3, 5],
    planAfter: 19,
    adjustments: ["B02"],
    returnedAfter: 30,
    absentAgainAfter: 45,
  }),
  ...many(2, {
    department: "Werkvoorbereiding",
    opened: [4, 2],
    planAfter: 24,
    adjustments: ["A04", "B02"],
    returnedAfter: 32,
  }),
  ...many(3, {
    department: "Onderhoud",
    opened: [2, 20],
    planAfter: 21,
    adjustments: ["A06", "B02"],
    returnedAfter: 30,
  }),
];

/** This year so far: a few, opened in its first days, mostly too few to show. */
const thisYear: Story[] = [
  {
    department: "Uitvoering",
    opened: [1, 2],
    planAfter: 0,
    adjustments: ["A01"],
    returnedAfter: 0,
  },
  { department: "Uitvoering", opened: [1, 2], planAfter: 0, adjustments: ["A04"] },
  { department: "Uitvoering", opened: [1, 2], open: "ABSENT" },
  { department: "Kantoor", opened: [1, 2], planAfter: 0, adjustments: ["B02"], returnedAfter: 0 },
];

const firstNames = [
  "Joost",
  "Ilse",
  "Bram",
  "Noor",
  "Ruben",
  "Sanne",
  "Thijs",
  "Lieke",
  "Daan",
  "Femke",
  "Jesse",
  "Anouk",
  "Milan",
  "Esmee",
  "Sem",
  "Lotte",
  "Niels",
  "Iris",
  "Koen",
  "Maud",
  "Stijn",
  "Roos",
  "Wouter",
  "Fleur",
  "Gijs",
  "Vera",
  "Luuk",
  "Demi",
  "Tim",
  "Eline",
  "Jens",
  "Yara",
  "Hidde",
  "Sara",
];
const lastNames = [
  "de Boer",
  "Mulder",
  "Dekker",
  "Brouwer",
  "Kok",
  "Verhoeven",
  "Peters",
  "Hendriks",
];

export async function seedInsights(db: Db) {
  if (await db.case.findUnique({ where: { id: "demo-insights-01" } })) return;
  const manager = await db.user.upsert({
    where: { email: "ruud.manager@demo.werkpad.test" },
    update: {},
    create: {
      email: "ruud.manager@demo.werkpad.test",
      name: "Ruud Mulder",
      language: "nl",
      emailVerifiedAt: new Date(),
    },
  });
  await db.membership.upsert({
    where: { organizationId_userId: { organizationId, userId: manager.id } },
    update: {},
    create: { organizationId, userId: manager.id, role: "MANAGER" },
  });
  const hr = await db.user.findUniqueOrThrow({ where: { email: "hr@demo.werkpad.test" } });

  const now = new Date();
  const year = now.getUTCFullYear();
  const keptSince = new Date(now.getTime() - 20 * 30 * 86_400_000);
  const stories = [
    ...twoYearsAgo.map((story) => ({ story, year: year - 2 })),
    ...lastYear.map((story) => ({ story, year: year - 1 })),
    ...thisYear.map((story) => ({ story, year })),
  ];
  for (const [index, { story, year: openedIn }] of stories.entries()) {
    const number = String(index + 1).padStart(2, "0");
    const day = 86_400_000;
    const opened = new Date(
      Math.min(Date.UTC(openedIn, story.opened[0] - 1, story.opened[1], 9), now.getTime()),
    );
    // Nothing lies ahead of today: this year's stories are kept to what has happened.
    const after = (days: number) =>
      new Date(Math.min(opened.getTime() + days * day, now.getTime()));
    const changes: Array<{ toStatus: CaseStatus; at: Date }> = [{ toStatus: "ABSENT", at: opened }];
    if (story.returnedAfter !== undefined) {
      const returned = after(story.returnedAfter);
      changes.push({ toStatus: "RETURNING", at: returned });
      if (story.absentAgainAfter !== undefined) {
        const again = new Date(returned.getTime() + story.absentAgainAfter * day);
        changes.push({ toStatus: "ABSENT", at: again });
        changes.push({ toStatus: "RETURNING", at: new Date(again.getTime() + 40 * day) });
      }
      if (!story.closed && story.open !== "ABSENT")
        changes.push({ toStatus: "SUSTAINED", at: after(story.returnedAfter + 120) });
    }
    // Closed no longer ago than the retention period allows (24 months by
    // default): the retention job would delete an older closed case at start-up.
    const closedAt = story.closed
      ? new Date(Math.max(after(story.closed.after).getTime(), keptSince.getTime()))
      : null;
    if (closedAt) changes.push({ toStatus: "CLOSED", at: closedAt });
    const status = changes.at(-1)?.toStatus ?? "ABSENT";
    const employee = await db.user.upsert({
      where: { email: `historic-${number}@demo.werkpad.test` },
      update: {},
      create: {
        email: `historic-${number}@demo.werkpad.test`,
        name: `${firstNames[index % firstNames.length]} ${lastNames[index % lastNames.length]}`,
        language: "nl",
      },
    });
    const caseId = `demo-insights-${number}`;
    await db.case.create({
      data: {
        id: caseId,
        organizationId,
        kind: "OWN_HEALTH",
        country: "NL",
        status,
        closedCategory: story.closed?.category ?? null,
        closedAt,
        employeeId: employee.id,
        managerId: manager.id,
        openedById: hr.id,
        department: story.department,
        startKind: "ABSENCE",
        startDate: new Date(Date.UTC(openedIn, story.opened[0] - 1, story.opened[1])),
        createdAt: opened,
        // Long settled: after the demo's own cases in every list.
        updatedAt: changes.at(-1)?.at ?? opened,
        statusChanges: {
          create: changes.map((change, i) => ({
            ...change,
            fromStatus: changes[i - 1]?.toStatus ?? null,
          })),
        },
      },
    });
    if (story.planAfter === undefined) continue;
    const agreedAt = after(story.planAfter);
    const items = [];
    for (const catalogueId of story.adjustments ?? []) {
      const content = normaliseContent({
        catalogueId,
        owner: "Ruud Mulder",
        startDate: agreedAt.toISOString().slice(0, 10),
        stage: "in_place",
      });
      const hash = itemHash("ADJUSTMENT", content);
      items.push(
        await db.planItem.create({
          data: {
            organizationId,
            caseId,
            kind: "ADJUSTMENT",
            content,
            contentHash: hash,
            proposedBySide: "EMPLOYER",
            proposedById: manager.id,
            employerAgreedHash: hash,
            employeeAgreedHash: hash,
            createdAt: agreedAt,
          },
        }),
      );
    }
    const snapshot = snapshotOf(
      items.map((item) => ({
        id: item.id,
        kind: "ADJUSTMENT" as const,
        content: item.content as never,
        proposedBySide: "EMPLOYER" as const,
      })),
    );
    await db.planVersion.create({
      data: {
        organizationId,
        caseId,
        number: 1,
        contentHash: planHash(snapshot),
        snapshot,
        agreedAt,
      },
    });
  }
}
