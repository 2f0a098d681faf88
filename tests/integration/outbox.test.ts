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
const { deliverDueMessages, listOutbox, maxAttempts, queueEmail, retryDelayMs, startOutboxWorker } =
  await import("#app/modules/notifications/outbox.server.ts");

const magicLink = (to: string, secret = true) =>
  ({
    kind: "magic-link",
    to,
    language: "en",
    secret,
    props: { name: "Ada", link: `https://werkpad.test/magic?token=${to}`, expiresInMinutes: 15 },
  }) as const;

const minutes = (n: number) => n * 60_000;
const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

function resendAnswers(status: number, body: Record<string, unknown>, headers?: HeadersInit) {
  mockServer.use(http.post(resendEmailsUrl, () => HttpResponse.json(body, { status, headers })));
}

beforeEach(async () => {
  clearSentEmails();
  await db.outboxMessage.deleteMany();
  await db.user.deleteMany();
});

describe("queueEmail", () => {
  test("writes the e-mail in the caller's transaction: a rollback leaves no e-mail", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: "ada@example.com", name: "Ada" } });
        await queueEmail(tx, magicLink("ada@example.com"));
        throw new Error("the change failed after the e-mail was queued");
      }),
    ).rejects.toThrow("the change failed");

    expect(await db.user.count()).toBe(0);
    expect(await db.outboxMessage.count()).toBe(0);
    expect(await deliverDueMessages()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(sentEmails).toHaveLength(0);
  });

  test("commits the e-mail with the change", async () => {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: "ada@example.com", name: "Ada" } });
      await queueEmail(tx, {
        kind: "verify-email",
        to: user.email,
        language: "nl",
        secret: true,
        props: {
          name: user.name,
          code: "123456",
          link: "https://werkpad.test/verify?token=t",
          expiresInMinutes: 15,
        },
      });
    });

    const [message] = await db.outboxMessage.findMany();
    expect(message).toMatchObject({
      kind: "verify-email",
      to: "ada@example.com",
      subject: "Bevestig uw e-mailadres voor Werkpad",
      status: "PENDING",
      attempts: 0,
      secret: true,
      organizationId: null,
    });
    expect(message?.text).toContain("123456");
    expect(message?.html).toContain('lang="nl"');
  });

  test("messages with sign-in or reset links are secret unless the caller says otherwise", async () => {
    const { secret: _, ...withoutSecret } = magicLink("ada@example.com");
    await queueEmail(db, withoutSecret);
    await queueEmail(db, {
      kind: "account-exists",
      to: "bob@example.com",
      language: "en",
      props: {
        name: "Bob",
        signInLink: "https://werkpad.test/signin",
        resetLink: "https://werkpad.test/forgot-password",
      },
    });
    const messages = await db.outboxMessage.findMany({ orderBy: { to: "asc" } });
    expect(messages.map((message) => [message.kind, message.secret])).toEqual([
      ["magic-link", true],
      ["account-exists", false],
    ]);
  });

  test("also works with the application's client outside a transaction", async () => {
    await queueEmail(db, magicLink("bob@example.com", false));
    expect(await db.outboxMessage.count()).toBe(1);
  });
});

describe("deliverDueMessages", () => {
  test("sends a committed e-mail through Resend and marks it SENT", async () => {
    await queueEmail(db, magicLink("ada@example.com"));
    const [queued] = await db.outboxMessage.findMany();

    expect(await deliverDueMessages()).toEqual({ sent: 1, failed: 0, retried: 0 });

    const email = lastEmailTo("ada@example.com");
    expect(email).toMatchObject({
      from: "Werkpad <no-reply@werkpad.test>",
      to: "ada@example.com",
      subject: "Your link to sign in to Werkpad",
      idempotencyKey: `werkpad-outbox/${queued?.id}`,
    });
    expect(email?.html).toContain("<html");
    expect(email?.text).toContain("Sign in to Werkpad");
    expect(linkIn(email)).toBe("https://werkpad.test/magic?token=ada@example.com");

    const sent = await db.outboxMessage.findUniqueOrThrow({ where: { id: queued?.id } });
    expect(sent).toMatchObject({
      status: "SENT",
      providerId: email?.id,
      attempts: 1,
      lastError: null,
    });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // Sent is sent: a later run does not send it again.
    expect(await deliverDueMessages({ now: later(minutes(120)) })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(sentEmails).toHaveLength(1);
  });

  test("erases the body of a secret e-mail once sent, and keeps the others", async () => {
    await queueEmail(db, magicLink("secret@example.com", true));
    await queueEmail(db, magicLink("plain@example.com", false));

    expect(await deliverDueMessages()).toMatchObject({ sent: 2 });

    const secret = await db.outboxMessage.findFirstOrThrow({ where: { to: "secret@example.com" } });
    expect(secret).toMatchObject({ status: "SENT", html: "", text: "" });
    expect(secret.subject).not.toBe("");
    const plain = await db.outboxMessage.findFirstOrThrow({ where: { to: "plain@example.com" } });
    expect(plain.status).toBe("SENT");
    expect(plain.text).toContain("https://werkpad.test/magic?token=plain@example.com");
    expect(plain.html).toContain("<html");
  });

  test("keeps the e-mail when Resend fails, and sends it on a later run", async () => {
    await queueEmail(db, magicLink("ada@example.com"));
    resendAnswers(500, {
      statusCode: 500,
      name: "internal_server_error",
      message: "Something went wrong.",
    });
    const now = new Date();

    expect(await deliverDueMessages({ now })).toEqual({ sent: 0, failed: 0, retried: 1 });

    const waiting = await db.outboxMessage.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, providerId: null });
    expect(waiting.lastError).toContain("500");
    expect(waiting.lastError?.length).toBeLessThanOrEqual(200);
    expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(waiting.text).toContain("https://werkpad.test/magic"); // nothing lost

    // Not due yet: nothing happens before the back-off has passed.
    mockServer.resetHandlers();
    expect(await deliverDueMessages({ now: later(1000, now) })).toMatchObject({ sent: 0 });
    expect(sentEmails).toHaveLength(0);

    expect(await deliverDueMessages({ now: later(retryDelayMs(1), now) })).toEqual({
      sent: 1,
      failed: 0,
      retried: 0,
    });
    expect(lastEmailTo("ada@example.com")?.subject).toBe("Your link to sign in to Werkpad");
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({
      status: "SENT",
      attempts: 2,
      lastError: null,
    });
  });

  test("an unreachable Resend counts as a failed attempt too", async () => {
    await queueEmail(db, magicLink("ada@example.com"));
    mockServer.use(http.post(resendEmailsUrl, () => HttpResponse.error()));

    expect(await deliverDueMessages()).toMatchObject({ retried: 1 });
    const waiting = await db.outboxMessage.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting.lastError).toMatch(/^no response/);
  });

  test(`gives up after ${maxAttempts} failed attempts, backing off in between`, async () => {
    await queueEmail(db, magicLink("ada@example.com"));
    resendAnswers(422, {
      statusCode: 422,
      name: "validation_error",
      message: "Invalid `to` field: ada@example.com is not allowed.",
    });
    let now = new Date();
    const delays: number[] = [];
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      expect(await deliverDueMessages({ now })).toEqual({ sent: 0, failed: 0, retried: 1 });
      const message = await db.outboxMessage.findFirstOrThrow();
      expect(message).toMatchObject({ status: "PENDING", attempts: attempt });
      delays.push(message.nextAttemptAt.getTime() - now.getTime());
      now = message.nextAttemptAt;
    }
    // 30 s, doubling each time, never more than an hour.
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * 1000));
    expect(retryDelayMs(20)).toBe(minutes(60));

    expect(await deliverDueMessages({ now })).toEqual({ sent: 0, failed: 1, retried: 0 });
    const failed = await db.outboxMessage.findFirstOrThrow();
    expect(failed).toMatchObject({ status: "FAILED", attempts: maxAttempts });
    // The reason is kept, without the address the provider quoted.
    expect(failed.lastError).toContain("422 validation_error");
    expect(failed.lastError).toContain("[address]");
    expect(failed.lastError).not.toContain("ada@example.com");

    mockServer.resetHandlers();
    expect(await deliverDueMessages({ now: later(minutes(24 * 60), now) })).toMatchObject({
      sent: 0,
    });
    expect(sentEmails).toHaveLength(0);
  });

  test("when Resend asks to slow down, the batch waits without using up attempts", async () => {
    await queueEmail(db, magicLink("a@example.com"));
    await queueEmail(db, magicLink("b@example.com"));
    resendAnswers(
      429,
      { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
      { "retry-after": "2" },
    );
    const now = new Date();

    expect(await deliverDueMessages({ now })).toEqual({ sent: 0, failed: 0, retried: 2 });
    for (const message of await db.outboxMessage.findMany()) {
      expect(message).toMatchObject({ status: "PENDING", attempts: 0 });
      expect(message.nextAttemptAt.getTime()).toBe(now.getTime() + 2000);
    }

    mockServer.resetHandlers();
    expect(await deliverDueMessages({ now: later(2000, now) })).toMatchObject({ sent: 2 });
  });

  test("concurrent runs send each e-mail exactly once", async () => {
    const addresses = Array.from({ length: 15 }, (_, i) => `person${i}@example.com`);
    for (const to of addresses) await queueEmail(db, magicLink(to, false));

    const runs = await Promise.all(
      Array.from({ length: 4 }, () => deliverDueMessages({ limit: 5 })),
    );

    expect(runs.reduce((total, run) => total + run.sent, 0)).toBe(15);
    expect(sentEmails.map((email) => email.to).sort()).toEqual([...addresses].sort());
    expect(new Set(sentEmails.map((email) => email.idempotencyKey)).size).toBe(15);
    expect(await db.outboxMessage.count({ where: { status: "SENT" } })).toBe(15);
    expect(await deliverDueMessages()).toMatchObject({ sent: 0 });
  });

  test("logs ids and counts, never addresses, subjects or bodies", async () => {
    const records: unknown[] = [];
    const detach = addLogSink((record) => records.push(record));
    try {
      await queueEmail(db, magicLink("private@example.com"));
      resendAnswers(500, { statusCode: 500, name: "internal_server_error", message: "x" });
      await deliverDueMessages();
      mockServer.resetHandlers();
      await deliverDueMessages({ now: later(minutes(5)) });
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

describe("startOutboxWorker", () => {
  test("delivers queued e-mails in the background, and stops after the running batch", async () => {
    const stop = startOutboxWorker(20);
    try {
      await queueEmail(db, magicLink("ada@example.com"));
      await vi.waitFor(() => expect(lastEmailTo("ada@example.com")).toBeDefined(), {
        timeout: 5000,
      });
      await vi.waitFor(async () =>
        expect((await db.outboxMessage.findFirstOrThrow()).status).toBe("SENT"),
      );
    } finally {
      await stop();
    }
    // Stopped: a new e-mail stays in the outbox.
    await queueEmail(db, magicLink("bob@example.com"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lastEmailTo("bob@example.com")).toBeUndefined();
  });
});

describe("listOutbox", () => {
  test("lists the latest e-mails, newest first", async () => {
    for (const to of ["first@example.com", "second@example.com", "third@example.com"]) {
      await queueEmail(db, magicLink(to));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const entries = await listOutbox(2);
    expect(entries.map((entry) => entry.to)).toEqual(["third@example.com", "second@example.com"]);
  });
});
