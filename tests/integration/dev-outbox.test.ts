import { describe, expect, test, vi } from "vitest";
import { get, routeArgs } from "#tests/helpers/route-args.ts";
import { sentEmails } from "#tests/mocks/resend.ts";

// Outside production, without a Resend key: the development setting. env()
// reads the environment once, so set it before any application module loads.
delete process.env.RESEND_API_KEY;
delete process.env.DEV_OUTBOX;
process.env.NODE_ENV = "test";
const { db } = await import("#app/modules/db.server.ts");
const { enqueue } = await import("#app/modules/jobs/queue.server.ts");
const { runDueJobs, startJobWorker } = await import("#app/modules/jobs/worker.server.ts");
const { loader } = await import("#app/routes/dev.outbox.tsx");

describe("/dev/outbox outside production", () => {
  test("lists the e-mails newest first, with their text and links", async () => {
    await enqueue(db, "email", {
      template: "account-exists",
      to: "ada@example.com",
      language: "fr",
      props: {
        name: "Ada",
        signInLink: "https://werkpad.test/signin",
        resetLink: "https://werkpad.test/forgot-password",
      },
    });
    await runDueJobs();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await enqueue(db, "email", {
      template: "magic-link",
      to: "bob@example.com",
      language: "nl",
      props: {
        name: "Bob",
        link: "https://werkpad.test/signin/magic?token=abc",
        expiresInMinutes: 15,
      },
    });
    await runDueJobs();

    const { messages } = await loader(routeArgs(get("/dev/outbox")));

    expect(messages.map((message) => message.to)).toEqual(["bob@example.com", "ada@example.com"]);
    const [magic, exists] = messages;
    expect(magic).toMatchObject({
      kind: "magic-link",
      subject: "Uw link om in te loggen bij Werkpad",
      status: "PENDING",
      attempts: 1,
      language: "nl",
      erased: false,
      links: ["https://werkpad.test/signin/magic?token=abc"],
    });
    expect(magic?.text).toContain("Inloggen bij Werkpad");
    expect(Number.isNaN(Date.parse(magic?.createdAt ?? ""))).toBe(false);
    expect(exists).toMatchObject({
      kind: "account-exists",
      language: "fr",
      links: ["https://werkpad.test/signin", "https://werkpad.test/forgot-password"],
    });
    // The stored HTML is not handed to the page.
    expect(JSON.stringify(messages)).not.toContain("<html");
  });

  test("without RESEND_API_KEY the worker renders and records e-mails, and sends nothing", async () => {
    await enqueue(db, "email", {
      template: "reset-password",
      to: "carol@example.com",
      language: "en",
      props: { name: "Carol", link: "https://werkpad.test/reset?token=x", expiresInMinutes: 60 },
    });

    const stop = startJobWorker(10);
    await vi.waitFor(async () =>
      expect(await db.outboxMessage.count({ where: { to: "carol@example.com" } })).toBe(1),
    );
    await stop();

    expect(sentEmails).toHaveLength(0);
    const message = await db.outboxMessage.findFirstOrThrow({
      where: { to: "carol@example.com" },
      include: { job: true },
    });
    // Recorded, not sent: the link stays readable here for the demo.
    expect(message).toMatchObject({ status: "PENDING", secret: true });
    expect(message.text).toContain("https://werkpad.test/reset?token=x");
    expect(message.job).toMatchObject({ status: "DONE", attempts: 1, payload: null });
  });
});
