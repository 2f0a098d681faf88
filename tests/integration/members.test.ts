import { describe, expect, test } from "vitest";
import { db } from "#app/modules/db.server.ts";
import { loader as appLoader } from "#app/routes/app.tsx";
import {
  action as memberAction,
  loader as memberLoader,
} from "#app/routes/members.$membershipId.tsx";
import { action as switchAction } from "#app/routes/organizations.tsx";
import { createMember, createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post } from "#tests/helpers/route-args.ts";

function changeRole(cookie: string, membershipId: string, role: string) {
  return callRoute(
    memberAction,
    post(`/members/${membershipId}`, { intent: "change-role", role }, { Cookie: cookie }),
    {
      membershipId,
    },
  );
}

function remove(cookie: string, membershipId: string) {
  return callRoute(
    memberAction,
    post(`/members/${membershipId}`, { intent: "remove" }, { Cookie: cookie }),
    {
      membershipId,
    },
  );
}

describe("roles and removals", () => {
  test("an owner changes a role, and it is recorded in the audit trail", async () => {
    const { owner, employee } = await createTeam();
    const answer = await changeRole(owner.cookie, employee.membership.id, "MANAGER");
    expect(answer.location).toBe(`/members/${employee.membership.id}`);
    expect(
      await db.membership.findUniqueOrThrow({ where: { id: employee.membership.id } }),
    ).toMatchObject({ role: "MANAGER" });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "member.role_changed" },
    });
    expect(event).toMatchObject({
      actorId: owner.user.id,
      targetId: employee.membership.id,
      data: { from: "EMPLOYEE", to: "MANAGER" },
    });
  });

  test("HR may look but not change roles or remove people", async () => {
    const { hr, employee } = await createTeam();
    expect(
      (
        await callRoute(
          memberLoader,
          get(`/members/${employee.membership.id}`, { Cookie: hr.cookie }),
          { membershipId: employee.membership.id },
        )
      ).data,
    ).toMatchObject({
      assignable: [],
      mayRemove: false,
    });
    expect((await changeRole(hr.cookie, employee.membership.id, "OWNER")).status).toBe(403);
    expect((await remove(hr.cookie, employee.membership.id)).status).toBe(403);
    expect(
      await db.membership.findUniqueOrThrow({ where: { id: employee.membership.id } }),
    ).toMatchObject({ role: "EMPLOYEE" });
  });

  test("the last owner can be neither demoted nor removed; with two owners one may go", async () => {
    const { owner, organization } = await createTeam();
    expect(
      JSON.stringify((await changeRole(owner.cookie, owner.membership.id, "HR")).data),
    ).toContain("auth:members.lastOwner");
    expect(JSON.stringify((await remove(owner.cookie, owner.membership.id)).data)).toContain(
      "auth:members.lastOwner",
    );
    const second = await createMember(organization.id, "OWNER");
    expect((await remove(owner.cookie, second.membership.id)).location).toBe("/members");
    expect(
      await db.membership.count({ where: { organizationId: organization.id, role: "OWNER" } }),
    ).toBe(1);
  });

  test("two owners demoting each other at the same moment still leave one owner", async () => {
    const { owner, organization } = await createTeam();
    const second = await createMember(organization.id, "OWNER");
    await Promise.all([
      changeRole(owner.cookie, second.membership.id, "HR"),
      changeRole(second.cookie, owner.membership.id, "HR"),
    ]);
    expect(
      await db.membership.count({ where: { organizationId: organization.id, role: "OWNER" } }),
    ).toBe(1);
  });

  test("a removed member loses access at once", async () => {
    const { owner, manager } = await createTeam();
    expect((await callRoute(appLoader, get("/app", { Cookie: manager.cookie }))).status).toBe(200);
    await remove(owner.cookie, manager.membership.id);
    expect((await callRoute(appLoader, get("/app", { Cookie: manager.cookie }))).location).toBe(
      "/organizations",
    );
  });
});

describe("people in several organisations", () => {
  test("switch the organisation they work in, only to one they belong to", async () => {
    const first = await createTeam("First");
    const second = await createTeam("Second");
    const { physician } = first;
    await db.membership.create({
      data: {
        organizationId: second.organization.id,
        userId: physician.user.id,
        role: "PHYSICIAN",
      },
    });
    const switched = await callRoute(
      switchAction,
      post(
        "/organizations",
        { organizationId: second.organization.id },
        { Cookie: physician.cookie },
      ),
    );
    expect(switched.location).toBe("/app");
    expect(
      (await callRoute(appLoader, get("/app", { Cookie: physician.cookie }))).data,
    ).toMatchObject({
      organizationName: "Second",
    });
    const third = await createTeam("Third");
    const refused = await callRoute(
      switchAction,
      post(
        "/organizations",
        { organizationId: third.organization.id },
        { Cookie: physician.cookie },
      ),
    );
    expect(refused.status).toBe(404);
  });
});
