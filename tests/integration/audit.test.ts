import { describe, expect, test } from "vitest";
import {
  recordAudit,
  recordAuditNow,
  redactAuditEvents,
  verifyChain,
} from "#app/modules/audit/audit.server.ts";
import { db } from "#app/modules/db.server.ts";
import { loader as auditLoader } from "#app/routes/audit.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { createTeam, testPassword } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

describe("the audit trail", () => {
  test("chains every event of an organisation to the one before", async () => {
    const { organization, owner } = await createTeam();
    for (const action of ["invitation.created", "invitation.revoked", "member.removed"] as const) {
      await recordAuditNow({
        organizationId: organization.id,
        actorId: owner.user.id,
        action,
        data: { role: "HR" },
      });
    }
    const events = await db.auditEvent.findMany({
      where: { chain: organization.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(await verifyChain(organization.id)).toEqual({ valid: true });
  });

  test("parallel events still form one unbroken chain", async () => {
    const { organization, owner } = await createTeam();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        recordAuditNow({
          organizationId: organization.id,
          actorId: owner.user.id,
          action: "invitation.created",
        }),
      ),
    );
    expect(await db.auditEvent.count({ where: { chain: organization.id } })).toBe(12);
    expect(await verifyChain(organization.id)).toEqual({ valid: true });
  });

  test("the database refuses to change or delete an event", async () => {
    const { organization } = await createTeam();
    await recordAuditNow({ organizationId: organization.id, action: "organization.created" });
    await expect(
      db.auditEvent.updateMany({ where: { chain: organization.id }, data: { action: "x" } }),
    ).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { chain: organization.id } })).rejects.toThrow();
  });

  test("an event changed behind the application's back is detected", async () => {
    const { organization } = await createTeam();
    for (let i = 0; i < 3; i++)
      await recordAuditNow({ organizationId: organization.id, action: "invitation.created" });
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
      );
      await tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'member.removed' WHERE "chain" = ${organization.id} AND "seq" = 2`;
      await tx.$executeRawUnsafe(
        `ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`,
      );
    });
    expect(await verifyChain(organization.id)).toEqual({ valid: false, seq: 2 });
  });

  test("an event reduced to a stub keeps the chain verifiable; a stub cannot be filled in again", async () => {
    const { organization, owner, hr } = await createTeam();
    for (const actor of [owner, hr, owner])
      await recordAuditNow({
        organizationId: organization.id,
        actorId: actor.user.id,
        action: "invitation.created",
        data: { role: "HR" },
        ipAddress: "192.0.2.7",
      });
    expect(
      await db.$transaction((tx) => redactAuditEvents(tx, { actorOrTarget: hr.user.id })),
    ).toBe(1);
    const events = await db.auditEvent.findMany({
      where: { chain: organization.id },
      orderBy: { seq: "asc" },
    });
    const stub = events[1];
    expect(stub).toMatchObject({
      actorId: null,
      data: null,
      ipAddress: null,
      action: "invitation.created",
    });
    expect(stub?.redactedAt).toBeInstanceOf(Date);
    expect(events[0]?.actorId).toBe(owner.user.id);
    expect(await verifyChain(organization.id)).toEqual({ valid: true });
    // The exception is only for emptying: the stub's hash, or its content, stays as it is.
    await expect(
      db.auditEvent.update({ where: { id: stub?.id }, data: { actorId: owner.user.id } }),
    ).rejects.toThrow();
    await expect(
      db.auditEvent.update({ where: { id: events[2]?.id }, data: { redactedAt: new Date() } }),
    ).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: stub?.id } })).rejects.toThrow();
  });

  test("a stub whose hash was changed behind the application's back breaks the chain", async () => {
    const { organization, hr } = await createTeam();
    for (let i = 0; i < 3; i++)
      await recordAuditNow({
        organizationId: organization.id,
        actorId: hr.user.id,
        action: "invitation.created",
      });
    await db.$transaction((tx) => redactAuditEvents(tx, { organizationId: organization.id }));
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
      );
      await tx.$executeRaw`UPDATE "AuditEvent" SET "hash" = repeat('a', 64) WHERE "chain" = ${organization.id} AND "seq" = 2`;
      await tx.$executeRawUnsafe(
        `ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`,
      );
    });
    expect(await verifyChain(organization.id)).toEqual({ valid: false, seq: 3 });
  });

  test("is written in the same transaction as the change: a rolled-back change leaves no event", async () => {
    const { organization } = await createTeam();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { organizationId: organization.id, action: "member.removed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { chain: organization.id } })).toBe(0);
  });

  test("records sign-ins with time, IP and browser, and shows them to HR of the person's organisation", async () => {
    const { hr, manager, organization } = await createTeam();
    await callRoute(
      signInAction,
      post("/signin", { email: manager.user.email, password: testPassword }),
      {},
      { ip: "192.0.2.44", userAgent: "Firefox test" },
    );
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.signed_in", targetId: manager.user.id },
    });
    expect(event).toMatchObject({
      chain: organization.id,
      actorId: manager.user.id,
      ipAddress: "192.0.2.44",
      userAgent: "Firefox test",
    });
    const page = await callRoute(auditLoader, get("/audit", { Cookie: hr.cookie }));
    const events = (page.data as { events: Array<{ action: string; who: string }>; chain: unknown })
      .events;
    expect(events).toContainEqual(
      expect.objectContaining({ action: "auth.signed_in", who: manager.user.name }),
    );
    expect((page.data as { chain: unknown }).chain).toEqual({ valid: true });
  });
});

test("a person in two organisations signs in to one: only that one's trail shows it", async () => {
  const first = await createTeam("First");
  const second = await createTeam("Second");
  await db.membership.create({
    data: {
      organizationId: second.organization.id,
      userId: first.physician.user.id,
      role: "PHYSICIAN",
    },
  });
  await callRoute(
    signInAction,
    post("/signin", { email: first.physician.user.email, password: testPassword }),
  );
  const signIns = (cookie: string) =>
    callRoute(auditLoader, get("/audit", { Cookie: cookie })).then((page) =>
      (page.data as { events: Array<{ action: string; who: string }> }).events.filter(
        (event) => event.action === "auth.signed_in" && event.who === first.physician.user.name,
      ),
    );
  expect(await signIns(first.hr.cookie)).toHaveLength(1);
  expect(await signIns(second.hr.cookie)).toHaveLength(0);
});
