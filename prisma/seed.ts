/**
 * Demo data: `npm run db:seed`. Idempotent: running it again changes nothing.
 * Everything here is fictional. Later features extend it with their own demo records.
 */
import { closeDb, db } from "#app/modules/db.server.ts";
import { envOrExit } from "#app/modules/env.server.ts";

envOrExit();

export const demo = {
  organization: {
    id: "demo-org-nl",
    name: "Bouwbedrijf De Linde B.V.",
    country: "NL",
    language: "nl",
  },
  users: [{ email: "hr@demo.werkpad.test", name: "Hanneke de Vries", role: "HR", language: "nl" }],
} as const;

async function seed() {
  const { organization } = demo;
  await db.organization.upsert({
    where: { id: organization.id },
    update: {},
    create: organization,
  });
  for (const person of demo.users) {
    const user = await db.user.upsert({
      where: { email: person.email },
      update: {},
      create: { email: person.email, name: person.name, language: person.language },
    });
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
      update: {},
      create: { organizationId: organization.id, userId: user.id, role: person.role },
    });
  }
  console.log(`\n  Demo organisation: ${organization.name} (${organization.country})`);
  for (const person of demo.users) {
    console.log(`  Demo ${person.role.toLowerCase()}: ${person.name} <${person.email}>`);
  }
  console.log("  (Signing in arrives with accounts; see the README.)\n");
}

try {
  await seed();
} finally {
  await closeDb();
}
