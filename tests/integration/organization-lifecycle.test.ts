import { beforeEach, describe, expect, test } from "vitest";
import { remindSigners } from "#app/modules/agreements/agreements.server.ts";
import { accountChain, verifyChain } from "#app/modules/audit/audit.server.ts";
import { remindTrialEnding } from "#app/modules/billing/recurring.server.ts";
import * as simulator from "#app/modules/billing/simulator.server.ts";
import { stripe } from "#app/modules/billing/stripe.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { parseErrorMessage } from "#app/modules/error-messages.ts";
import { formatMomentDate } from "#app/modules/i18n/dates.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";
import { deleteDueOrganizations } from "#app/modules/organizations/deletion.server.ts";
import { sendReminders } from "#app/modules/reminders/reminders.server.ts";
import { tenantDelegates } from "#app/modules/tenant.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as appLoader } from "#app/routes/app.tsx";
import { action as billingAction } from "#app/routes/billing.tsx";
import { loader as planLoader } from "#app/routes/cases.$caseId.tsx";
import {
  action as memberAction,
  loader as memberLoader,
} from "#app/routes/members.$membershipId.tsx";
import { action as membersAction } from "#app/routes/members.tsx";
import {
  action as organizationAction,
  loader as organizationLoader,
} from "#app/routes/organization.tsx";
import { agreedCaseTeam, liveAgreement, prepareAs } from "#tests/helpers/agreements.ts";
import { createCaseTeam, proposeAs } from "#tests/helpers/cases.ts";
import { runJobsUntilIdle } from "#tests/helpers/email.ts";
import { createMember, createTeam } from "#tests/helpers/factories.ts";
import {
  downloadExport,
  organizationWithEverything,
  tenantRowCounts,
} from "#tests/helpers/organizations.ts";
import { callRoute, get, post, toastOf } from "#tests/helpers/route-args.ts";
import { mockServer } from "#tests/mocks/server.ts";
import { stripeHandlers } from "#tests/mocks/stripe.ts";

// No Stripe key: the SDK talks to the development simulator, whose webhooks reach the app's route.
beforeEach(() => mockServer.use(...stripeHandlers()));

const dayMs = 86_400_000;

function onOrganization(cookie: string, fields: Record<string, string>) {
  return callRoute(organizationAction, post("/organization", fields, { Cookie: cookie }));
}

const transfer = (cookie: string, newOwner: string, ownRole = "HR") =>
  onOrganization(cookie, { intent: "transfer", newOwner, ownRole, confirm: "on" });

async function roleOf(membershipId: string) {
  return (await db.membership.findUniqueOrThrow({ where: { id: membershipId } })).role;
}

async function ownerCount(organizationId: string) {
  return db.membership.count({ where: { organizationId, role: "OWNER" } });
}

/** The `organization` e-mails waiting in the queue for an organisation (payloads are kept until sent). */
async function organizationEmails(organizationId: string | null) {
  const jobs = await db.job.findMany({ where: { kind: "email", organizationId } });
  return jobs
    .map((job) => job.payload as { template: string; to: string; props: { event: string } } | null)
    .filter((payload) => payload?.template === "organization")
    .map((payload) => ({ to: payload?.to, event: payload?.props.event }));
}

const errorsOf = (answer: { data: unknown }) => JSON.stringify(answer.data);

describe("handing ownership over", () => {
  test("an owner makes a member owner and becomes HR in one step: audited, and the new owner is e-mailed", async () => {
    const { organization, owner, manager } = await createTeam();
    const answer = await transfer(owner.cookie, manager.membership.id, "HR");
    expect(answer.location).toBe("/members");
    expect(toastOf(answer)).toMatchObject({
      kind: "success",
      message: "organization:transfer.doneHR",
      values: { name: manager.user.name },
    });
    expect(await roleOf(manager.membership.id)).toBe("OWNER");
    expect(await roleOf(owner.membership.id)).toBe("HR");
    expect(await ownerCount(organization.id)).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: organization.id, action: "ownership.transferred" },
    });
    expect(event).toMatchObject({
      actorId: owner.user.id,
      targetId: manager.membership.id,
      data: { toUserId: manager.user.id, theirRoleBefore: "MANAGER", ownRoleAfter: "HR" },
    });
    expect(await organizationEmails(organization.id)).toEqual([
      { to: manager.user.email, event: "ownership-received" },
    ]);
    // The former owner's page is closed to them now; the new owner's is open.
    expect(
      (await callRoute(organizationLoader, get("/organization", { Cookie: owner.cookie }))).status,
    ).toBe(403);
    expect(
      (await callRoute(organizationLoader, get("/organization", { Cookie: manager.cookie })))
        .status,
    ).toBe(200);
  });

  test("the owner's page offers only members who may become owner", async () => {
    const { owner, hr, manager, employee, physician, organization } = await createTeam();
    const second = await createMember(organization.id, "OWNER");
    const page = await callRoute(
      organizationLoader,
      get("/organization", { Cookie: owner.cookie }),
    );
    const ids = (page.data as { candidates: Array<{ id: string }> }).candidates.map(({ id }) => id);
    expect(ids.sort()).toEqual(
      [hr.membership.id, manager.membership.id, employee.membership.id].sort(),
    );
    expect(ids).not.toContain(physician.membership.id);
    expect(ids).not.toContain(second.membership.id);
  });

  test("refused without the ticked confirmation, to oneself, an owner, a physician, another organisation's member, or as a role it does not offer", async () => {
    const { organization, owner, employee, physician } = await createTeam();
    const other = await createTeam();
    const second = await createMember(organization.id, "OWNER");
    const attempts: Array<[Record<string, string>, string]> = [
      [
        { intent: "transfer", newOwner: employee.membership.id, ownRole: "HR" },
        "organization:transfer.confirmRequired",
      ],
      [
        {
          intent: "transfer",
          newOwner: employee.membership.id,
          ownRole: "PHYSICIAN",
          confirm: "on",
        },
        "validation.choose",
      ],
      [
        { intent: "transfer", newOwner: employee.membership.id, ownRole: "OWNER", confirm: "on" },
        "validation.choose",
      ],
      [
        { intent: "transfer", newOwner: owner.membership.id, ownRole: "HR", confirm: "on" },
        "organization:transfer.notYourself",
      ],
      [
        { intent: "transfer", newOwner: second.membership.id, ownRole: "HR", confirm: "on" },
        "organization:transfer.alreadyOwner",
      ],
      [
        { intent: "transfer", newOwner: physician.membership.id, ownRole: "HR", confirm: "on" },
        "organization:transfer.notPhysician",
      ],
      [
        {
          intent: "transfer",
          newOwner: other.employee.membership.id,
          ownRole: "HR",
          confirm: "on",
        },
        "organization:transfer.chooseMember",
      ],
    ];
    for (const [fields, message] of attempts) {
      const answer = await onOrganization(owner.cookie, fields);
      expect(answer.status).toBe(200);
      expect(errorsOf(answer)).toContain(message);
    }
    expect(await roleOf(owner.membership.id)).toBe("OWNER");
    expect(await roleOf(employee.membership.id)).toBe("EMPLOYEE");
    expect(await roleOf(other.employee.membership.id)).toBe("EMPLOYEE");
    expect(await ownerCount(organization.id)).toBe(2);
    expect(
      await db.auditEvent.count({
        where: { organizationId: organization.id, action: "ownership.transferred" },
      }),
    ).toBe(0);
  });

  test("only owners hand over: HR and managers get 403 and change nothing", async () => {
    const { hr, manager, employee } = await createTeam();
    for (const person of [hr, manager, employee]) {
      expect((await transfer(person.cookie, employee.membership.id)).status).toBe(403);
      expect(
        (await callRoute(organizationLoader, get("/organization", { Cookie: person.cookie })))
          .status,
      ).toBe(403);
    }
    expect(await roleOf(employee.membership.id)).toBe("EMPLOYEE");
  });

  test("handing over twice at once (a double click) leaves exactly one new owner", async () => {
    const { organization, owner, manager, employee } = await createTeam();
    const answers = await Promise.all([
      transfer(owner.cookie, manager.membership.id),
      transfer(owner.cookie, employee.membership.id),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([302, 403]);
    expect(await ownerCount(organization.id)).toBe(1);
    expect(await roleOf(owner.membership.id)).toBe("HR");
  });
});

describe("deleting an organisation", () => {
  test("export, schedule, read-only, cancel, schedule again, and after 30 days every tenant row of it is gone and nothing of another", async () => {
    const doomed = await organizationWithEverything("Doomed BV", { billingRows: false });
    const survivor = await organizationWithEverything("Survivor BV");
    const organizationId = doomed.organization.id;
    const owner = { Cookie: doomed.owner.cookie };

    // A live subscription, paid through the Stripe simulator.
    const checkout = await callRoute(
      billingAction,
      post("/billing", { intent: "subscribe", interval: "month" }, owner),
    );
    const paid = await simulator.completeCheckout(checkout.location?.split("/").pop() ?? "", {
      outcome: "pay",
      vatId: "NL123456789B01",
    });
    expect(paid.ok).toBe(true);
    await runJobsUntilIdle();
    const subscription = await db.subscription.findUniqueOrThrow({ where: { organizationId } });
    expect(subscription.status).toBe("active");

    // No export yet: refused, whatever is typed.
    const schedule = (cookie: string, confirmName = "Doomed BV") =>
      onOrganization(cookie, { intent: "schedule-deletion", confirmName });
    const withoutExport = await schedule(doomed.owner.cookie);
    expect(errorsOf(withoutExport)).toContain("organization:deletion.exportNeeded");

    // HR and the manager may neither export nor schedule.
    for (const person of [doomed.hr, doomed.manager]) {
      expect((await downloadExport(person.cookie)).response.status).toBe(403);
      expect((await schedule(person.cookie)).status).toBe(403);
    }

    // The owner downloads the export.
    const exported = await downloadExport(doomed.owner.cookie);
    expect(exported.response.status).toBe(200);
    expect(exported.response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="werkpad-doomed-bv-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(Object.keys(exported.files).sort()).toEqual(
      [
        "organization.json",
        "members.json",
        "cases.json",
        "plan-versions.json",
        "agreements.json",
        `agreements/${doomed.caseId}/version-1-${doomed.sealed.id}.pdf`,
      ].sort(),
    );
    const pdf = exported.files[`agreements/${doomed.caseId}/version-1-${doomed.sealed.id}.pdf`];
    expect(Buffer.from(pdf ?? []).equals(Buffer.from(doomed.sealed.sealed ?? []))).toBe(true);
    expect(exported.json("members.json").map((m: { email: string }) => m.email)).toContain(
      doomed.employee.user.email,
    );
    expect(exported.json("cases.json")[0]).toMatchObject({
      id: doomed.caseId,
      manager: { id: doomed.manager.user.id },
      absences: [{ startsOn: "2026-11-02T00:00:00.000Z", endsOn: null }],
    });
    expect(exported.json("plan-versions.json")).toHaveLength(1);
    expect(exported.json("agreements.json")[0]).toMatchObject({
      id: doomed.sealed.id,
      status: "SEALED",
      signatures: [
        { side: "EMPLOYEE", signerName: doomed.employee.user.name },
        { side: "EMPLOYER", signerName: doomed.manager.user.name },
      ],
    });
    const everything = Object.keys(exported.files)
      .filter((name) => name.endsWith(".json"))
      .map(exported.text)
      .join("\n");
    // Nothing that belongs to the employee or the physician, and nothing of another organisation.
    expect(everything).not.toContain(doomed.canary);
    expect(everything).not.toContain("Survivor BV");
    expect(everything).not.toContain(survivor.employee.user.email);
    expect(everything).not.toContain("ipAddress");
    expect(
      await db.auditEvent.count({ where: { organizationId, action: "organization.exported" } }),
    ).toBe(1);

    // The typed name must be the organisation's.
    expect(errorsOf(await schedule(doomed.owner.cookie, "Doomed"))).toContain(
      "organization:deletion.wrongName",
    );
    expect(errorsOf(await schedule(doomed.owner.cookie, "Survivor BV"))).toContain(
      "organization:deletion.wrongName",
    );
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: organizationId } })).deletionDueAt,
    ).toBeNull();

    // Scheduled: 30 days of grace, owners and HR told, invitations withdrawn.
    const before = Date.now();
    const scheduled = await schedule(doomed.owner.cookie, "  Doomed BV ");
    expect(scheduled.location).toBe("/organization");
    const { deletionDueAt } = await db.organization.findUniqueOrThrow({
      where: { id: organizationId },
    });
    expect(deletionDueAt?.getTime()).toBeGreaterThanOrEqual(before + 30 * dayMs);
    expect(deletionDueAt?.getTime()).toBeLessThanOrEqual(Date.now() + 30 * dayMs);
    expect(await organizationEmails(organizationId)).toEqual(
      expect.arrayContaining([
        { to: doomed.owner.user.email, event: "deletion-scheduled" },
        { to: doomed.hr.user.email, event: "deletion-scheduled" },
      ]),
    );
    expect(
      await db.invitation.count({ where: { organizationId, revokedAt: null, acceptedAt: null } }),
    ).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { organizationId, action: "organization.deletion_requested" },
      }),
    ).toBe(1);

    // Read-only for everyone: reading works, every change is refused with 423.
    const plan = await callRoute(
      planLoader,
      get(`/cases/${doomed.caseId}`, { Cookie: doomed.employee.cookie }),
      { caseId: doomed.caseId },
    );
    expect(plan.status).toBe(200);
    const root = await callRoute(rootLoader, get("/", { Cookie: doomed.employee.cookie }));
    // Every page's banner says when the data goes; only owners get the way to cancel.
    const banner = (root.data as { account: { deletion: { text: string; cancel: null } } }).account
      .deletion;
    expect(banner.cancel).toBe(null);
    expect(banner.text).toContain(formatMomentDate("nl", deletionDueAt ?? new Date()));
    const proposal = await proposeAs(doomed.manager.cookie, doomed.caseId, "REVIEW", {
      date: isoDay(50),
    });
    expect(proposal.status).toBe(423);
    const invite = await callRoute(
      membersAction,
      post(
        "/members",
        { email: "late@example.com", role: "EMPLOYEE" },
        { Cookie: doomed.hr.cookie },
      ),
    );
    expect(invite.status).toBe(423);
    expect((await transfer(doomed.owner.cookie, doomed.manager.membership.id)).status).toBe(423);
    expect((await schedule(doomed.owner.cookie)).status).toBe(423);
    // Another organisation works as usual.
    expect(
      (await proposeAs(survivor.manager.cookie, survivor.caseId, "REVIEW", { date: isoDay(50) }))
        .status,
    ).toBe(302);

    // Only an owner cancels; then everyone works again.
    expect((await onOrganization(doomed.hr.cookie, { intent: "cancel-deletion" })).status).toBe(
      403,
    );
    const cancelled = await onOrganization(doomed.owner.cookie, { intent: "cancel-deletion" });
    expect(toastOf(cancelled)).toMatchObject({ message: "organization:deletion.cancelled" });
    expect(
      (await db.organization.findUniqueOrThrow({ where: { id: organizationId } })).deletionDueAt,
    ).toBeNull();
    expect(await organizationEmails(organizationId)).toEqual(
      expect.arrayContaining([
        { to: doomed.owner.user.email, event: "deletion-cancelled" },
        { to: doomed.hr.user.email, event: "deletion-cancelled" },
      ]),
    );
    expect(
      (await proposeAs(doomed.manager.cookie, doomed.caseId, "REVIEW", { date: isoDay(51) }))
        .status,
    ).toBe(302);

    // An export older than a day no longer counts.
    await db.organization.update({
      where: { id: organizationId },
      data: { lastExportAt: new Date(Date.now() - 25 * 60 * 60_000) },
    });
    expect(errorsOf(await schedule(doomed.owner.cookie))).toContain(
      "organization:deletion.exportNeeded",
    );

    // Exported again, scheduled again.
    expect((await downloadExport(doomed.owner.cookie)).response.status).toBe(200);
    expect((await schedule(doomed.owner.cookie)).location).toBe("/organization");
    const due = (await db.organization.findUniqueOrThrow({ where: { id: organizationId } }))
      .deletionDueAt as Date;
    await runJobsUntilIdle();

    const doomedBefore = await tenantRowCounts(organizationId);
    const survivorBefore = await tenantRowCounts(survivor.organization.id);
    // Every tenant table holds rows of both, so the counts below prove something for each.
    for (const delegate of tenantDelegates) {
      expect(doomedBefore[delegate], `${delegate} of Doomed BV`).toBeGreaterThan(0);
      expect(survivorBefore[delegate], `${delegate} of Survivor BV`).toBeGreaterThan(0);
    }
    const auditBefore = await db.auditEvent.count({ where: { organizationId } });

    // A day before the end of the grace period: nothing happens.
    expect(await deleteDueOrganizations(new Date(due.getTime() - dayMs))).toBe(0);
    expect(await tenantRowCounts(organizationId)).toEqual(doomedBefore);

    // At its end: everything of Doomed BV goes, nothing of Survivor BV.
    expect(await deleteDueOrganizations(new Date(due.getTime() + 60_000))).toBe(1);
    const doomedAfter = await tenantRowCounts(organizationId);
    for (const delegate of tenantDelegates) expect(doomedAfter[delegate], delegate).toBe(0);
    expect(await tenantRowCounts(survivor.organization.id)).toEqual(survivorBefore);
    expect(await db.organization.findUnique({ where: { id: organizationId } })).toBeNull();
    expect(
      await db.organization.findUnique({ where: { id: survivor.organization.id } }),
    ).not.toBeNull();
    // Running again finds nothing more to do.
    expect(await deleteDueOrganizations(new Date(due.getTime() + 2 * dayMs))).toBe(0);

    // The Stripe subscription is ended at Stripe itself.
    expect((await stripe().subscriptions.retrieve(subscription.id)).status).toBe("canceled");

    // The audit trail is kept as hash-only stubs (nobody's id, address or details);
    // the deletion is recorded in the account chain.
    expect(await db.auditEvent.count({ where: { organizationId } })).toBe(auditBefore + 1);
    expect(
      await db.auditEvent.count({
        where: { organizationId, redactedAt: null, action: { not: "organization.deleted" } },
      }),
    ).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId, actorId: { not: null } } })).toBe(
      0,
    );
    const deleted = await db.auditEvent.findFirstOrThrow({
      where: { action: "organization.deleted", targetId: organizationId },
    });
    expect(deleted).toMatchObject({ chain: accountChain, organizationId, actorId: null });
    expect(deleted.data).toMatchObject({ members: 7, cases: 1, agreements: 1 });
    expect(await verifyChain(organizationId)).toEqual({ valid: true });
    expect(await verifyChain(accountChain)).toEqual({ valid: true });

    // People keep their accounts; owners and HR are told; nobody works in it any more.
    expect(await db.user.count({ where: { id: doomed.employee.user.id } })).toBe(1);
    expect(await organizationEmails(null)).toEqual(
      expect.arrayContaining([
        { to: doomed.owner.user.email, event: "deleted" },
        { to: doomed.hr.user.email, event: "deleted" },
      ]),
    );
    expect(await db.job.count({ where: { organizationId, status: "QUEUED" } })).toBe(0);
    expect(
      (await callRoute(appLoader, get("/app", { Cookie: doomed.employee.cookie }))).location,
    ).toBe("/organizations");
    await runJobsUntilIdle();
  });

  test("the recurring job runs the deletion with the worker's clock", async () => {
    const { organization } = await createTeam();
    await db.organization.update({
      where: { id: organization.id },
      data: { deletionRequestedAt: new Date(), deletionDueAt: new Date(Date.now() + 30 * dayMs) },
    });
    const { ensureRecurringJobs, runDueJobs } = await import("#app/modules/jobs/worker.server.ts");
    const now = new Date(Date.now() + 31 * dayMs);
    await ensureRecurringJobs(now);
    await runDueJobs({ now, limit: 20 });
    expect(await db.organization.findUnique({ where: { id: organization.id } })).toBeNull();
    const job = await db.job.findUniqueOrThrow({ where: { key: "organizations.delete" } });
    expect(job).toMatchObject({ status: "QUEUED", lastError: null });
  });
});

describe("while a deletion is scheduled", () => {
  test("no reminder goes out for the organisation, of a plan, a signature or the trial; cancelled, they go out again", async () => {
    const now = new Date();
    const inDays = (days: number) => new Date(now.getTime() + days * dayMs);
    // A plan item that has waited 4 days for the employee, an agreement waiting 4 days for
    // both signatures, and a trial that ends in 6 days: each would be reminded of today.
    const planTeam = await createCaseTeam();
    await proposeAs(planTeam.manager.cookie, planTeam.record.id, "REVIEW", { date: isoDay(60) });
    const signing = await agreedCaseTeam();
    await prepareAs(signing.manager.cookie, signing.caseId);
    const agreement = await liveAgreement(signing.caseId);
    await db.agreement.update({ where: { id: agreement.id }, data: { createdAt: inDays(-4) } });
    const organizations = [planTeam.organization.id, signing.organization.id];
    const closing = async (due: Date | null) =>
      db.organization.updateMany({
        where: { id: { in: organizations } },
        data: { deletionRequestedAt: due && now, deletionDueAt: due, trialEndsAt: inDays(6) },
      });
    /** How many e-mails are queued to a person: each round queues one job per e-mail. */
    const emailsTo = async (person: { user: { email: string } }) =>
      (await db.job.findMany({ where: { kind: "email" }, select: { payload: true } })).filter(
        (job) => (job.payload as { to?: string } | null)?.to === person.user.email,
      ).length;
    const rounds = async () => {
      await sendReminders(inDays(4));
      await remindSigners(now);
      await remindTrialEnding(now);
    };
    // Whom each round tells: the employee of the plan, both signers, the owners of the trial.
    const people = [planTeam.employee, signing.employee, signing.manager, planTeam.owner];

    await closing(inDays(30));
    const before = await Promise.all(people.map(emailsTo));
    await rounds();
    expect(await Promise.all(people.map(emailsTo))).toEqual(before);

    await closing(null);
    await rounds();
    const after = await Promise.all(people.map(emailsTo));
    expect(after.map((count, index) => count - (before[index] ?? 0))).toEqual([1, 1, 1, 1]);
  });
});

describe("removing a member keeps the cases they were part of", () => {
  const remove = (cookie: string, membershipId: string, fields: Record<string, string> = {}) =>
    callRoute(
      memberAction,
      post(`/members/${membershipId}`, { intent: "remove", ...fields }, { Cookie: cookie }),
      { membershipId },
    );

  test("a case's manager is removed only once their cases have a new manager", async () => {
    const team = await createCaseTeam();
    const page = await callRoute(
      memberLoader,
      get(`/members/${team.manager.membership.id}`, { Cookie: team.owner.cookie }),
      { membershipId: team.manager.membership.id },
    );
    expect(page.data).toMatchObject({ cases: { managed: 1, advised: 0, own: 0 } });
    const offered = (page.data as { successors: Array<{ id: string }> }).successors.map(
      ({ id }) => id,
    );
    expect(offered).toContain(team.otherManager.user.id);
    expect(offered).not.toContain(team.manager.user.id);
    expect(offered).not.toContain(team.employee.user.id);

    const refused = await remove(team.owner.cookie, team.manager.membership.id);
    expect(refused.status).toBe(200);
    // What the page shows, in the reader's language, with the number of cases.
    const { key, values } = parseErrorMessage((refused.data as { error: string }).error);
    const i18n = serverI18n("en");
    expect(i18n.getFixedT("en", "common")(key as never, values)).toBe(
      `${team.manager.user.name} is the manager of 1 case. Choose who takes it over before you remove them.`,
    );
    expect(
      errorsOf(
        await remove(team.owner.cookie, team.manager.membership.id, {
          managerId: team.employee.user.id,
        }),
      ),
    ).toContain("auth:members.successorNotAManager");
    expect(await db.membership.count({ where: { id: team.manager.membership.id } })).toBe(1);

    const removed = await remove(team.owner.cookie, team.manager.membership.id, {
      managerId: team.otherManager.user.id,
    });
    expect(removed.location).toBe("/members");
    const record = await db.case.findUniqueOrThrow({ where: { id: team.record.id } });
    expect(record).toMatchObject({
      managerId: team.otherManager.user.id,
      employeeId: team.employee.user.id,
      physicianId: team.physician.user.id,
    });
    expect(
      await db.auditEvent.findFirst({
        where: { action: "case.updated", targetId: team.record.id },
      }),
    ).toMatchObject({ data: { managerHandedOver: true, toUserId: team.otherManager.user.id } });
    expect(await db.auditEvent.findFirst({ where: { action: "member.removed" } })).toMatchObject({
      data: { casesHandedOver: 1, casesWithoutPhysician: 0 },
    });
  });

  test("the new manager may not be the employee of one of the cases", async () => {
    const team = await createCaseTeam();
    await db.case.create({
      data: {
        organizationId: team.organization.id,
        kind: "OWN_HEALTH",
        country: "NL",
        employeeId: team.hr.user.id,
        managerId: team.manager.user.id,
        openedById: team.owner.user.id,
      },
    });
    const answer = await remove(team.owner.cookie, team.manager.membership.id, {
      managerId: team.hr.user.id,
    });
    expect(errorsOf(answer)).toContain("auth:members.successorIsEmployee?count=1");
    expect(await db.membership.count({ where: { id: team.manager.membership.id } })).toBe(1);
  });

  test("a physician's cases lose their physician and keep the medical notes", async () => {
    const team = await createCaseTeam();
    await db.medicalNote.create({
      data: {
        organizationId: team.organization.id,
        caseId: team.record.id,
        physicianId: team.physician.user.id,
        body: "kept",
      },
    });
    const answer = await remove(team.owner.cookie, team.physician.membership.id);
    expect(answer.location).toBe("/members");
    const record = await db.case.findUniqueOrThrow({ where: { id: team.record.id } });
    expect(record).toMatchObject({ physicianId: null, managerId: team.manager.user.id });
    expect(await db.medicalNote.count({ where: { caseId: team.record.id } })).toBe(1);
  });

  test("an employee's own case stays, and they lose access to it", async () => {
    const team = await createCaseTeam();
    const answer = await remove(team.owner.cookie, team.employee.membership.id);
    expect(answer.location).toBe("/members");
    expect(await db.case.findUniqueOrThrow({ where: { id: team.record.id } })).toMatchObject({
      employeeId: team.employee.user.id,
    });
    const theirs = await callRoute(
      planLoader,
      get(`/cases/${team.record.id}`, { Cookie: team.employee.cookie }),
      { caseId: team.record.id },
    );
    expect(theirs.location).toBe("/organizations");
    const employer = await callRoute(
      planLoader,
      get(`/cases/${team.record.id}`, { Cookie: team.hr.cookie }),
      { caseId: team.record.id },
    );
    expect(employer.status).toBe(200);
  });
});
