import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { clearSentEmails, resendEmailsUrl, sentEmails } from "#tests/mocks/resend.ts";
import { mockServer } from "#tests/mocks/server.ts";

// env() reads the environment once: set the key before any application module loads.
process.env.RESEND_API_KEY = "re_test";
const { db } = await import("#app/modules/db.server.ts");
const { enqueue, maxAttempts } = await import("#app/modules/jobs/queue.server.ts");
const { ensureRecurringJobs, lockMs, runDueJobs } = await import(
  "#app/modules/jobs/worker.server.ts"
);
const { recurringKinds } = await import("#app/modules/jobs/kinds.ts");
const { emailKey } = await import("#app/modules/auth/rate-limit.server.ts");
const { action: membersAction } = await import("#app/routes/members.tsx");
const { loader: problemsLoader } = await import("#app/routes/problems.tsx");
const { createCaseTeam, proposeAs } = await import("#tests/helpers/cases.ts");
const { createTeam } = await import("#tests/helpers/factories.ts");
const { callRoute, get, post } = await import("#tests/helpers/route-args.ts");
const { accountExistsEmail } = await import("#tests/helpers/email.ts");

/**
 * The job queue itself: a job exists exactly when its change commits, is run
 * once however many workers claim at the same time, is taken again when its
 * worker died, and ends done or dead. Recurring work and housekeeping run on
 * it too. (E-mail specifics: outbox.test.ts.)
 */
const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 24 * 60 * 60_000;
const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

const mail = accountExistsEmail;

beforeEach(async () => {
  clearSentEmails();
  await db.job.deleteMany();
});

describe("queueing", () => {
  test("a job exists exactly when its change commits", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: "rolled-back@example.com", name: "Ada" } });
        await enqueue(tx, "email", mail("rolled-back@example.com"));
        throw new Error("the change failed after the job was queued");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.job.count()).toBe(0);
    expect(await runDueJobs()).toMatchObject({ claimed: 0 });

    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "committed@example.com", name: "Ada" } });
      await enqueue(tx, "email", mail("committed@example.com"));
    });
    expect(await db.job.findMany()).toMatchObject([
      { kind: "email", status: "QUEUED", attempts: 0, organizationId: null },
    ]);
  });
});

describe("claiming", () => {
  test("four workers claiming at once run each job exactly once", async () => {
    const addresses = Array.from({ length: 15 }, (_, i) => `person${i}@example.com`);
    for (const to of addresses) await enqueue(db, "email", mail(to));

    const runs = await Promise.all(Array.from({ length: 4 }, () => runDueJobs({ limit: 5 })));

    expect(runs.reduce((total, run) => total + run.claimed, 0)).toBe(15);
    expect(runs.reduce((total, run) => total + run.done, 0)).toBe(15);
    expect(sentEmails.map((email) => email.to).sort()).toEqual([...addresses].sort());
    expect(new Set(sentEmails.map((email) => email.idempotencyKey)).size).toBe(15);
    const jobs = await db.job.findMany();
    expect(jobs.every((job) => job.status === "DONE" && job.attempts === 1)).toBe(true);
    expect(await runDueJobs()).toMatchObject({ claimed: 0 });
  });

  test("a job whose worker died is taken again once its lock has run out", async () => {
    const now = new Date();
    const id = await enqueue(db, "email", mail("ada@example.com"));
    // What a worker that crashed mid-run leaves behind: running, locked, never finished.
    await db.job.update({
      where: { id },
      data: { status: "RUNNING", attempts: 1, lockedBy: "gone:1", lockedUntil: later(lockMs, now) },
    });

    expect(await runDueJobs({ now: later(minutes(1), now) })).toMatchObject({ claimed: 0 });
    expect(sentEmails).toHaveLength(0);

    expect(await runDueJobs({ now: later(lockMs, now) })).toMatchObject({ claimed: 1, done: 1 });
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DONE",
      attempts: 2,
      lockedBy: null,
      lockedUntil: null,
    });
    expect(sentEmails).toHaveLength(1);
  });

  test("a job that keeps killing its worker is dead after the last attempt", async () => {
    const now = new Date();
    const id = await enqueue(db, "email", mail("ada@example.com"), { organizationId: "org-x" });
    await db.job.update({
      where: { id },
      data: { status: "RUNNING", attempts: maxAttempts, lockedBy: "gone:8", lockedUntil: now },
    });

    expect(await runDueJobs({ now })).toMatchObject({ claimed: 1, dead: 1 });
    const dead = await db.job.findUniqueOrThrow({ where: { id } });
    expect(dead).toMatchObject({ status: "DEAD", payload: null });
    expect(dead.lastError).toContain("lock expired");
    expect(sentEmails).toHaveLength(0);
  });

  test("a worker whose lock ran out does not overwrite the outcome of the one that took over", async () => {
    const now = later(1000);
    const id = await enqueue(db, "email", mail("ada@example.com"));
    // The first worker's send hangs past its lock…
    let release: () => void = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    mockServer.use(
      http.post(
        resendEmailsUrl,
        async () => {
          await hanging;
          return HttpResponse.json(
            { statusCode: 500, name: "internal_server_error", message: "late" },
            { status: 500 },
          );
        },
        { once: true },
      ),
    );
    const slow = runDueJobs({ now });
    await expect.poll(async () => (await db.outboxMessage.count()) === 1).toBe(true);

    // …a second worker takes the job and sends it…
    expect(await runDueJobs({ now: later(lockMs, now) })).toMatchObject({ done: 1 });
    // …then the first one's failure comes back, too late to count.
    release();
    await slow;
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DONE",
      lastError: null,
    });
  });
});

describe("running", () => {
  test("a payload that no longer matches its kind's schema is dead at once", async () => {
    const job = await db.job.create({
      data: { kind: "email", payload: { ...mail("ada@example.com"), to: "not an address" } },
    });
    expect(await runDueJobs()).toMatchObject({ dead: 1 });
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "DEAD",
      attempts: 1,
      lastError: "the payload does not match its kind's schema",
    });
  });

  test("a kind this version does not know is dead at once", async () => {
    await db.job.create({ data: { kind: "no.such.kind", payload: {} } });
    expect(await runDueJobs()).toMatchObject({ dead: 1 });
    expect(await db.job.findFirstOrThrow()).toMatchObject({
      status: "DEAD",
      lastError: "unknown kind no.such.kind",
    });
  });
});

describe("recurring work", () => {
  test("each recurring job exists once, however many processes start", async () => {
    const now = new Date();
    await Promise.all([ensureRecurringJobs(now), ensureRecurringJobs(now)]);
    await ensureRecurringJobs(later(minutes(5), now));
    const jobs = await db.job.findMany({ orderBy: { kind: "asc" } });
    expect(jobs.map((job) => job.kind)).toEqual(
      [
        "agreement.reminders",
        "billing.reconcile",
        "billing.trial-reminders",
        "jobs.purge",
        "organizations.delete",
        "plan.digests",
        "privacy.retention",
        "rate-limits.prune",
        "reminders.send",
      ].sort(),
    );
    expect([...recurringKinds].sort()).toEqual(jobs.map((job) => job.key));
  });

  test("plan digests, signing reminders and rate-limit pruning run as jobs, and come back for their next run", async () => {
    const { record, manager, employee } = await createCaseTeam();
    await proposeAs(manager.cookie, record.id, "REVIEW", { date: isoDay(40) });
    const oldWindow = { key: emailKey("signin", "old@example.com"), windowStart: new Date(0) };
    await db.rateLimitBucket.create({ data: { ...oldWindow, count: 3 } });
    const now = later(minutes(11));
    await ensureRecurringJobs(now);

    expect(await runDueJobs({ now })).toMatchObject({ claimed: 9, done: 9 });

    // The digest became an e-mail job (run next), the old window is gone.
    const digestMail = await db.job.findFirstOrThrow({ where: { kind: "email" } });
    expect(digestMail.payload).toMatchObject({ template: "plan-changes", to: employee.user.email });
    expect(await db.rateLimitBucket.count({ where: oldWindow })).toBe(0);
    const recurring = await db.job.findMany({ where: { key: { not: null } } });
    for (const job of recurring) {
      expect(job).toMatchObject({ status: "QUEUED", attempts: 0, lockedBy: null });
      expect(job.runAt.getTime()).toBeGreaterThan(now.getTime());
    }
    expect(recurring.find((job) => job.kind === "plan.digests")?.runAt).toEqual(later(30_000, now));
  });

  test("a recurring job that fails is tried again, and never dies", async () => {
    await db.job.create({
      data: { kind: "plan.digests", key: "plan.digests", payload: { unexpected: true } },
    });
    let now = new Date();
    for (let attempt = 1; attempt <= maxAttempts + 1; attempt++) {
      expect(await runDueJobs({ now })).toMatchObject({ claimed: 1, retried: 1, dead: 0 });
      const job = await db.job.findFirstOrThrow();
      expect(job).toMatchObject({ status: "QUEUED", attempts: attempt });
      expect(job.runAt.getTime() - now.getTime()).toBeLessThanOrEqual(30_000);
      now = job.runAt;
    }
  });
});

describe("housekeeping", () => {
  test("ended jobs and the e-mails they sent are purged after the retention period, as a job", async () => {
    const now = later(1000);
    for (const to of ["old@example.com", "recent@example.com"])
      await enqueue(db, "email", mail(to));
    await runDueJobs({ now });
    await db.job.updateMany({
      where: { summary: { equals: { template: "account-exists", to: "old@example.com" } } },
      data: { finishedAt: later(-days(31), now) },
    });
    const waiting = await enqueue(db, "email", mail("waiting@example.com"), {
      runAt: later(days(1), now),
    });
    await db.job.update({ where: { id: waiting }, data: { createdAt: later(-days(60), now) } });
    await ensureRecurringJobs(now);

    await runDueJobs({ now });

    expect(await db.outboxMessage.findMany({ select: { to: true } })).toEqual([
      { to: "recent@example.com" },
    ]);
    const left = await db.job.findMany({ where: { kind: "email" }, orderBy: { createdAt: "asc" } });
    expect(left.map((job) => job.status)).toEqual(["QUEUED", "DONE"]);
  });
});

describe("a job that could not be done", () => {
  test("is shown to the organisation's owner, without its content; other roles get 403", async () => {
    const team = await createTeam("Bakkerij Jansen");
    const other = await createTeam("Elders BV");
    mockServer.use(
      http.post(resendEmailsUrl, () =>
        HttpResponse.json(
          { statusCode: 422, name: "validation_error", message: "The domain is not allowed." },
          { status: 422 },
        ),
      ),
    );
    const invited = await callRoute(
      membersAction,
      post(
        "/members",
        { email: "dan@bounce.example", role: "EMPLOYEE" },
        {
          Cookie: team.owner.cookie,
        },
      ),
    );
    expect(invited.location).toBe("/members");
    expect(await runDueJobs()).toMatchObject({ dead: 1 });

    const page = await callRoute(problemsLoader, get("/problems", { Cookie: team.owner.cookie }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      organizationName: "Bakkerij Jansen",
      retentionDays: 30,
      problems: [{ kind: "email", template: "invitation", to: "dan@bounce.example" }],
    });
    const shown = JSON.stringify(page.data);
    expect(shown).not.toContain("token");
    expect(shown).not.toContain("/invitations/accept");
    expect(shown).not.toContain("validation_error");

    for (const member of [team.hr, team.manager, team.employee, team.physician]) {
      const refused = await callRoute(problemsLoader, get("/problems", { Cookie: member.cookie }));
      expect(refused.status).toBe(403);
    }
    const elsewhere = await callRoute(
      problemsLoader,
      get("/problems", { Cookie: other.owner.cookie }),
    );
    expect(elsewhere.data).toMatchObject({ problems: [] });
  });
});
