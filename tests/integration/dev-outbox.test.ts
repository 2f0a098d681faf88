import { describe, expect, test } from "vitest";
import { get, routeArgs } from "#tests/helpers/route-args.ts";
import { sentEmails } from "#tests/mocks/resend.ts";

// Outside production, without a Resend key: the development setting. env()
// reads the environment once, so set it before any application module loads.
delete process.env.RESEND_API_KEY;
delete process.env.DEV_OUTBOX;
process.env.NODE_ENV = "test";
const { db } = await import("#app/modules/db.server.ts");
const { deliverDueMessages, queueEmail, startOutboxWorker } = await import(
  "#app/modules/notifications/outbox.server.ts"
);
const { loader } = await import("#app/routes/dev.outbox.tsx");

describe("/dev/outbox outside production", () => {
  test("lists the e-mails newest first, with their text and links", async () => {
    await queueEmail(db, {
      kind: "account-exists",
      to: "ada@example.com",
      language: "fr",
      props: {
        name: "Ada",
        signInLink: "https://werkpad.test/signin",
        resetLink: "https://werkpad.test/forgot-password",
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queueEmail(db, {
      kind: "magic-link",
      to: "bob@example.com",
      language: "nl",
      secret: true,
      props: {
        name: "Bob",
        link: "https://werkpad.test/signin/magic?token=abc",
        expiresInMinutes: 15,
      },
    });

    const { messages } = await loader(routeArgs(get("/dev/outbox")));

    expect(messages.map((message) => message.to)).toEqual(["bob@example.com", "ada@example.com"]);
    const [magic, exists] = messages;
    expect(magic).toMatchObject({
      kind: "magic-link",
      subject: "Uw link om in te loggen bij Werkpad",
      status: "PENDING",
      attempts: 0,
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

  test("without RESEND_API_KEY nothing is sent: e-mails stay in the outbox", async () => {
    await queueEmail(db, {
      kind: "reset-password",
      to: "carol@example.com",
      language: "en",
      secret: true,
      props: { name: "Carol", link: "https://werkpad.test/reset?token=x", expiresInMinutes: 60 },
    });

    expect(await deliverDueMessages()).toEqual({ sent: 0, failed: 0, retried: 0 });
    const stop = startOutboxWorker(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stop();

    expect(sentEmails).toHaveLength(0);
    const message = await db.outboxMessage.findFirstOrThrow({ where: { to: "carol@example.com" } });
    expect(message).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(message.text).toContain("https://werkpad.test/reset?token=x");
  });
});
