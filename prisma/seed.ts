/**
 * Demo data: `npm run db:seed`. Idempotent: running it again changes nothing.
 * Everything here is fictional. Later features extend it with their own records.
 */
import { hashPassword } from "#app/modules/auth/password.server.ts";
import { closeDb, db } from "#app/modules/db.server.ts";
import { envOrExit } from "#app/modules/env.server.ts";
import { demoOrganizations, demoPassword, demoPeople } from "./demo.ts";
import { seedCases } from "./seed-cases.ts";
import { seedInsights } from "./seed-insights.ts";
import { seedProblems } from "./seed-problems.ts";

envOrExit();

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
  await seedInsights(db);
  await seedProblems(db);

  const names = new Map<string, string>(demoOrganizations.map((o) => [o.id, o.name]));
  console.log("\n  Demo sign-in (every account), password:", JSON.stringify(demoPassword));
  for (const person of demoPeople) {
    const where = person.memberships.map(
      (m) => `${m.role.toLowerCase()} at ${names.get(m.organizationId)}`,
    );
    console.log(`    ${person.email.padEnd(32)} ${person.name}, ${where.join(" and ")}`);
  }
  console.log(
    "  Cases: a Dutch return with an agreed plan being changed (and a conversation planned),\n" +
      "  a Dutch HR colleague's own case (she is its employee), a Belgian carer case being\n" +
      "  negotiated, and a Belgian plan agreed and ready to be signed (Lucas Lefèvre and Lotte Peeters).",
  );
  console.log(
    "  Insights (/insights, HR and owner of De Linde): 46 earlier cases over this year and\n" +
      '  the two before, in departments; a small one shows "Too few to show".',
  );
  console.log("  E-mails the demo sends are readable at /dev/outbox.\n");
}

try {
  await seed();
} finally {
  await closeDb();
}
