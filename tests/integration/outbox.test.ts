import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, test, vi } from "vitest";
import {
  clearSentEmails,
  lastEmailTo,
  linkIn,
  resendEmailsUrl,
  sentEmails,
} from "#tests/mocks/resend.ts";
import { mockServer } from "#tests/mocks/server.ts";

// env() reads the environment once: set the key before any application module loads.
process.env.RESEND_API_KEY = "re_test";
process.env.EMAIL_FROM = "Werkpad <no-reply@werkpad.test>";
const { db } = await import("#app/modules/db.server.ts");
const { addLogSink } = await import("#app/modules/log.server.ts");
const { enqueue, maxAttempts, retryDelayMs } = await import("#app/modules/jobs/queue.server.ts");
const { runDueJobs, startJobWorker } = await import("#app/modules/jobs/worker.server.ts");
const { listOutbox } = await import("#app/modules/notifications/outbox.server.ts");
const { accountExistsEmail } = await import("#tests/helpers/email.ts");

/**
 * E-mail as jobs: rendered and recorded by the worker, sent through Resend
 * (mocked at the network edge), retried, given up on. The queue's own rules
 * (claiming, locks, recurring work, housekeeping) are in jobs.test.ts.
 */
const magicLink = (to: string) =>
  ({
    template: "magic-link",
    to,
    language: "en",
    props: { name: "Ada", link: `https://werkpad.test/magic?token=${to}`, expiresInMinutes: 15 },
  }) as const;
const minutes = (n: number) => n * 60_000;
const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

function resendAnswers(status: number, body: Record<string, unknown>, headers?: HeadersInit) {
  mockServer.use(http.post(resendEmailsUrl, () => HttpResponse.json(body, { status, headers })));
}

async function onlyJob() {
  return db.job.findFirstOrThrow({ include: { email: true } });
}

beforeEach(async () => {
  clearSentEmails();
  await db.job.deleteMany();
  await db.user.deleteMany();
});

describe("queueing an e-mail", () => {
  test("renders nothing: the job carries the template and its props, the worker renders it", async () => {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: "ada@example.com", name: "Ada" } });
      await enqueue(tx, "email", {
        template: "verify-email",
        to: user.email,
        language: "nl",
        props: {
          name: user.name,
          code: "123456",
          link: "https://werkpad.test/verify?token=t",
          expiresInMinutes: 15,
        },
      });
    });
    const queued = await onlyJob();
    expect(queued).toMatchObject({ kind: "email", status: "QUEUED", attempts: 0, email: null });
    expect(queued.payload).toMatchObject({ template: "verify-email", props: { code: "123456" } });
    expect(await db.outboxMessage.count()).toBe(0);

    expect(await runDueJobs()).toMatchObject({ claimed: 1, done: 1 });

    const [message] = await db.outboxMessage.findMany();
    expect(message).toMatchObject({
      jobId: queued.id,
      kind: "verify-email",
      to: "ada@example.com",
      subject: "Bevestig uw e-mailadres voor Werkpad",
      status: "SENT",
      secret: true,
      organizationId: null,
    });
  });

  test("a payload that does not match its template's props is refused, and nothing is queued", async () => {
    await expect(
      enqueue(db, "email", {
        ...magicLink("ada@example.com"),
        props: { name: "Ada", link: "/relative", expiresInMinutes: 15 },
      }),
    ).rejects.toThrow();
    await expect(
      enqueue(db, "email", { ...magicLink("not an address"), to: "not an address" }),
    ).rejects.toThrow();
    expect(await db.job.count()).toBe(0);
  });
});

describe("sending", () => {
  test("sends through Resend with the message's id as idempotency key, once", async () => {
    await enqueue(db, "email", magicLink("ada@example.com"));

    expect(await runDueJobs()).toEqual({ claimed: 1, done: 1, retried: 0, dead: 0 });

    const job = await onlyJob();
    const email = lastEmailTo("ada@example.com");
    expect(email).toMatchObject({
      from: "Werkpad <no-reply@werkpad.test>",
      to: "ada@example.com",
      subject: "Your link to sign in to Werkpad",
      idempotencyKey: `werkpad-outbox/${job.email?.id}`,
    });
    expect(email?.html).toContain("<html");
    expect(email?.text).toContain("Sign in to Werkpad");
    expect(linkIn(email)).toBe("https://werkpad.test/magic?token=ada@example.com");
    expect(job).toMatchObject({ status: "DONE", attempts: 1, lastError: null, payload: null });
    expect(job.email).toMatchObject({ status: "SENT", providerId: email?.id });
    expect(job.email?.sentAt).toBeInstanceOf(Date);

    // Done is done: a later run does not send it again.
    expect(await runDueJobs({ now: later(minutes(120)) })).toMatchObject({ claimed: 0 });
    expect(sentEmails).toHaveLength(1);
  });

  test("erases the body of a secret e-mail once sent, and keeps the others", async () => {
    await enqueue(db, "email", magicLink("secret@example.com"));
    await enqueue(db, "email", accountExistsEmail("plain@example.com"));

    expect(await runDueJobs()).toMatchObject({ done: 2 });

    const secret = await db.outboxMessage.findFirstOrThrow({ where: { to: "secret@example.com" } });
    expect(secret).toMatchObject({ status: "SENT", secret: true, html: "", text: "" });
    expect(secret.subject).not.toBe("");
    const plain = await db.outboxMessage.findFirstOrThrow({ where: { to: "plain@example.com" } });
    expect(plain).toMatchObject({ status: "SENT", secret: false });
    expect(plain.text).toContain("https://werkpad.test/signin");
    // Payloads are erased as jobs end, whatever they carried.
    expect((await db.job.findMany()).map((job) => job.payload)).toEqual([null, null]);
  });

  test("a failed send keeps the rendered e-mail and sends the same one after the back-off", async () => {
    await enqueue(db, "email", magicLink("ada@example.com"));
    resendAnswers(500, {
      statusCode: 500,
      name: "internal_server_error",
      message: "Something went wrong.",
    });
    const now = new Date();

    expect(await runDueJobs({ now })).toEqual({ claimed: 1, done: 0, retried: 1, dead: 0 });

    const waiting = await onlyJob();
    expect(waiting).toMatchObject({ status: "QUEUED", attempts: 1, lockedBy: null });
    expect(waiting.lastError).toContain("500 internal_server_error");
    expect(waiting.runAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(waiting.email).toMatchObject({ status: "PENDING", providerId: null });
    expect(waiting.email?.text).toContain("https://werkpad.test/magic"); // nothing lost

    // Not due yet: nothing happens before the back-off has passed.
    mockServer.resetHandlers();
    expect(await runDueJobs({ now: later(1000, now) })).toMatchObject({ claimed: 0 });
    expect(sentEmails).toHaveLength(0);

    expect(await runDueJobs({ now: later(retryDelayMs(1), now) })).toMatchObject({ done: 1 });
    const sent = await onlyJob();
    expect(sent).toMatchObject({ status: "DONE", attempts: 2, lastError: null });
    // Rendered once: the retry sent the recorded message, under the same key.
    expect(await db.outboxMessage.count()).toBe(1);
    expect(lastEmailTo("ada@example.com")?.idempotencyKey).toBe(`werkpad-outbox/${sent.email?.id}`);
  });

  test("an unreachable Resend counts as a failed attempt too", async () => {
    await enqueue(db, "email", magicLink("ada@example.com"));
    mockServer.use(http.post(resendEmailsUrl, () => HttpResponse.error()));

    expect(await runDueJobs()).toMatchObject({ retried: 1 });
    const waiting = await onlyJob();
    expect(waiting).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(waiting.lastError).toMatch(/^no response/);
  });

  test(`a server error is retried with back-off, and the job is dead after ${maxAttempts} attempts`, async () => {
    await enqueue(db, "email", magicLink("ada@example.com"));
    resendAnswers(503, {
      statusCode: 503,
      name: "service_unavailable",
      message: "Try ada@example.com again later.",
    });
    let now = new Date();
    const delays: number[] = [];
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      expect(await runDueJobs({ now })).toMatchObject({ retried: 1 });
      const job = await onlyJob();
      expect(job).toMatchObject({ status: "QUEUED", attempts: attempt });
      delays.push(job.runAt.getTime() - now.getTime());
      now = job.runAt;
    }
    // 30 s, doubling each time, never more than an hour.
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * 1000));
    expect(retryDelayMs(20)).toBe(minutes(60));

    expect(await runDueJobs({ now })).toMatchObject({ dead: 1 });
    const dead = await onlyJob();
    expect(dead).toMatchObject({ status: "DEAD", attempts: maxAttempts, payload: null });
    expect(dead.finishedAt).toEqual(now);
    // The reason is kept, without the address the provider quoted.
    expect(dead.lastError).toContain("503 service_unavailable");
    expect(dead.lastError).toContain("[address]");
    expect(dead.lastError).not.toContain("ada@example.com");
    // The message is marked failed, and its sign-in link erased.
    expect(dead.email).toMatchObject({ status: "FAILED", html: "", text: "" });

    mockServer.resetHandlers();
    expect(await runDueJobs({ now: later(minutes(24 * 60), now) })).toMatchObject({ claimed: 0 });
    expect(sentEmails).toHaveLength(0);
  });

  test("a message Resend refuses (a 4xx) is dead at once, not tried eight times", async () => {
    await enqueue(db, "email", accountExistsEmail("bob@example.com"), { organizationId: "org-1" });
    resendAnswers(422, {
      statusCode: 422,
      name: "validation_error",
      message: "Invalid `to` field: bob@example.com is not allowed.",
    });

    expect(await runDueJobs()).toEqual({ claimed: 1, done: 0, retried: 0, dead: 1 });

    const dead = await onlyJob();
    expect(dead).toMatchObject({ status: "DEAD", attempts: 1, payload: null });
    expect(dead.lastError).toBe(
      "422 validation_error: Invalid `to` field: [address] is not allowed.",
    );
    // What the owner may read about it stays: which e-mail, to whom.
    expect(dead.summary).toEqual({ template: "account-exists", to: "bob@example.com" });
    // Not a secret message: its text stays for the record.
    expect(dead.email).toMatchObject({ status: "FAILED" });
    expect(dead.email?.text).toContain("https://werkpad.test/signin");
  });

  test("a refused API key is not the message's fault: it is retried", async () => {
    await enqueue(db, "email", magicLink("ada@example.com"));
    resendAnswers(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key." });
    expect(await runDueJobs()).toMatchObject({ retried: 1, dead: 0 });
    expect(await onlyJob()).toMatchObject({ status: "QUEUED", attempts: 1 });
  });

  test("when Resend asks to slow down, the batch's e-mails wait without using up attempts", async () => {
    await enqueue(db, "email", magicLink("a@example.com"));
    await enqueue(db, "email", magicLink("b@example.com"));
    let requests = 0;
    mockServer.use(
      http.post(resendEmailsUrl, () => {
        requests += 1;
        return HttpResponse.json(
          { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
          { status: 429, headers: { "retry-after": "2" } },
        );
      }),
    );
    const now = new Date();

    expect(await runDueJobs({ now })).toEqual({ claimed: 2, done: 0, retried: 2, dead: 0 });
    expect(requests).toBe(1); // the second e-mail was not even tried
    for (const job of await db.job.findMany()) {
      expect(job).toMatchObject({ status: "QUEUED", attempts: 0 });
      expect(job.runAt.getTime()).toBe(now.getTime() + 2000);
    }

    mockServer.resetHandlers();
    expect(await runDueJobs({ now: later(2000, now) })).toMatchObject({ done: 2 });
  });

  test("logs ids and counts, never addresses, subjects or bodies", async () => {
    const records: unknown[] = [];
    const detach = addLogSink((record) => records.push(record));
    try {
      await enqueue(db, "email", magicLink("private@example.com"));
      resendAnswers(500, { statusCode: 500, name: "internal_server_error", message: "x" });
      await runDueJobs();
      mockServer.resetHandlers();
      await runDueJobs({ now: later(minutes(5)) });
    } finally {
      detach();
    }
    const logged = JSON.stringify(records);
    expect(records.length).toBeGreaterThan(0);
    expect(logged).not.toContain("private@example.com");
    expect(logged).not.toContain("Sign in");
    expect(logged).not.toContain("werkpad.test/magic");
  });
});

describe("the worker of a server process", () => {
  test("delivers queued e-mails in the background, and stops after the running batch", async () => {
    const stop = startJobWorker(20);
    try {
      await enqueue(db, "email", magicLink("ada@example.com"));
      await vi.waitFor(() => expect(lastEmailTo("ada@example.com")).toBeDefined(), {
        timeout: 5000,
      });
      await vi.waitFor(async () =>
        expect((await db.job.findFirstOrThrow({ where: { kind: "email" } })).status).toBe("DONE"),
      );
    } finally {
      await stop();
    }
    // Stopped: a new e-mail stays queued.
    await enqueue(db, "email", magicLink("bob@example.com"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lastEmailTo("bob@example.com")).toBeUndefined();
  });
});

describe("listOutbox", () => {
  test("lists the latest e-mails, newest first, with their job's attempts and last error", async () => {
    for (const to of ["first@example.com", "second@example.com", "third@example.com"]) {
      await enqueue(db, "email", magicLink(to));
      await runDueJobs();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const entries = await listOutbox(2);
    expect(entries.map((entry) => entry.to)).toEqual(["third@example.com", "second@example.com"]);
    expect(entries[0]).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
  });
});
