/**
 * Adds Bulk BV (prisma/bulk.ts), a large organisation, to the database
 * DATABASE_URL names: `npm run db:seed:bulk -- --cases 2000 --plan-items 200`.
 * Sign in as bulk-hr@demo.werkpad.test with the demo password. The browser
 * tests add a small one (playwright.config.ts) to page through.
 */
import { parseArgs } from "node:util";
import { closeDb, db } from "#app/modules/db.server.ts";
import { envOrExit } from "#app/modules/env.server.ts";
import { seedBulkOrganisation } from "./bulk.ts";
import { demoPassword } from "./demo.ts";

envOrExit();
const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "2000" },
    "plan-items": { type: "string", default: "200" },
  },
});

try {
  const started = performance.now();
  const bulk = await seedBulkOrganisation(db, {
    cases: Number(values.cases),
    planItems: Number(values["plan-items"]),
  });
  console.log(
    `Bulk BV: ${bulk.cases} cases, ${bulk.planItems} plan items in /cases/${bulk.itemsCaseId} ` +
      `(${Math.round(performance.now() - started)} ms). Sign in as ${bulk.hrEmail} or ` +
      `${bulk.managerEmail}, password ${JSON.stringify(demoPassword)}.`,
  );
} finally {
  await closeDb();
}
