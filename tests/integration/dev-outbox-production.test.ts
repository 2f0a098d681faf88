import { describe, expect, test, vi } from "vitest";
import { get, routeArgs } from "#tests/helpers/route-args.ts";

// env() reads the environment once per module instance: each test sets the
// environment, then loads the route afresh.
async function loadRoute(environment: { DEV_OUTBOX?: string }) {
  process.env.NODE_ENV = "production";
  if (environment.DEV_OUTBOX === undefined) delete process.env.DEV_OUTBOX;
  else process.env.DEV_OUTBOX = environment.DEV_OUTBOX;
  vi.resetModules();
  return import("#app/routes/dev.outbox.tsx");
}

describe("/dev/outbox in production", () => {
  test("does not exist without DEV_OUTBOX", async () => {
    const { loader } = await loadRoute({});
    const thrown = await loader(routeArgs(get("/dev/outbox"))).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toMatchObject({ init: { status: 404 } });
  });

  test("does not exist with DEV_OUTBOX=0", async () => {
    const { loader } = await loadRoute({ DEV_OUTBOX: "0" });
    await expect(loader(routeArgs(get("/dev/outbox")))).rejects.toMatchObject({
      init: { status: 404 },
    });
  });

  test("is there with DEV_OUTBOX=1 (the demo and the browser tests)", async () => {
    const { loader } = await loadRoute({ DEV_OUTBOX: "1" });
    // Written directly: rendering an e-mail here would mix React's production
    // and development builds (NODE_ENV changed after React loaded).
    const { db } = await import("#app/modules/db.server.ts");
    await db.outboxMessage.create({
      data: {
        job: { create: { kind: "email", status: "DONE" } },
        kind: "invitation",
        to: "dan@example.com",
        subject: "Pieter Jansen invites you to Bakkerij Jansen on Werkpad",
        html: '<html lang="en"><body>…</body></html>',
        text: "Accept the invitation https://werkpad.test/invitations/accept?token=t",
        secret: true,
      },
    });
    const { messages } = await loader(routeArgs(get("/dev/outbox")));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      to: "dan@example.com",
      language: "en",
      links: ["https://werkpad.test/invitations/accept?token=t"],
    });
  });
});
