import { describe, expect, test } from "vitest";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import { contentHash } from "#app/modules/hash.ts";
import { action as autosaveAction } from "#app/routes/cases.$caseId.conversations.$conversationId.autosave.ts";
import {
  action as conversationAction,
  loader as conversationLoader,
} from "#app/routes/cases.$caseId.conversations.$conversationId.tsx";
import {
  action as conversationsAction,
  loader as conversationsLoader,
} from "#app/routes/cases.$caseId.conversations.tsx";
import { createCaseTeam, planOf } from "#tests/helpers/cases.ts";
import { createTeam } from "#tests/helpers/factories.ts";
import { callRoute, get, post, responseOf, toastOf } from "#tests/helpers/route-args.ts";

/**
 * Conversations led by a guide, as the manager and the employee use them:
 * started from the case, notes that save themselves, outcomes that become
 * plan proposals, the employee's preparation, and who reads what.
 */
async function start(cookie: string, caseId: string, fields: Record<string, string> = {}) {
  const answer = await callRoute(
    conversationsAction,
    post(
      `/cases/${caseId}/conversations`,
      { intent: "start", guideId: "first-conversation", ...fields },
      { Cookie: cookie },
    ),
    { caseId },
  );
  const conversationId = answer.location?.split("/").pop() ?? "";
  return { answer, conversationId };
}

function act(
  cookie: string,
  caseId: string,
  conversationId: string,
  fields: Record<string, string>,
) {
  return callRoute(
    conversationAction,
    post(`/cases/${caseId}/conversations/${conversationId}`, fields, { Cookie: cookie }),
    { caseId, conversationId },
  );
}

function autosave(
  cookie: string,
  caseId: string,
  conversationId: string,
  fields: Record<string, string>,
) {
  return callRoute(
    autosaveAction,
    post(`/cases/${caseId}/conversations/${conversationId}/autosave`, fields, { Cookie: cookie }),
    { caseId, conversationId },
  );
}

async function view(cookie: string, caseId: string, conversationId: string) {
  return callRoute(
    conversationLoader,
    get(`/cases/${caseId}/conversations/${conversationId}`, { Cookie: cookie }),
    {
      caseId,
      conversationId,
    },
  );
}

describe("a conversation on a case", () => {
  test("the guide is suggested by the case's state, and kept as it was used", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const list = await callRoute(
      conversationsLoader,
      get(`/cases/${caseId}/conversations`, { Cookie: team.manager.cookie }),
      { caseId },
    );
    expect(list.data).toMatchObject({ suggested: "first-conversation", employer: true });
    await db.case.update({ where: { id: caseId }, data: { status: "RETURNING" } });
    const returning = await callRoute(
      conversationsLoader,
      get(`/cases/${caseId}/conversations`, { Cookie: team.hr.cookie }),
      { caseId },
    );
    expect(returning.data).toMatchObject({ suggested: "planning-the-return" });

    const { answer, conversationId } = await start(team.manager.cookie, caseId, {
      plannedFor: isoDay(5),
    });
    expect(answer.status).toBe(302);
    // The employee is told, to prepare: the e-mail names who planned it, not what it is about.
    const told = await db.job.findFirstOrThrow({
      where: { kind: "email" },
      orderBy: { createdAt: "desc" },
    });
    expect(told.payload).toMatchObject({
      template: "conversation-planned",
      to: team.employee.user.email,
      props: { plannedBy: team.manager.user.name },
    });
    const stored = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const guide = (await loadGuides())["first-conversation"];
    expect(stored.guideHash).toBe(contentHash(guide));
    expect(stored.guide).toEqual(JSON.parse(JSON.stringify(guide)));
  });

  test("notes save themselves and survive a reload; a no-JavaScript submit saves them too; nothing else is accepted", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const { conversationId } = await start(team.manager.cookie, caseId);
    const guide = (await loadGuides())["first-conversation"];
    const [first, second] = guide.steps;
    const saved = await autosave(team.manager.cookie, caseId, conversationId, {
      intent: "note",
      stepId: first?.id ?? "",
      body: "Eva wil graag elke week even bellen.",
    });
    expect(saved.status).toBe(200);
    // Typed on: the newest text wins, nothing is lost.
    await autosave(team.manager.cookie, caseId, conversationId, {
      intent: "note",
      stepId: first?.id ?? "",
      body: "Eva wil graag elke week even bellen, op maandag.",
    });
    // A note that reads like health information gets the soft warning (and is kept).
    const withHealth = await responseOf(
      autosaveAction,
      post(
        `/cases/${caseId}/conversations/${conversationId}/autosave`,
        { intent: "note", stepId: second?.id ?? "", body: "Ze vertelde over de chemo." },
        { Cookie: team.manager.cookie },
      ),
      { caseId, conversationId },
    );
    expect(await withHealth.json()).toMatchObject({ healthWords: true });
    await act(team.manager.cookie, caseId, conversationId, {
      intent: "save-notes",
      [`note-${second?.id}`]: "Werk: minder klantcontact voorlopig.",
    });
    const page = (await view(team.manager.cookie, caseId, conversationId)).data as {
      conversation: { notes: Array<{ stepId: string; body: string }> };
    };
    expect(page.conversation.notes.map((note) => [note.stepId, note.body]).sort()).toEqual(
      [
        [first?.id, "Eva wil graag elke week even bellen, op maandag."],
        [second?.id, "Werk: minder klantcontact voorlopig."],
      ].sort(),
    );
    for (const fields of [
      { intent: "note", stepId: "no-such-step", body: "x" } as Record<string, string>,
      { intent: "note", stepId: first?.id ?? "", body: "x".repeat(4001) },
      { intent: "nonsense", body: "x" },
    ]) {
      expect((await autosave(team.manager.cookie, caseId, conversationId, fields)).status).toBe(
        400,
      );
    }
    // The employee never writes or reads the employer side's notes.
    expect(
      (
        await autosave(team.employee.cookie, caseId, conversationId, {
          intent: "note",
          stepId: first?.id ?? "",
          body: "x",
        })
      ).status,
    ).toBe(404);
  });

  test("every kind of outcome becomes a plan proposal marked as from this conversation, which the employee answers", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const { conversationId } = await start(team.manager.cookie, caseId, {
      guideId: "planning-the-return",
    });
    const guide = (await loadGuides())["planning-the-return"];
    const byKind = (kind: string) => guide.outcomes.find((outcome) => outcome.kind === kind);
    const fieldsOf: Record<string, Record<string, string>> = {
      ADJUSTMENT: {
        owner: "Mark (leidinggevende)",
        startDate: isoDay(7),
        details: "Vanaf maandag.",
      },
      AGREEMENT: { text: "Elke vrijdag een kort gesprek.", frequency: "Elke week" },
      COLLEAGUES: { text: "Het team hoort alleen dat Eva minder uren werkt." },
      REVIEW: { date: isoDay(30) },
      SCHEDULE_PHASE: { startWeek: "1", hoursPerWeek: "12" },
    };
    for (const [kind, fields] of Object.entries(fieldsOf)) {
      const outcome = byKind(kind);
      expect(outcome, kind).toBeTruthy();
      const answer = await act(team.manager.cookie, caseId, conversationId, {
        intent: "propose-outcome",
        outcomeId: outcome?.id ?? "",
        ...(kind === "AGREEMENT"
          ? { topic: "contact" }
          : kind === "COLLEAGUES"
            ? { topic: "colleagues" }
            : {}),
        ...(outcome?.catalogueId ? { catalogueId: outcome.catalogueId } : {}),
        ...fields,
      });
      expect(answer.status, kind).toBe(302);
      expect(toastOf(answer)?.message).toBe("guides:meeting.proposed");
    }
    const items = await db.planItem.findMany({ where: { caseId } });
    expect(items.map((item) => item.kind).sort()).toEqual(
      ["ADJUSTMENT", "AGREEMENT", "AGREEMENT", "REVIEW", "SCHEDULE_PHASE"].sort(),
    );
    expect(items.every((item) => item.conversationId === conversationId)).toBe(true);
    const colleagues = items.find(
      (item) => (item.content as { topic?: string }).topic === "colleagues",
    );
    expect(colleagues).toBeTruthy();

    // The employee sees them as proposals from that conversation, waiting for their answer.
    const plan = await planOf(team.employee.cookie, caseId);
    for (const item of plan.items) {
      expect(item.awaiting).toBe("EMPLOYEE");
      expect((item as unknown as { fromConversation: unknown }).fromConversation).toBeTruthy();
    }

    // A refused field keeps what was typed and says why; nothing is proposed.
    const refused = await act(team.manager.cookie, caseId, conversationId, {
      intent: "propose-outcome",
      outcomeId: byKind("REVIEW")?.id ?? "",
      date: "2026-02-45",
      note: "Kept as typed",
    });
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.data)).toContain("Kept as typed");
    expect(await db.planItem.count({ where: { caseId } })).toBe(5);
  });

  test("the employee prepares: topics the manager reads, notes nobody else reads, and a reaction after the meeting", async () => {
    const team = await createCaseTeam();
    const caseId = team.record.id;
    const { conversationId } = await start(team.manager.cookie, caseId);
    const privateText = `PRIVATE-PREPARATION-${crypto.randomUUID()}`;
    await act(team.employee.cookie, caseId, conversationId, {
      intent: "add-topic",
      body: "Mag ik thuiswerken op dinsdag?",
    });
    const saved = await autosave(team.employee.cookie, caseId, conversationId, {
      intent: "preparation",
      body: privateText,
    });
    expect(saved.status).toBe(200);

    const employee = JSON.stringify(
      (await view(team.employee.cookie, caseId, conversationId)).data,
    );
    expect(employee).toContain(privateText);
    expect(employee).toContain("Mag ik thuiswerken op dinsdag?");
    for (const person of [team.manager, team.hr, team.owner]) {
      const seen = JSON.stringify((await view(person.cookie, caseId, conversationId)).data);
      expect(seen).toContain("Mag ik thuiswerken op dinsdag?");
      expect(seen).not.toContain(privateText);
    }
    // The physician has no part in conversations; another organisation does not find them.
    expect((await view(team.physician.cookie, caseId, conversationId)).status).toBe(404);
    const stranger = await createTeam();
    expect((await view(stranger.owner.cookie, caseId, conversationId)).status).toBe(404);

    // Before the meeting there is nothing to react to.
    expect(
      (
        await act(team.employee.cookie, caseId, conversationId, {
          intent: "react",
          body: "Goed gesprek.",
        })
      ).status,
    ).toBe(404);
    expect(
      (await act(team.manager.cookie, caseId, conversationId, { intent: "held" })).status,
    ).toBe(302);
    expect(
      (
        await act(team.employee.cookie, caseId, conversationId, {
          intent: "react",
          body: "Goed gesprek.",
        })
      ).status,
    ).toBe(302);
    const manager = JSON.stringify((await view(team.manager.cookie, caseId, conversationId)).data);
    expect(manager).toContain("Goed gesprek.");
    // The employee cannot run the meeting, and the employer side cannot write the employee's preparation.
    expect(
      (await act(team.employee.cookie, caseId, conversationId, { intent: "held" })).status,
    ).toBe(404);
    expect(
      (
        await autosave(team.manager.cookie, caseId, conversationId, {
          intent: "preparation",
          body: "x",
        })
      ).status,
    ).toBe(404);
  });
});
