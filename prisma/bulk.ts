/**
 * A large organisation, for the benchmark (scripts/bench.ts) and the tests of
 * pages that must stay fast however much an organisation holds: "Bulk BV"
 * (NL) with an HR member, managers, `cases` cases of every status with
 * varied names, and one case, `bulk-case-items`, whose plan holds
 * `planItems` items of every kind. Everything is fictional. Written with
 * createMany, the way the app would have written it (content through the
 * plan's own schemas and agreement rules), in one transaction: Bulk BV is
 * there completely or not at all.
 *
 * Idempotent: on a database that already holds Bulk BV with the same numbers
 * it changes nothing; with other numbers it fails and says so.
 *
 *   import { seedBulkOrganisation } from "../prisma/bulk.ts";
 *   await seedBulkOrganisation(db, { cases: 2000, planItems: 200 });
 */
import type { CaseStatus, Prisma } from "#app/generated/prisma/client.ts";
import { hashPassword } from "#app/modules/auth/password.server.ts";
import { generateToken, hashToken } from "#app/modules/auth/tokens.ts";
import type { Db } from "#app/modules/db.server.ts";
import {
  agree,
  decline,
  type ItemState,
  propose,
  type Side,
} from "#app/modules/plans/agreement.ts";
import { contentSchemas, itemHash, normaliseContent } from "#app/modules/plans/content.ts";
import {
  adjustmentStages,
  agreementTopics,
  capacityAreas,
  type ItemKind,
  itemKinds,
  weekdays,
} from "#app/modules/plans/kinds.ts";
import { planHash, type SnapshotItem, snapshotOf } from "#app/modules/plans/versions.ts";
import { demoPassword } from "./demo.ts";

export const bulkOrganization = {
  id: "bulk-org",
  name: "Bulk BV",
  country: "NL",
  language: "nl",
} as const;
/** Both sign in with the demo password (prisma/demo.ts). */
export const bulkHrEmail = "bulk-hr@demo.werkpad.test";
export const bulkManagerEmail = "bulk-manager@demo.werkpad.test";
/** The case whose plan holds the items. */
export const bulkItemsCaseId = "bulk-case-items";

/** Managers share the cases, ten at a time: the named manager has one in this many. */
const managerCount = 5;
/** One case in this many has no employee yet: its employee is invited by e-mail. */
const invitedEvery = 20;
/** The list's statuses in a realistic mix: most cases open, many closed. */
const statusCycle: CaseStatus[] = [
  "PREPARING",
  "ABSENT",
  "ABSENT",
  "RETURNING",
  "RETURNING",
  "RETURNING",
  "SUSTAINED",
  "CLOSED",
  "CLOSED",
  "CLOSED",
];
const firstNames = [
  "Anna Bram Chloé Daan Emma Finn Greet Hamza Iris Jesse Kübra Lars Maaike Noah Özlem Pieter",
  "Quinten Roos Sem Tessa Umut Vera Wouter Xander Yara Zoë Lieke Mohamed Sanne Thijs Élodie Jan",
]
  .join(" ")
  .split(" ");
const lastNames = [
  "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer",
  "de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit",
  "Dijkstra, Yılmaz, El Amrani, Kaya, Dubois, Peeters, Maes, Willems, Claes, Goossens, Wouters",
  "Öztürk",
]
  .join(", ")
  .split(", ");
const catalogueIds = ["A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03", "C01"];
const effects = ["energy", "workload", "concentration-memory", "appointments", "emotional-load"];

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const chunkSize = 1000;

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * day).toISOString().slice(0, 10);
}

/** The n-th person's name: every pairing differs for the first ~1,000, then they repeat, as names do. */
function nameOf(n: number): string {
  const first = firstNames[n % firstNames.length] ?? "Anna";
  const last = lastNames[Math.floor(n / firstNames.length) % lastNames.length] ?? "Jansen";
  return `${first} ${last}`;
}

const pad = (n: number) => String(n).padStart(5, "0");

/** Content of the n-th item of a kind, valid by the plan's own schema (which also fixes its shape). */
function contentOf(kind: ItemKind, n: number) {
  const raw: Record<ItemKind, object> = {
    CAPACITY: {
      area: capacityAreas[n % capacityAreas.length],
      effects: [effects[n % effects.length], effects[(n + 2) % effects.length]],
      whatHelps: `Rustig beginnen, korte pauzes (afspraak ${n + 1}).`,
      whatIsHard: n % 2 === 0 ? "Lange dagen zonder pauze." : undefined,
    },
    ADJUSTMENT: {
      catalogueId: catalogueIds[n % catalogueIds.length],
      details: `Afspraak ${n + 1}: in overleg met de leidinggevende.`,
      owner: "Ruben (leidinggevende)",
      startDate: isoDaysFromNow(-(n % 300)),
      reviewDate: isoDaysFromNow(30 + (n % 300)),
      stage: adjustmentStages[n % 2],
    },
    SCHEDULE_PHASE: {
      startWeek: (n % 104) + 1,
      hoursPerWeek: 8 + (n % 5) * 4,
      days: weekdays.filter((_, index) => index < 5 && (index + n) % 2 === 0),
      tasksIncluded: n % 3 === 0 ? "Eigen projecten, planning" : undefined,
    },
    AGREEMENT: {
      topic: agreementTopics[n % agreementTopics.length],
      text: `Afspraak ${n + 1}: elke week een kort gesprek, alleen als het uitkomt.`,
      frequency: "Elke week",
    },
    REVIEW: { date: isoDaysFromNow(7 + (n % 365)), note: `Evaluatie ${n + 1}.` },
  };
  return normaliseContent(contentSchemas[kind].parse(raw[kind]));
}

/** An item as the agreement rules leave it: agreed, waiting for one side, or declined. */
function stateOf(kind: ItemKind, content: object, n: number): ItemState {
  const by: Side = n % 10 === 2 ? "EMPLOYEE" : "EMPLOYER";
  let state = propose(by, itemHash(kind, content as never));
  const other: Side = by === "EMPLOYEE" ? "EMPLOYER" : "EMPLOYEE";
  const move =
    n % 10 === 3
      ? decline(state, other, "Liever anders: laten we het bespreken.")
      : n % 10 < 3
        ? null
        : agree(state, other);
  if (move?.ok) state = { ...state, ...move.value };
  return state;
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += chunkSize)
    await write(rows.slice(start, start + chunkSize));
}

export type BulkOrganisation = {
  organizationId: string;
  hrEmail: string;
  managerEmail: string;
  cases: number;
  planItems: number;
  itemsCaseId: string;
};

export async function seedBulkOrganisation(
  db: Db,
  { cases, planItems }: { cases: number; planItems: number },
): Promise<BulkOrganisation> {
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(planItems) || planItems < 0)
    throw new Error("seedBulkOrganisation needs at least 1 case and 0 or more plan items");
  const result: BulkOrganisation = {
    organizationId: bulkOrganization.id,
    hrEmail: bulkHrEmail,
    managerEmail: bulkManagerEmail,
    cases,
    planItems,
    itemsCaseId: bulkItemsCaseId,
  };
  const existing = await db.organization.findUnique({ where: { id: bulkOrganization.id } });
  if (existing) {
    const [hasCases, hasItems] = await Promise.all([
      db.case.count({ where: { organizationId: bulkOrganization.id } }),
      db.planItem.count({
        where: { organizationId: bulkOrganization.id, caseId: bulkItemsCaseId },
      }),
    ]);
    if (hasCases === cases && hasItems === planItems) return result;
    throw new Error(
      `Bulk BV is already in this database with ${hasCases} cases and ${hasItems} plan items; ` +
        `asked for ${cases} and ${planItems}. Seed a fresh database instead.`,
    );
  }

  const passwordHash = await hashPassword(demoPassword);
  const now = Date.now();
  await db.$transaction(
    async (tx) => {
      await tx.organization.create({ data: bulkOrganization });

      // People: HR, the managers, and an employee for each case that has one.
      const managers = Array.from({ length: managerCount }, (_, index) => ({
        id: `bulk-manager-${index + 1}`,
        email: index === 0 ? bulkManagerEmail : `bulk-manager-${index + 1}@demo.werkpad.test`,
        name: nameOf(7_000 + index * 37),
      }));
      const hr = { id: "bulk-hr", email: bulkHrEmail, name: "Ilse de Groot" };
      const caseNumbers = Array.from({ length: cases }, (_, n) => n);
      const invited = (n: number) => n % invitedEvery === invitedEvery - 1;
      const employees = caseNumbers
        .filter((n) => !invited(n))
        .map((n) => ({
          id: `bulk-employee-${pad(n)}`,
          email: `bulk-employee-${pad(n)}@demo.werkpad.test`,
          name: nameOf(n),
        }));
      const people = [hr, ...managers, ...employees];
      await inChunks(people, (chunk) =>
        tx.user.createMany({
          data: chunk.map((person) => ({
            ...person,
            language: "nl" as const,
            passwordHash,
            emailVerifiedAt: new Date(now),
          })),
        }),
      );
      const memberships = [
        { userId: hr.id, role: "HR" as const },
        ...managers.map((manager) => ({ userId: manager.id, role: "MANAGER" as const })),
        ...employees.map((employee) => ({ userId: employee.id, role: "EMPLOYEE" as const })),
      ];
      await inChunks(memberships, (chunk) =>
        tx.membership.createMany({
          data: chunk.map((row) => ({ ...row, organizationId: bulkOrganization.id })),
        }),
      );

      // Cases: newest change first, three at a time changed in the same moment (the list
      // orders those by id), spread over the statuses; case 0 holds the plan items.
      const caseRows: Prisma.CaseCreateManyInput[] = caseNumbers.map((n) => {
        const status = n === 0 ? "RETURNING" : (statusCycle[n % statusCycle.length] ?? "ABSENT");
        const updatedAt = new Date(now - Math.floor(n / 3) * hour);
        return {
          id: n === 0 ? bulkItemsCaseId : `bulk-case-${pad(n)}`,
          organizationId: bulkOrganization.id,
          kind: n % 6 === 5 ? "CARER" : "OWN_HEALTH",
          country: "NL",
          status,
          closedCategory: status === "CLOSED" ? "RETURNED_OWN_WORK" : null,
          closedReason: status === "CLOSED" ? "Drie maanden terug in het eigen werk." : null,
          employeeId: invited(n) ? null : `bulk-employee-${pad(n)}`,
          managerId: managers[Math.floor(n / 10) % managerCount]?.id ?? "bulk-manager-1",
          openedById: hr.id,
          startKind: "ABSENCE",
          startDate: new Date(
            `${new Date(updatedAt.getTime() - 60 * day).toISOString().slice(0, 10)}T00:00:00Z`,
          ),
          createdAt: new Date(updatedAt.getTime() - 30 * day),
          updatedAt,
        };
      });
      await inChunks(caseRows, (chunk) => tx.case.createMany({ data: chunk }));
      await inChunks(caseNumbers.filter(invited), (chunk) =>
        tx.invitation.createMany({
          data: chunk.map((n) => ({
            organizationId: bulkOrganization.id,
            email: `bulk-invited-${pad(n)}@demo.werkpad.test`,
            role: "EMPLOYEE" as const,
            tokenHash: hashToken(generateToken()),
            invitedById: hr.id,
            expiresAt: new Date(now + 14 * day),
            caseId: `bulk-case-${pad(n)}`,
          })),
        }),
      );

      // Every third case past preparing has an agreed version 1 of a one-item plan.
      const items: Prisma.PlanItemCreateManyInput[] = [];
      const versions: Prisma.PlanVersionCreateManyInput[] = [];
      for (const [n, row] of caseRows.entries()) {
        if (n === 0 || !row.employeeId || n % 3 !== 0 || row.status === "PREPARING") continue;
        const caseId = row.id ?? "";
        const content = contentOf("AGREEMENT", n);
        const hash = itemHash("AGREEMENT", content);
        const item = {
          id: `${caseId}-item`,
          organizationId: bulkOrganization.id,
          caseId,
          kind: "AGREEMENT" as const,
          content,
          contentHash: hash,
          proposedBySide: "EMPLOYER" as const,
          proposedById: row.managerId,
          employeeAgreedHash: hash,
          employerAgreedHash: hash,
        };
        items.push(item);
        const snapshot = snapshotOf([{ ...item }]);
        versions.push({
          organizationId: bulkOrganization.id,
          caseId,
          number: 1,
          contentHash: planHash(snapshot),
          snapshot,
          agreedAt: row.updatedAt,
        });
      }

      // The big plan: every kind, agreed, waiting for either side, or declined; version 1 holds what is agreed.
      const employeeSide = { side: "EMPLOYEE" as const, userId: "bulk-employee-00000" };
      const employerSide = { side: "EMPLOYER" as const, userId: "bulk-manager-1" };
      const agreedBig: SnapshotItem[] = [];
      for (let n = 0; n < planItems; n++) {
        const kind = itemKinds[n % itemKinds.length] ?? "AGREEMENT";
        // Each kind in every state: the n-th round of kinds takes the n-th state.
        const round = Math.floor(n / itemKinds.length);
        const content = contentOf(kind, round);
        const state = stateOf(kind, content, round);
        const id = `${bulkItemsCaseId}-${pad(n)}`;
        items.push({
          id,
          organizationId: bulkOrganization.id,
          caseId: bulkItemsCaseId,
          kind,
          content,
          proposedById: (state.proposedBySide === "EMPLOYEE" ? employeeSide : employerSide).userId,
          ...state,
          createdAt: new Date(now - (planItems - n) * 60_000),
        });
        if (
          state.employeeAgreedHash === state.contentHash &&
          state.employerAgreedHash === state.contentHash
        )
          agreedBig.push({ id, kind, content, proposedBySide: state.proposedBySide });
      }
      if (agreedBig.length > 0) {
        const snapshot = snapshotOf(agreedBig);
        versions.push({
          organizationId: bulkOrganization.id,
          caseId: bulkItemsCaseId,
          number: 1,
          contentHash: planHash(snapshot),
          snapshot,
          agreedAt: new Date(now - day),
        });
      }
      await inChunks(items, (chunk) => tx.planItem.createMany({ data: chunk }));
      await inChunks(versions, (chunk) => tx.planVersion.createMany({ data: chunk }));
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return result;
}
