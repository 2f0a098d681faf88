import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { db, type Tx } from "#app/modules/db.server.ts";
import {
  lockFor,
  tenantDb,
  tenantDelegates,
  withinOrganization,
} from "#app/modules/tenant.server.ts";
import { createTeam } from "#tests/helpers/factories.ts";

// The types keep the door shut too: see tests/types/tenant-door.ts (checked by npm run typecheck).
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

  // Code must reach tenant tables through tenantDb(). The deliberate reads
  // across organisations (a person's own memberships, an invitation found by
  // its link's secret, a physician's cases, due digests) live in one file.
  const reviewed = new Set([
    "app/modules/cross-organization.server.ts",
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

  test("raw SQL cannot be run through the door, which cannot scope it; locks still work", async () => {
    const a = await createTeam("Raw A");
    const tdb = tenantDb(a.organization.id);
    expect(() => (tdb as unknown as Tx).$queryRaw).toThrow(/not scoped/);
    await tdb.$transaction(async (tx) => {
      expect(() => (tx as unknown as Tx).$executeRaw).toThrow(/not scoped/);
      await lockFor(tx, "tenant-door-test");
    });
  });

  test("a plain transaction scoped after the fact writes and reads in its organisation only", async () => {
    const a = await createTeam("Within A");
    const b = await createTeam("Within B");
    const counted = await db.$transaction(async (tx) => {
      const scoped = withinOrganization(tx, a.organization.id);
      expect(scoped.organizationId).toBe(a.organization.id);
      return scoped.membership.count({ where: { organizationId: b.organization.id } });
    });
    expect(counted).toBe(5);
  });

  test("the database refuses a row that points at another organisation's case", async () => {
    const a = await createTeam("Key A");
    const b = await createTeam("Key B");
    const bCase = await db.case.create({
      data: {
        organizationId: b.organization.id,
        kind: "OWN_HEALTH",
        country: "NL",
        employeeId: b.employee.user.id,
        managerId: b.manager.user.id,
        openedById: b.hr.user.id,
      },
    });
    await expect(
      db.privateNote.create({
        data: {
          organizationId: a.organization.id,
          caseId: bCase.id,
          authorId: a.employee.user.id,
          body: "pointing across",
        },
      }),
    ).rejects.toThrow();
    expect(await db.privateNote.count({ where: { caseId: bCase.id } })).toBe(0);
  });
});
