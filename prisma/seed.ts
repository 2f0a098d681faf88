/**
 * Demo data: `npm run db:seed`. Idempotent: running it again changes nothing.
 * Everything here is fictional. Later features extend it with their own records.
 */
import { hashPassword } from "#app/modules/auth/password.server.ts";
import { closeDb, db } from "#app/modules/db.server.ts";
import { envOrExit } from "#app/modules/env.server.ts";
import { seedCases } from "./seed-cases.ts";

envOrExit();

/** Every demo account signs in with this password (or with an e-mailed link). */
export const demoPassword = "tulips bloom on tuesday";

type Role = "OWNER" | "HR" | "MANAGER" | "EMPLOYEE" | "PHYSICIAN";
type Language = "nl" | "en" | "fr";

export const demoOrganizations = [
  { id: "demo-org-nl", name: "Bouwbedrijf De Linde B.V.", country: "NL", language: "nl" },
  { id: "demo-org-be", name: "Drukkerij Schelde BV", country: "BE", language: "nl" },
] as const;

export const demoPeople: Array<{
  email: string;
  name: string;
  language: Language;
  memberships: Array<{ organizationId: string; role: Role }>;
}> = [
  {
    email: "owner@demo.werkpad.test",
    name: "Sanne Bakker",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "OWNER" }],
  },
  {
    email: "hr@demo.werkpad.test",
    name: "Hanneke de Vries",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "HR" }],
  },
  {
    email: "manager@demo.werkpad.test",
    name: "Mark Jansen",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "MANAGER" }],
  },
  {
    email: "employee@demo.werkpad.test",
    name: "Eva Visser",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "EMPLOYEE" }],
  },
  {
    email: "physician@demo.werkpad.test",
    name: "Dr. Pieter Smit",
    language: "nl",
    memberships: [
      { organizationId: "demo-org-nl", role: "PHYSICIAN" },
      { organizationId: "demo-org-be", role: "PHYSICIAN" },
    ],
  },
  {
    email: "hr.be@demo.werkpad.test",
    name: "Lotte Peeters",
    language: "nl",
    memberships: [{ organizationId: "demo-org-be", role: "OWNER" }],
  },
  {
    email: "manager.be@demo.werkpad.test",
    name: "Jonas Claes",
    language: "nl",
    memberships: [{ organizationId: "demo-org-be", role: "MANAGER" }],
  },
  {
    email: "employee.be@demo.werkpad.test",
    name: "Amélie Dubois",
    language: "fr",
    memberships: [{ organizationId: "demo-org-be", role: "EMPLOYEE" }],
  },
];

async function seed() {
  for (const organization of demoOrganizations) {
    await db.organization.upsert({
      where: { id: organization.id },
      update: {},
      create: organization,
    });
  }
  const passwordHash = await hashPassword(demoPassword);
  const userIds = new Map<string, string>();
  for (const person of demoPeople) {
    const user = await db.user.upsert({
      where: { email: person.email },
      update: {},
      create: {
        email: person.email,
        name: person.name,
        language: person.language,
        passwordHash,
        emailVerifiedAt: new Date(),
      },
    });
    userIds.set(person.email, user.id);
    for (const { organizationId, role } of person.memberships) {
      await db.membership.upsert({
        where: { organizationId_userId: { organizationId, userId: user.id } },
        update: {},
        create: { organizationId, userId: user.id, role },
      });
    }
  }

  await seedCases(db, userIds);

  const names = new Map<string, string>(demoOrganizations.map((o) => [o.id, o.name]));
  console.log("\n  Demo sign-in (every account), password:", JSON.stringify(demoPassword));
  for (const person of demoPeople) {
    const where = person.memberships.map(
      (m) => `${m.role.toLowerCase()} at ${names.get(m.organizationId)}`,
    );
    console.log(`    ${person.email.padEnd(32)} ${person.name}, ${where.join(" and ")}`);
  }
  console.log(
    "  Cases: a Dutch return with an agreed plan being changed, a Belgian carer case being negotiated.",
  );
  console.log("  E-mails the demo sends are readable at /dev/outbox.\n");
}

try {
  await seed();
} finally {
  await closeDb();
}
