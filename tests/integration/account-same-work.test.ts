process.env.RESEND_API_KEY = "re_test";

import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { action as forgotAction } from "#app/routes/forgot-password.tsx";
import { action as requestLinkAction } from "#app/routes/signin.link.tsx";
import { action as signUpAction } from "#app/routes/signup.tsx";
import { action as verifyAction } from "#app/routes/verify-email.tsx";
import { inbox } from "#tests/helpers/email.ts";
import { createUser, signUpForm } from "#tests/helpers/factories.ts";
import { callRoute, post } from "#tests/helpers/route-args.ts";

/**
 * Existing and unknown addresses must not answer at different speeds (issue 8,
 * section 5). Not a timing test: the request path must do the same work
 * whatever the address, so every table is compared before and after each
 * request, and the writes must be the same. The job queued by the request
 * looks the address up later. (scripts/account-timing.ts measures the speed.)
 */
type Changes = Record<string, { added: number; removed: number }>;

async function snapshot(): Promise<Map<string, string[]>> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  const rows = new Map<string, string[]>();
  for (const { name } of tables) {
    const found = await db.$queryRawUnsafe<Array<{ row: string }>>(
      `SELECT to_jsonb(t)::text AS row FROM "${name.replaceAll('"', '""')}" t`,
    );
    rows.set(name, found.map(({ row }) => row).sort());
  }
  return rows;
}

/** Rows added and removed per table (an update is one of each); unchanged tables are left out. */
function difference(before: Map<string, string[]>, after: Map<string, string[]>): Changes {
  const changes: Changes = {};
  for (const [table, rows] of after) {
    const old = [...(before.get(table) ?? [])];
    let added = 0;
    for (const row of rows) {
      const index = old.indexOf(row);
      if (index === -1) added += 1;
      else old.splice(index, 1);
    }
    if (added > 0 || old.length > 0) changes[table] = { added, removed: old.length };
  }
  return changes;
}

let request = 0;
/** What a request wrote: its own IP address, so that no rate-limit window is shared. */
async function writesOf(send: (ip: string) => Promise<unknown>) {
  request += 1;
  const before = await snapshot();
  await send(`198.51.100.${request}`);
  const after = await snapshot();
  const jobs = await db.job.findMany({ orderBy: { createdAt: "desc" }, take: 1 });
  return { changes: difference(before, after), job: jobs[0]?.kind };
}

const flows = {
  "forgot-password": (email: string, ip: string) =>
    callRoute(forgotAction, post("/forgot-password", { email }), {}, { ip }),
  "sign-in link": (email: string, ip: string) =>
    callRoute(requestLinkAction, post("/signin/link", { email }), {}, { ip }),
  "a new verification code": (email: string, ip: string) =>
    callRoute(verifyAction, post("/verify-email", { intent: "resend", email }), {}, { ip }),
  "sign-up": (email: string, ip: string) =>
    callRoute(signUpAction, post("/signup", signUpForm(email)), {}, { ip }),
};

describe("an address with an account and one without get the same work on the request", () => {
  test.each(Object.entries(flows))("%s", async (_flow, send) => {
    const existing = await createUser({ verified: false });
    const unknown = `nobody-${crypto.randomUUID()}@example.com`;

    const forExisting = await writesOf((ip) => send(existing.email, ip));
    const forUnknown = await writesOf((ip) => send(unknown, ip));

    expect(forExisting).toEqual(forUnknown);
    // Two rate-limit windows counted (the address, the IP) and one job queued; nothing else.
    expect(forExisting.changes).toEqual({
      RateLimitBucket: { added: 2, removed: 0 },
      Job: { added: 1, removed: 0 },
    });
  });

  test("the job then e-mails the address with an account, and nobody else", async () => {
    const existing = await createUser();
    const unknown = `nobody-${crypto.randomUUID()}@example.com`;
    await flows["forgot-password"](existing.email, "198.51.100.200");
    await flows["forgot-password"](unknown, "198.51.100.201");

    const email = await inbox(existing.email);
    expect(email.text).toContain("/reset-password?token=");
    expect(await db.outboxMessage.count({ where: { to: unknown } })).toBe(0);
    expect(await db.job.count({ where: { status: { not: "DONE" } } })).toBe(0);
  });
});
