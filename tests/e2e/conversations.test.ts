import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { parse } from "yaml";
import enGuides from "../../app/locales/en/guides.json" with { type: "json" };
import frGuides from "../../app/locales/fr/guides.json" with { type: "json" };
import nlGuides from "../../app/locales/nl/guides.json" with { type: "json" };
import nlForms from "../../app/locales/nl/planForms.json" with { type: "json" };
import nlPlans from "../../app/locales/nl/plans.json" with { type: "json" };
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * A conversation as a Dutch manager runs it and her employee prepares it, on
 * the demo case of Fatma Yilmaz (HR, in treatment; Sanne Bakker, the owner,
 * is her manager): the suggested guide, notes that survive a reload, three
 * outcomes turned into proposals, which Fatma agrees to on her plan. Then the
 * guides and the information hub as anyone reads them, in three languages.
 */
type Text = { nl: string; en: string; fr: string };
const guide = parse(readFileSync("templates/guides/first-conversation.yaml", "utf8")) as {
  title: Text;
  steps: Array<{ id: string; title: Text }>;
  outcomes: Array<{ id: string; label: Text }>;
  employee: { neverTell: Text[] };
};
const outcome = (id: string) =>
  guide.outcomes.find((candidate) => candidate.id === id)?.label.nl ?? id;
const caseId = "demo-case-nl-hr";
/** The words of a text before its first placeholder: "Opgeslagen op " of "Opgeslagen op {{time}}". */
const before = (text: string) => text.split("{{")[0] ?? text;
const startsWith = (text: string) =>
  new RegExp(`^${before(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

function outcomeCard(page: Page, label: string) {
  return page
    .locator("#outcomes .item-card")
    .filter({ has: page.getByRole("heading", { level: 3, name: label }) });
}

test("a manager runs the first conversation in Dutch; three outcomes become proposals the employee agrees to", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const sanneContext = await browser.newContext({ locale: "nl-NL" });
  const sanne = await signIn(sanneContext, "owner@demo.werkpad.test");
  const fatmaContext = await browser.newContext({ locale: "nl-NL" });
  const fatma = await signIn(fatmaContext, "hr.employee@demo.werkpad.test");

  // The case is being prepared: the guide for the first conversation is suggested.
  await sanne.goto(`/cases/${caseId}`);
  await sanne.getByRole("link", { name: nlPlans.conversationsLink }).click();
  await hydrated(sanne);
  await expect(sanne.getByText(guide.title.nl, { exact: false }).first()).toBeVisible();
  await expect(sanne.getByLabel(nlGuides.start.guide)).toHaveValue("first-conversation");
  await sanne.getByRole("button", { name: nlGuides.start.button }).click();
  await expect(sanne.getByRole("heading", { level: 1 })).toHaveText(guide.title.nl);
  const conversationUrl = sanne.url();

  // Fatma prepares: what she never has to tell, a topic, and notes of her own.
  await fatma.goto(conversationUrl);
  await hydrated(fatma);
  await expect(fatma.getByText(guide.employee.neverTell[0]?.nl ?? "")).toBeVisible();
  await fatma.getByLabel(nlGuides.prepare.topic).fill("Kan ik op dinsdag thuiswerken?");
  await fatma.getByRole("button", { name: nlGuides.prepare.addTopic }).click();
  await expect(fatma.getByText(nlGuides.prepare.topicAdded)).toBeVisible();
  await fatma
    .getByLabel(nlGuides.prepare.ownNotesLabel)
    .fill("Voor mezelf: rust op woensdag vragen.");
  await expect(fatma.getByText(startsWith(nlGuides.autosave.saved))).toBeVisible({
    timeout: 10_000,
  });
  await expectNoAxeViolations(fatma);
  await screenshot(fatma, testInfo, "conversation-prepare-nl");

  // Sanne sees the topic, not Fatma's own notes; her note saves itself and survives a reload.
  await sanne.reload();
  await hydrated(sanne);
  await expect(sanne.getByText("Kan ik op dinsdag thuiswerken?")).toBeVisible();
  await expect(sanne.getByText("Voor mezelf")).toHaveCount(0);
  const firstNote = sanne.getByLabel(nlGuides.meeting.note).first();
  await firstNote.fill("Fatma wil elke maandag even bellen. Ze vertelde ook over de chemo.");
  await expect(sanne.getByText(nlGuides.autosave.healthWarning)).toBeVisible();
  await firstNote.fill("Fatma wil elke maandag even bellen.");
  await expect(sanne.getByText(nlGuides.autosave.healthWarning)).toHaveCount(0);
  await expect(sanne.getByText(startsWith(nlGuides.autosave.saved)).first()).toBeVisible({
    timeout: 10_000,
  });
  await sanne.reload();
  await expect(sanne.getByLabel(nlGuides.meeting.note).first()).toHaveValue(
    "Fatma wil elke maandag even bellen.",
  );

  // Three outcomes, each a proposal in the plan in one step.
  const contact = outcomeCard(sanne, outcome("contact"));
  await contact
    .getByLabel(nlForms.fields.text)
    .fill("Op maandag even bellen, als het Fatma uitkomt.");
  await contact.getByRole("button", { name: nlGuides.meeting.propose }).click();
  await expect(sanne.getByText(nlGuides.meeting.proposed)).toBeVisible();
  const colleagues = outcomeCard(sanne, outcome("colleagues"));
  await colleagues
    .getByLabel(nlForms.fields.text)
    .fill("Het team hoort alleen dat Fatma minder werkt.");
  await colleagues.getByRole("button", { name: nlGuides.meeting.propose }).click();
  await expect(sanne.getByText(nlGuides.meeting.proposed)).toBeVisible();
  const nextTalk = outcomeCard(sanne, outcome("next-talk"));
  const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await nextTalk.getByLabel(nlForms.fields.date).fill(inThreeWeeks);
  await nextTalk.getByRole("button", { name: nlGuides.meeting.propose }).click();
  await expect(sanne.getByText(nlGuides.meeting.proposed)).toBeVisible();
  await expect(sanne.getByRole("heading", { name: nlGuides.summary.proposals })).toBeVisible();
  await expectNoAxeViolations(sanne);
  await screenshot(sanne, testInfo, "conversation-meeting-nl");
  await sanne.getByRole("button", { name: nlGuides.meeting.held }).click();
  await expect(sanne.getByText(nlGuides.meeting.heldSaved)).toBeVisible();

  // Fatma sees them as proposals from that conversation, and agrees.
  await fatma.goto(`/cases/${caseId}`);
  await hydrated(fatma);
  const fromConversation = fatma
    .getByRole("listitem")
    .filter({ hasText: before(nlPlans.fromConversation) });
  await expect(fromConversation).toHaveCount(3);
  await screenshot(fatma, testInfo, "conversation-proposals-nl");
  for (let left = 3; left > 0; left--) {
    await fromConversation.getByRole("button", { name: nlPlans.actions.agree }).first().click();
    await expect(fromConversation.getByRole("button", { name: nlPlans.actions.agree })).toHaveCount(
      left - 1,
    );
  }
  // After the meeting she reads what came of it, and reacts.
  await fatma.goto(conversationUrl);
  await expect(fatma.getByRole("heading", { name: nlGuides.summary.heading })).toBeVisible();
  await fatma
    .getByLabel(nlGuides.summary.reaction)
    .fill("Fijn dat we dit samen hebben afgesproken.");
  await fatma.getByRole("button", { name: nlGuides.summary.send }).click();
  await expect(fatma.getByText(nlGuides.summary.reacted)).toBeVisible();
  await sanneContext.close();
  await fatmaContext.close();
});

test("anyone reads the guides and the information hub, in Dutch, English and French", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  for (const [locale, texts] of [
    ["en-GB", enGuides],
    ["nl-NL", nlGuides],
    ["fr-BE", frGuides],
  ] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/guides");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(texts.list.title);
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(6);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: guide.title[locale.slice(0, 2) as "nl"] }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: texts.guide.mayNotAsk }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    if (locale === "nl-NL") await screenshot(page, testInfo, "guide-first-conversation-nl");

    await page.goto("/hub");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(texts.hub.title);
    await expectNoAxeViolations(page);
    await page.locator('a[href="/hub/be-rights"]').click();
    await expect(page.getByRole("heading", { level: 2, name: texts.hub.terms })).toBeVisible();
    await expect(page.getByText(startsWith(texts.hub.checked))).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, `hub-be-rights-${locale.slice(0, 2)}`);
    await context.close();
  }
});
