import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { tenantDb, tenantDelegates } from "#app/modules/tenant.server.ts";
import { createTeam } from "#tests/helpers/factories.ts";

describe("the tenant door", () => {
  test("scopes reads, counts, writes and transactions to one organisation", async () => {
    const a = await createTeam("A");
    const b = await createTeam("B");
    const tdb = tenantDb(a.organization.id);
    expect(await tdb.membership.count()).toBe(5);
    expect(await tdb.membership.findUnique({ where: { id: b.owner.membership.id } })).toBeNull();
    expect(await tdb.membership.findMany({ where: { userId: b.hr.user.id } })).toEqual([]);
    // An explicit other organisation in the filter is overridden, not obeyed.
    expect(await tdb.membership.count({ where: { organizationId: b.organization.id } })).toBe(5);
    expect(
      (await tdb.membership.updateMany({ where: { role: "HR" }, data: { role: "MANAGER" } })).count,
    ).toBe(1);
    expect(
      await db.membership.count({ where: { organizationId: b.organization.id, role: "HR" } }),
    ).toBe(1);
    expect(() =>
      tdb.membership.update({
        where: { id: a.hr.membership.id },
        data: { organizationId: b.organization.id },
      }),
    ).toThrow(/cannot move/);
    const created = await tdb.$transaction(async (tx) => {
      const invitation = await tx.invitation.create({
        data: {
          email: "x@example.com",
          role: "EMPLOYEE",
          tokenHash: "t-door",
          invitedById: a.owner.user.id,
          expiresAt: new Date(),
        } as never,
      });
      const others = await tx.membership.count();
      return { invitation, others };
    });
    expect(created.invitation.organizationId).toBe(a.organization.id);
    expect(created.others).toBe(5);
  });

  // Code must reach tenant tables through tenantDb(). The reviewed exceptions
  // look up by a person (their own memberships) or by a secret (an invitation link).
  const reviewed = new Set([
    "app/modules/auth/session.server.ts", // the session's own membership
    "app/modules/auth/accounts.server.ts", // the first organisation of the person signing in
    "app/modules/organizations/organizations.server.ts", // a person's own organisations
    "app/modules/organizations/invitations.server.ts", // an invitation found by its link's secret; joining
    "app/modules/audit/audit.server.ts", // the member list of the organisation whose trail is read
    "app/modules/plans/notify.server.ts", // due digests of every organisation, sent by the worker
    "app/modules/physician/physician.server.ts", // a physician's own cases, across their organisations
    "app/modules/tenant.server.ts",
  ]);

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });
  }

  test("no other code queries tenant tables on the plain client", () => {
    const tables = tenantDelegates.join("|");
    const onPlainClient = new RegExp(`\\bdb\\.(${tables})\\b`);
    // `tx` is scoped when it comes from tenantDb(…).$transaction, not from db.$transaction.
    const inPlainTransaction = new RegExp(
      `\\bdb\\.\\$transaction\\b[\\s\\S]*\\btx\\.(${tables})\\b`,
    );
    const offenders = sourceFiles("app")
      .filter((file) => !reviewed.has(file))
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        return onPlainClient.test(source) || inPlainTransaction.test(source);
      });
    expect(offenders).toEqual([]);
  });
});
