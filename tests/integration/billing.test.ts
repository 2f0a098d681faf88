import { HttpResponse, http } from "msw";
import Stripe from "stripe";
import { beforeEach, describe, expect, test, vi } from "vitest";

// Before any module reads the environment: the real SDK, against Stripe's address (MSW answers).
vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_werkpad_integration";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_werkpad_development_simulator";
});

const { db } = await import("#app/modules/db.server.ts");
const { isoDay } = await import("#app/modules/dates.ts");
const { env } = await import("#app/modules/env.server.ts");
const { reconcileSeats } = await import("#app/modules/billing/seats.server.ts");
const { remindTrialEnding } = await import("#app/modules/billing/recurring.server.ts");
const { processStripeEvent } = await import("#app/modules/billing/webhook.server.ts");
const simulator = await import("#app/modules/billing/simulator.server.ts");
const { action: billingAction, loader: billingLoader } = await import("#app/routes/billing.tsx");
const { action: webhookAction } = await import("#app/routes/webhooks.stripe.ts");
const { action: newCaseAction } = await import("#app/routes/cases.new.tsx");
const { action: membersAction } = await import("#app/routes/members.tsx");
const { action: editCaseAction } = await import("#app/routes/cases.$caseId.edit.tsx");
const { mockServer } = await import("#tests/mocks/server.ts");
const { deliveries, stripeApiBase, stripeHandlers } = await import("#tests/mocks/stripe.ts");
const { createCaseTeam, planOf, proposeAs } = await import("#tests/helpers/cases.ts");
const { runJobsUntilIdle } = await import("#tests/helpers/email.ts");
const { createTeam } = await import("#tests/helpers/factories.ts");
const { callRoute, get, post } = await import("#tests/helpers/route-args.ts");

type Team = Awaited<ReturnType<typeof createTeam>>;

beforeEach(() => {
  mockServer.use(...stripeHandlers());
  deliveries.length = 0;
});

const owner = (team: Team) => ({ Cookie: team.owner.cookie });

async function subscribe(team: Team, interval: "month" | "year" = "month") {
  const answer = await callRoute(
    billingAction,
    post("/billing", { intent: "subscribe", interval }, owner(team)),
  );
  expect(answer.status).toBe(302);
  const sessionId = answer.location?.split("/").pop() ?? "";
  const paid = await simulator.completeCheckout(sessionId, {
    outcome: "pay",
    vatId: "NL123456789B01",
  });
  expect(paid.ok).toBe(true);
  await runJobsUntilIdle();
}

async function portal(team: Team): Promise<string> {
  const answer = await callRoute(
    billingAction,
    post("/billing", { intent: "manage" }, owner(team)),
  );
  expect(answer.status).toBe(302);
  return answer.location?.split("/").pop() ?? "";
}

async function ourCopy(team: Team) {
  return db.subscription.findUnique({ where: { organizationId: team.organization.id } });
}

async function endTrial(team: Team) {
  await db.organization.update({
    where: { id: team.organization.id },
    data: { trialEndsAt: new Date(Date.now() - 60_000) },
  });
}

/** A signed delivery, as Stripe sends it. */
function delivery(event: object, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? (env().STRIPE_WEBHOOK_SECRET as string),
    timestamp: options.timestamp,
  });
  return new Request(`${env().APP_URL}/webhooks/stripe`, {
    method: "POST",
    body: payload,
    headers: { "Content-Type": "application/json", "stripe-signature": header },
  });
}

function subscriptionEvent(customer: string, id = `evt_${Math.random().toString(36).slice(2)}`) {
  return {
    id,
    object: "event",
    type: "customer.subscription.updated",
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: "sub_forged", object: "subscription", customer, status: "active" } },
  };
}

/** HR opens a case for the team's other employee, as the new-case form does. */
const openCaseForm = (team: Awaited<ReturnType<typeof createCaseTeam>>) =>
  post(
    "/cases/new",
    {
      kind: "OWN_HEALTH",
      employeeId: team.otherEmployee.user.id,
      managerId: team.manager.user.id,
      country: "NL",
      startKind: "ABSENCE",
    },
    { Cookie: team.hr.cookie },
  );

async function customerOf(team: Team): Promise<string> {
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: team.organization.id },
  });
  return organization.stripeCustomerId ?? "";
}

describe("subscribing", () => {
  test("an owner in trial subscribes through Checkout; our copy follows Stripe's verified webhooks", async () => {
    const team = await createTeam();
    const before = await callRoute(billingLoader, get("/billing", owner(team)));
    expect(before.data).toMatchObject({ standing: { kind: "trial" }, live: false, invoices: [] });

    await subscribe(team);
    expect(deliveries.map((d) => [d.type, d.status])).toEqual([
      ["checkout.session.completed", 200],
      ["customer.subscription.created", 200],
      ["invoice.paid", 200],
    ]);
    const copy = await ourCopy(team);
    expect(copy).toMatchObject({
      status: "active",
      interval: "month",
      currency: "eur",
      quantity: 1,
      priceLookupKey: "werkpad_case_month_eur",
    });
    const page = await callRoute(billingLoader, get("/billing", owner(team)));
    expect(page.data).toMatchObject({ standing: { kind: "active" }, live: true });
    const invoices = (
      page.data as { invoices: Array<{ status: string; amount: number; url: string }> }
    ).invoices;
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "paid", amount: copy?.unitAmount });
    expect(invoices[0]?.url).toMatch(/^http:\/\/localhost:\d+\/dev\/stripe\/invoices\/in_/);
  });

  test("Checkout asks for a VAT number, bills per active case in the organisation's currency, and a second Subscribe is refused", async () => {
    const team = await createTeam();
    await db.organization.update({ where: { id: team.organization.id }, data: { country: "UK" } });
    let sent: URLSearchParams | undefined;
    mockServer.use(
      http.post(`${stripeApiBase}/checkout/sessions`, async ({ request }) => {
        sent = new URLSearchParams(await request.clone().text());
        return simulator.handleStripeApiRequest(request);
      }),
    );
    await subscribe(team, "year");
    expect(sent?.get("tax_id_collection[enabled]")).toBe("true");
    expect(sent?.get("mode")).toBe("subscription");
    expect((await ourCopy(team))?.priceLookupKey).toBe("werkpad_case_year_gbp");

    const again = await callRoute(
      billingAction,
      post("/billing", { intent: "subscribe", interval: "month" }, owner(team)),
    );
    expect(again.status).toBe(409);
    expect(again.data).toMatchObject({ error: "billing:errors.alreadySubscribed" });
  });

  test("when Stripe fails, the owner reads that nothing was charged, and the choice is kept", async () => {
    const team = await createTeam();
    mockServer.use(
      http.post(`${stripeApiBase}/checkout/sessions`, () =>
        HttpResponse.json(
          { error: { type: "api_error", message: "Something went wrong" } },
          { status: 500 },
        ),
      ),
    );
    const answer = await callRoute(
      billingAction,
      post("/billing", { intent: "subscribe", interval: "year" }, owner(team)),
    );
    expect(answer.status).toBe(503);
    expect(answer.data).toEqual({ error: "billing:errors.stripeUnavailable", interval: "year" });
    expect(await ourCopy(team)).toBeNull();
  });

  test("a malformed choice gets 400 and calls nobody", async () => {
    const team = await createTeam();
    const forms: Array<Record<string, string>> = [
      { intent: "subscribe", interval: "week" },
      { intent: "refund" },
      {},
    ];
    for (const fields of forms) {
      const answer = await callRoute(billingAction, post("/billing", fields, owner(team)));
      expect(answer.status).toBe(400);
    }
    expect(await customerOf(team)).toBe("");
  });
});

describe("who sees billing", () => {
  test("only owners: everyone else gets 404 on the page and its actions", async () => {
    const team = await createTeam();
    for (const member of [team.hr, team.manager, team.employee, team.physician]) {
      const page = await callRoute(billingLoader, get("/billing", { Cookie: member.cookie }));
      expect(page.status).toBe(404);
      const subscribe = await callRoute(
        billingAction,
        post("/billing", { intent: "subscribe", interval: "month" }, { Cookie: member.cookie }),
      );
      expect(subscribe.status).toBe(404);
    }
  });

  test("an owner reads their own organisation's invoices, never another's", async () => {
    const paying = await createTeam();
    const other = await createTeam();
    await subscribe(paying);
    const page = await callRoute(billingLoader, get("/billing", owner(other)));
    expect(page.data).toMatchObject({ live: false, invoices: [], subscription: null });
  });
});

describe("the webhook", () => {
  test("a forged, unsigned or too-old event gets 400 and changes nothing", async () => {
    const team = await createTeam();
    await subscribe(team);
    const customer = await customerOf(team);
    const forged = await callRoute(
      webhookAction,
      delivery(subscriptionEvent(customer), { secret: "whsec_someone_else" }),
    );
    expect(forged.status).toBe(400);
    const old = await callRoute(
      webhookAction,
      delivery(subscriptionEvent(customer), { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    );
    expect(old.status).toBe(400);
    const unsigned = await callRoute(
      webhookAction,
      new Request(`${env().APP_URL}/webhooks/stripe`, {
        method: "POST",
        body: JSON.stringify(subscriptionEvent(customer)),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(unsigned.status).toBe(400);
    const notJson = await callRoute(
      webhookAction,
      new Request(`${env().APP_URL}/webhooks/stripe`, {
        method: "POST",
        body: "intent=anything",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "stripe-signature": "t=1,v1=00",
        },
      }),
    );
    expect(notJson.status).toBe(400);
    expect(
      await db.stripeEvent.count({
        where: { id: { startsWith: "evt_" }, type: "customer.subscription.updated" },
      }),
    ).toBe(0);
  });

  test("the same event delivered twice at once is recorded and processed once", async () => {
    const team = await createTeam();
    await subscribe(team);
    const event = subscriptionEvent(await customerOf(team));
    const answers = await Promise.all([
      callRoute(webhookAction, delivery(event)),
      callRoute(webhookAction, delivery(event)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(1);
    expect(
      await db.job.count({
        where: { kind: "stripe.event", payload: { equals: { eventId: event.id } } },
      }),
    ).toBe(1);
    // A replay a day later, signed afresh, is still the same event.
    const replay = await callRoute(webhookAction, delivery(event));
    expect(replay.status).toBe(200);
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(1);
    await runJobsUntilIdle();
    expect(await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      status: "DONE",
      attempts: 1,
    });
  });

  test("a forged payload that verifies changes nothing Stripe does not say: only the customer's id is used", async () => {
    const team = await createTeam();
    await subscribe(team);
    const customer = await customerOf(team);
    const portalId = await portal(team);
    await simulator.cancelSubscription(portalId);
    await runJobsUntilIdle();
    // "active" in the payload, but Stripe says cancelled.
    await callRoute(webhookAction, delivery(subscriptionEvent(customer)));
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("canceled");
  });

  test("events that arrive out of order still end in Stripe's state", async () => {
    const team = await createTeam();
    // Stripe's events are made, but not delivered: they arrive later, newest first.
    mockServer.use(
      http.post(`${env().APP_URL}/webhooks/stripe`, () => new HttpResponse(null, { status: 503 })),
    );
    await subscribe(team);
    const portalId = await portal(team);
    await simulator.failRenewal(portalId);
    await simulator.payOpenInvoices(portalId);
    expect(await ourCopy(team)).toBeNull();
    mockServer.resetHandlers();
    mockServer.use(...stripeHandlers());
    const events = await db.simulatedStripeObject.findMany({
      where: { type: "event" },
      orderBy: { createdAt: "desc" },
    });
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const event of events) await simulator.redeliverEvent(event.id);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("active");
    const invoices = await db.invoice.findMany({ where: { organizationId: team.organization.id } });
    expect(invoices.map((invoice) => invoice.status).sort()).toEqual(["paid", "paid"]);
  });

  test("trial-will-end is received, recorded once and converges like every other event", async () => {
    const team = await createTeam();
    await subscribe(team);
    const subscription = await ourCopy(team);
    const sent = await simulator.simulateTrialWillEnd(subscription?.id ?? "");
    expect(sent.ok).toBe(true);
    expect(deliveries.at(-1)).toEqual({
      type: "customer.subscription.trial_will_end",
      status: 200,
    });
    await runJobsUntilIdle();
    const row = await db.stripeEvent.findFirstOrThrow({
      where: { type: "customer.subscription.trial_will_end" },
    });
    expect(row).toMatchObject({ status: "DONE", customerId: await customerOf(team) });
    expect((await ourCopy(team))?.status).toBe("active");
  });

  test("a ledger row stuck in progress is taken again once its lock has run out", async () => {
    const team = await createTeam();
    await subscribe(team);
    const event = subscriptionEvent(await customerOf(team));
    await db.stripeEvent.create({
      data: {
        id: event.id,
        type: event.type,
        customerId: await customerOf(team),
        status: "PROCESSING",
        lockedUntil: new Date(Date.now() + 60_000),
      },
    });
    const job = { id: "j", organizationId: null, now: () => new Date() };
    await processStripeEvent({ eventId: event.id }, job);
    expect((await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(
      "PROCESSING",
    );
    const later = { ...job, now: () => new Date(Date.now() + 10 * 60_000) };
    await processStripeEvent({ eventId: event.id }, later);
    expect((await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(
      "DONE",
    );
  });

  test("when Stripe cannot be read, the event is marked failed and its job tries again", async () => {
    const team = await createTeam();
    await subscribe(team);
    const event = subscriptionEvent(await customerOf(team));
    mockServer.use(
      http.get(`${stripeApiBase}/subscriptions`, () =>
        HttpResponse.json({ error: { type: "api_error", message: "down" } }, { status: 500 }),
      ),
    );
    await callRoute(webhookAction, delivery(event));
    await runJobsUntilIdle();
    expect(await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      status: "FAILED",
    });
    const job = await db.job.findFirstOrThrow({
      where: { kind: "stripe.event", payload: { equals: { eventId: event.id } } },
    });
    expect(job.status).toBe("QUEUED");
    mockServer.resetHandlers();
    mockServer.use(...stripeHandlers());
    await runJobsUntilIdle(new Date(Date.now() + 60_000));
    expect((await db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(
      "DONE",
    );
  });
});

describe("seats", () => {
  test("opening a case raises the quantity at once; closing one never lowers it within the period; a new period does", async () => {
    const team = await createCaseTeam();
    await subscribe(team);
    expect((await ourCopy(team))?.quantity).toBe(1);

    const opened = await callRoute(newCaseAction, openCaseForm(team));
    expect(opened.status).toBe(302);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.quantity).toBe(2);
    // The raise is billed at once.
    expect(await db.invoice.count({ where: { organizationId: team.organization.id } })).toBe(2);

    const closed = await callRoute(
      editCaseAction,
      post(
        `/cases/${team.record.id}/edit`,
        {
          status: "CLOSED",
          closedCategory: "RETURNED_OWN_WORK",
          closedReason: "Back at work",
          country: "NL",
          managerId: team.manager.user.id,
          startKind: "ABSENCE",
        },
        { Cookie: team.hr.cookie },
      ),
      { caseId: team.record.id },
    );
    expect(closed.status).toBe(302);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.quantity).toBe(2);
    expect(await reconcileSeats(team.organization.id)).toBeNull();

    // A new period: the reconcile job brings the quantity down to what is open now.
    await db.subscription.update({
      where: { organizationId: team.organization.id },
      data: { currentPeriodStart: new Date(Date.now() + 1000) },
    });
    expect(await reconcileSeats(team.organization.id)).toBe("lowered");
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.quantity).toBe(1);
  });

  test("drift is visible to the owner until Stripe confirms, and the reconcile job fixes it", async () => {
    const team = await createCaseTeam();
    await subscribe(team);
    await db.case.create({
      data: {
        organizationId: team.organization.id,
        kind: "OWN_HEALTH",
        country: "NL",
        employeeId: team.otherEmployee.user.id,
        managerId: team.manager.user.id,
        openedById: team.hr.user.id,
      },
    });
    const page = await callRoute(billingLoader, get("/billing", owner(team)));
    expect(page.data).toMatchObject({ drift: true, activeCases: 2 });
    expect(await reconcileSeats(team.organization.id)).toBe("raised");
    await runJobsUntilIdle();
    const after = await callRoute(billingLoader, get("/billing", owner(team)));
    expect(after.data).toMatchObject({ drift: false, activeCases: 2 });
  });
});

describe("what not paying means", () => {
  const inviteForm = (team: Team) =>
    post("/members", { email: `new-${Date.now()}@example.com`, role: "EMPLOYEE" }, owner(team));

  test("after the trial, new cases and invitations are refused with a message; the existing plan works for everyone", async () => {
    const team = await createCaseTeam();
    await endTrial(team);
    const opening = await callRoute(newCaseAction, openCaseForm(team));
    expect(opening.status).toBe(200);
    expect(JSON.stringify(opening.data)).toContain("billing:notPaying.cases");
    const inviting = await callRoute(membersAction, inviteForm(team));
    expect(JSON.stringify(inviting.data)).toContain("billing:notPaying.members");
    expect(await db.case.count({ where: { organizationId: team.organization.id } })).toBe(1);
    expect(await db.invitation.count({ where: { organizationId: team.organization.id } })).toBe(0);

    // The employee and the employer side still negotiate the plan.
    const proposed = await proposeAs(team.employee.cookie, team.record.id, "REVIEW", {
      date: isoDay(60),
    });
    expect(proposed.status).toBe(302);
    const plan = await planOf(team.manager.cookie, team.record.id);
    expect(plan.items.map((item) => item.kind)).toEqual(["REVIEW"]);
    const physicianView = await planOf(team.physician.cookie, team.record.id);
    expect(physicianView.items).toHaveLength(1);
  });

  test("per status: trial and active and past due may grow; unpaid and cancelled may not", async () => {
    const team = await createCaseTeam();
    const mayOpen = async () => {
      const answer = await callRoute(newCaseAction, openCaseForm(team));
      if (answer.status === 302) {
        await db.case.deleteMany({ where: { employeeId: team.otherEmployee.user.id } });
        return true;
      }
      expect(JSON.stringify(answer.data)).toContain("billing:notPaying.cases");
      return false;
    };
    expect(await mayOpen()).toBe(true);
    await subscribe(team);
    await endTrial(team);
    expect(await mayOpen()).toBe(true);
    const portalId = await portal(team);
    await simulator.failRenewal(portalId);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("past_due");
    expect(await mayOpen()).toBe(true);
    await simulator.stopRetrying(portalId);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("unpaid");
    expect(await mayOpen()).toBe(false);
    await simulator.payOpenInvoices(portalId);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("active");
    expect(await mayOpen()).toBe(true);
    await simulator.cancelSubscription(portalId);
    await runJobsUntilIdle();
    expect((await ourCopy(team))?.status).toBe("canceled");
    expect(await mayOpen()).toBe(false);
  });
});

describe("e-mails to owners", () => {
  const billingEmails = (team: Team) =>
    db.job.findMany({
      where: {
        kind: "email",
        organizationId: team.organization.id,
        summary: { path: ["template"], equals: "billing" },
      },
    });

  test("a failed payment and a cancellation each tell the owners once, whatever the deliveries", async () => {
    const team = await createTeam();
    await subscribe(team);
    const portalId = await portal(team);
    await simulator.failRenewal(portalId);
    await runJobsUntilIdle();
    const events = await db.simulatedStripeObject.findMany({ where: { type: "event" } });
    for (const event of events) await simulator.redeliverEvent(event.id);
    await runJobsUntilIdle();
    await simulator.cancelSubscription(portalId);
    await runJobsUntilIdle();
    const sent = await db.outboxMessage.findMany({
      where: { to: team.owner.user.email, kind: "billing" },
      orderBy: { createdAt: "asc" },
    });
    expect(sent.map((message) => message.subject)).toEqual([
      expect.stringMatching(/^Een betaling voor Werkpad is mislukt/),
      expect.stringMatching(/^Het abonnement van .* op Werkpad is beëindigd/),
    ]);
    expect(await billingEmails(team)).toHaveLength(2);
  });

  test("the trial reminder goes to owners once, 7 days before the trial ends, in the organisation's language", async () => {
    const team = await createTeam();
    const now = new Date();
    await db.organization.update({
      where: { id: team.organization.id },
      data: { trialEndsAt: new Date(now.getTime() + 6 * 24 * 60 * 60_000) },
    });
    expect(await remindTrialEnding(now)).toBeGreaterThanOrEqual(1);
    expect(await remindTrialEnding(now)).toBe(0);
    await runJobsUntilIdle();
    const sent = await db.outboxMessage.findMany({
      where: { to: team.owner.user.email, kind: "billing" },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/^De proefperiode van Werkpad voor .* eindigt over 7 dagen$/);
    expect(
      await db.outboxMessage.count({ where: { to: team.hr.user.email, kind: "billing" } }),
    ).toBe(0);
  });
});
