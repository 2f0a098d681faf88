/**
 * Demo cases for the seed: a Dutch case whose plan was agreed once and is
 * being changed, a Dutch case whose employee is an HR colleague, a Belgian
 * carer case still being negotiated, and a Belgian case whose agreed plan
 * waits to be made ready to sign. Written
 * straight to the database with the plan's own pure rules (agreement.ts,
 * content.ts, versions.ts), the way the app would have written them.
 */
import type { Db } from "#app/modules/db.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { contentHash } from "#app/modules/hash.ts";
import {
  agree,
  decline,
  type ItemState,
  propose,
  type Side,
} from "#app/modules/plans/agreement.ts";
import { itemHash, normaliseContent } from "#app/modules/plans/content.ts";
import type { ItemKind } from "#app/modules/plans/kinds.ts";
import { planHash, snapshotOf } from "#app/modules/plans/versions.ts";

type Answer = "agreed" | "waiting" | { declined: string };

/** A calendar date (a start date, a consultation): midnight UTC, as the app stores dates. */
function daysAgo(days: number): Date {
  const date = new Date(Date.now() - days * 86_400_000);
  return new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
}

/** A moment something happened, at a time of day people work. */
function momentDaysAgo(days: number, time: string): Date {
  return new Date(`${daysAgo(days).toISOString().slice(0, 10)}T${time}:00Z`);
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedCases(db: Db, people: Map<string, string>) {
  const id = (email: string) => {
    const found = people.get(email);
    if (!found) throw new Error(`Seed person ${email} is missing`);
    return found;
  };
  // Each block is added once; a database seeded before a block existed gets it on the next run.
  if (!(await db.case.findUnique({ where: { id: "demo-case-nl-hr" } }))) await hrColleaguesCase();
  if (!(await db.case.findUnique({ where: { id: "demo-case-be-signing" } }))) await caseToSign();
  if (await db.case.count({ where: { id: { in: ["demo-case-nl", "demo-case-be"] } } })) {
    await plannedConversation();
    await timelineMarks();
    return;
  }

  async function item(
    caseId: string,
    organizationId: string,
    kind: ItemKind,
    content: object,
    by: { side: Side; userId: string },
    answer: Answer,
  ) {
    const stored = normaliseContent(content);
    let state: ItemState = propose(by.side, itemHash(kind, stored));
    const other = by.side === "EMPLOYEE" ? "EMPLOYER" : "EMPLOYEE";
    if (answer === "agreed") {
      const result = agree(state, other);
      if (result.ok) state = { ...state, ...result.value };
    } else if (answer !== "waiting") {
      const result = decline(state, other, answer.declined);
      if (result.ok) state = { ...state, ...result.value };
    }
    return db.planItem.create({
      data: { organizationId, caseId, kind, content: stored, proposedById: by.userId, ...state },
    });
  }

  // The Netherlands: Fatma Yilmaz of HR is in treatment. In her case she is the
  // employee; the owner, Sanne Bakker, is her manager. Nothing is agreed yet.
  /** Version 1 of a case's plan: the agreed items frozen, as the app freezes them. */
  async function firstVersion(
    where: { organizationId: string; caseId: string },
    agreed: Array<{ id: string; kind: string; content: unknown; proposedBySide: Side }>,
    agreedAt: Date,
  ) {
    const snapshot = snapshotOf(
      agreed.map((entry) => ({
        id: entry.id,
        kind: entry.kind as ItemKind,
        content: entry.content as never,
        proposedBySide: entry.proposedBySide,
      })),
    );
    await db.planVersion.create({
      data: { ...where, number: 1, contentHash: planHash(snapshot), snapshot, agreedAt },
    });
  }

  /**
   * Mark Jansen plans the conversation about Eva's return with its guide;
   * Eva has added a topic. Added once, also to a database seeded before.
   */
  async function plannedConversation() {
    const caseId = "demo-case-nl";
    if (await db.conversation.count({ where: { caseId } })) return;
    const guide = (await loadGuides())["planning-the-return"];
    const conversation = await db.conversation.create({
      data: {
        organizationId: "demo-org-nl",
        caseId,
        guideId: guide.id,
        guideHash: contentHash(guide),
        guide: guide as object,
        plannedFor: daysAgo(-4),
        startedById: id("manager@demo.werkpad.test"),
      },
    });
    await db.conversationTopic.create({
      data: {
        organizationId: "demo-org-nl",
        conversationId: conversation.id,
        body: "Kan ik de eerste weken op dinsdag thuiswerken?",
      },
    });
  }

  /**
   * Eva's absence began 120 days ago: the problem analysis, the plan of action
   * and its first evaluation are done, so the second evaluation is due within
   * two weeks (issue 13's start page shows it). Added once, also to a
   * database seeded before.
   */
  async function timelineMarks() {
    const caseId = "demo-case-nl";
    if (await db.deadlineDone.count({ where: { caseId } })) return;
    const marks = [
      { ruleId: "probleemanalyse", occurrence: 0, doneOn: daysAgo(82) },
      { ruleId: "plan-van-aanpak", occurrence: 0, doneOn: daysAgo(72) },
      { ruleId: "evaluatie-plan-van-aanpak", occurrence: 1, doneOn: daysAgo(30) },
    ];
    await db.deadlineDone.createMany({
      data: marks.map((mark) => ({
        organizationId: "demo-org-nl",
        caseId,
        markedById: id("manager@demo.werkpad.test"),
        ...mark,
      })),
    });
  }

  async function hrColleaguesCase() {
    const caseId = "demo-case-nl-hr";
    const organizationId = "demo-org-nl";
    const sanne = { side: "EMPLOYER" as const, userId: id("owner@demo.werkpad.test") };
    await db.case.create({
      data: {
        id: caseId,
        organizationId,
        kind: "OWN_HEALTH",
        country: "NL",
        status: "PREPARING",
        employeeId: id("hr.employee@demo.werkpad.test"),
        managerId: sanne.userId,
        physicianId: id("physician@demo.werkpad.test"),
        openedById: sanne.userId,
        startKind: "DISCLOSURE",
        startDate: daysAgo(7),
      },
    });
    await item(
      caseId,
      organizationId,
      "AGREEMENT",
      {
        topic: "contact",
        text: "Elke maandag een kort telefoontje, alleen als het u uitkomt.",
        frequency: "Elke week",
      },
      sanne,
      "waiting",
    );
    await db.medicalNote.create({
      data: {
        organizationId,
        caseId,
        physicianId: id("physician@demo.werkpad.test"),
        body: "Neem de tijd voor de behandeling; na de laatste kuur kijken we samen naar werk.",
        sharedWithEmployee: true,
        createdAt: daysAgo(3),
      },
    });
  }

  /**
   * Belgium: Lucas Lefèvre and Lotte Peeters (the owner, his manager) agreed
   * version 1 of his plan; nobody has made it ready to sign yet.
   */
  async function caseToSign() {
    const caseId = "demo-case-be-signing";
    const organizationId = "demo-org-be";
    const lotte = { side: "EMPLOYER" as const, userId: id("hr.be@demo.werkpad.test") };
    await db.case.create({
      data: {
        id: caseId,
        organizationId,
        kind: "OWN_HEALTH",
        country: "BE",
        status: "RETURNING",
        employeeId: id("employee2.be@demo.werkpad.test"),
        managerId: lotte.userId,
        physicianId: id("physician@demo.werkpad.test"),
        openedById: lotte.userId,
        startKind: "ABSENCE",
        startDate: daysAgo(90),
      },
    });
    const agreed = [
      await item(
        caseId,
        organizationId,
        "CAPACITY",
        {
          area: "dynamic",
          whatHelps: "Un chariot pour les rouleaux de papier.",
          whatIsHard: "Porter des charges lourdes, se pencher longtemps.",
        },
        lotte,
        "agreed",
      ),
      await item(
        caseId,
        organizationId,
        "ADJUSTMENT",
        {
          catalogueId: "A03",
          details: "Début entre 8 h et 9 h 30.",
          owner: "Lotte (RH)",
          startDate: isoDaysFromNow(3),
          reviewDate: isoDaysFromNow(31),
          stage: "planned",
        },
        lotte,
        "agreed",
      ),
      await item(
        caseId,
        organizationId,
        "SCHEDULE_PHASE",
        {
          startWeek: 1,
          hoursPerWeek: 16,
          days: ["mon", "tue", "thu"],
          tasksIncluded: "Contrôle qualité.",
        },
        lotte,
        "agreed",
      ),
      await item(
        caseId,
        organizationId,
        "SCHEDULE_PHASE",
        { startWeek: 4, hoursPerWeek: 24, days: ["mon", "tue", "wed", "thu"] },
        lotte,
        "agreed",
      ),
      await item(
        caseId,
        organizationId,
        "REVIEW",
        { date: isoDaysFromNow(28), note: "Bilan avec le médecin du travail." },
        lotte,
        "agreed",
      ),
    ];
    await firstVersion({ organizationId, caseId }, agreed, momentDaysAgo(2, "14:30"));
  }

  // The Netherlands: Eva Visser is returning; version 1 is agreed, version 2 is being discussed.
  const nl = { organizationId: "demo-org-nl", caseId: "demo-case-nl" };
  const eva = { side: "EMPLOYEE" as const, userId: id("employee@demo.werkpad.test") };
  const mark = { side: "EMPLOYER" as const, userId: id("manager@demo.werkpad.test") };
  await db.case.create({
    data: {
      id: nl.caseId,
      organizationId: nl.organizationId,
      kind: "OWN_HEALTH",
      country: "NL",
      status: "RETURNING",
      employeeId: eva.userId,
      managerId: mark.userId,
      physicianId: id("physician@demo.werkpad.test"),
      openedById: id("hr@demo.werkpad.test"),
      startKind: "ABSENCE",
      startDate: daysAgo(120),
    },
  });
  const agreedItems = [
    await item(
      nl.caseId,
      nl.organizationId,
      "CAPACITY",
      {
        area: "personal",
        effects: ["energy", "concentration-memory"],
        whatHelps: "Werken in de ochtend, korte pauzes, één taak tegelijk.",
        whatIsHard: "Lange vergaderingen en veel onderbrekingen.",
      },
      eva,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "ADJUSTMENT",
      {
        catalogueId: "A04",
        details: "Twee pauzes van een kwartier in de stilteruimte.",
        owner: "Mark (leidinggevende)",
        startDate: isoDaysFromNow(-14),
        reviewDate: isoDaysFromNow(28),
        stage: "in_place",
      },
      mark,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "ADJUSTMENT",
      {
        catalogueId: "B01",
        details: "Vaste plek aan het raam, koptelefoon met ruisonderdrukking.",
        owner: "Facilitair",
        startDate: isoDaysFromNow(-14),
        stage: "in_place",
      },
      eva,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "SCHEDULE_PHASE",
      {
        startWeek: 1,
        hoursPerWeek: 12,
        days: ["mon", "wed", "fri"],
        tasksIncluded: "Planning, eigen projecten",
        tasksExcluded: "Bouwplaatsbezoek",
      },
      mark,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "SCHEDULE_PHASE",
      {
        startWeek: 3,
        hoursPerWeek: 18,
        days: ["mon", "tue", "wed", "fri"],
      },
      mark,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "AGREEMENT",
      {
        topic: "contact",
        text: "Elke twee weken een kort gesprek op dinsdagochtend.",
        frequency: "Elke twee weken",
      },
      eva,
      "agreed",
    ),
    await item(
      nl.caseId,
      nl.organizationId,
      "REVIEW",
      { date: isoDaysFromNow(28), note: "Evaluatie met de bedrijfsarts erbij." },
      mark,
      "agreed",
    ),
  ];
  await firstVersion(nl, agreedItems, momentDaysAgo(14, "10:15"));
  // The physician advised, reviewed version 1 and keeps medical notes (one shared with Eva).
  const pieter = id("physician@demo.werkpad.test");
  await db.physicianAdvice.create({
    data: {
      ...nl,
      physicianId: pieter,
      capacities:
        "Kan 3 dagen per week 4 uur werken. Geen zware fysieke taken. Na 2 uur een pauze.",
      expectedDuration: "Ongeveer 3 maanden",
      advisedAdjustments: ["A01", "A04", "B01"],
      advisedSchedule: "Elke twee weken een paar uur erbij, als het goed gaat.",
      nextConsultation: daysAgo(-21),
      createdAt: momentDaysAgo(20, "09:40"),
    },
  });
  await db.planReview.create({
    data: {
      ...nl,
      versionNumber: 1,
      physicianId: pieter,
      outcome: "REVIEWED",
      remarks: "Het plan past bij mijn advies. Evalueren na vier weken.",
      createdAt: momentDaysAgo(12, "14:05"),
    },
  });
  await db.medicalNote.createMany({
    data: [
      {
        ...nl,
        physicianId: pieter,
        body: "Eigen aantekening voor het volgende spreekuur.",
        createdAt: momentDaysAgo(20, "09:40"),
      },
      {
        ...nl,
        physicianId: pieter,
        body: "Vermoeidheid neemt af; bouw rustig verder op. Bel gerust als het tegenvalt.",
        sharedWithEmployee: true,
        createdAt: momentDaysAgo(12, "14:05"),
      },
    ],
  });

  await item(
    nl.caseId,
    nl.organizationId,
    "SCHEDULE_PHASE",
    {
      startWeek: 5,
      hoursPerWeek: 24,
      days: ["mon", "tue", "wed", "thu"],
    },
    mark,
    "waiting",
  );
  await item(
    nl.caseId,
    nl.organizationId,
    "ADJUSTMENT",
    {
      catalogueId: "A06",
      details: "Donderdag thuis werken.",
      owner: "Mark (leidinggevende)",
      startDate: isoDaysFromNow(7),
      stage: "planned",
    },
    eva,
    "waiting",
  );

  // Belgium: Amélie Dubois cares for her partner; nothing is agreed yet.
  const be = { organizationId: "demo-org-be", caseId: "demo-case-be" };
  const amelie = { side: "EMPLOYEE" as const, userId: id("employee.be@demo.werkpad.test") };
  const jonas = { side: "EMPLOYER" as const, userId: id("manager.be@demo.werkpad.test") };
  await db.case.create({
    data: {
      id: be.caseId,
      organizationId: be.organizationId,
      kind: "CARER",
      country: "BE",
      status: "PREPARING",
      employeeId: amelie.userId,
      managerId: jonas.userId,
      physicianId: id("physician@demo.werkpad.test"),
      openedById: id("hr.be@demo.werkpad.test"),
      startKind: "DISCLOSURE",
      startDate: daysAgo(10),
    },
  });
  await item(
    be.caseId,
    be.organizationId,
    "ADJUSTMENT",
    {
      catalogueId: "J01",
      details: "Congé pour accompagner aux rendez-vous, à annoncer la veille.",
      owner: "Jonas (responsable)",
      startDate: isoDaysFromNow(0),
      stage: "planned",
    },
    jonas,
    "agreed",
  );
  await item(
    be.caseId,
    be.organizationId,
    "ADJUSTMENT",
    {
      catalogueId: "A03",
      details: "Début entre 7 h et 10 h.",
      owner: "Jonas (responsable)",
      startDate: isoDaysFromNow(7),
      stage: "planned",
    },
    jonas,
    "waiting",
  );
  await item(
    be.caseId,
    be.organizationId,
    "AGREEMENT",
    {
      topic: "contact",
      text: "Un appel chaque lundi.",
      frequency: "Chaque semaine",
    },
    jonas,
    { declined: "Je préfère un e-mail : les appels tombent souvent mal." },
  );
  await plannedConversation();
  await timelineMarks();
}
