import { expect, test } from "@playwright/test";
import en from "../../app/locales/en/checkins.json" with { type: "json" };
import { expectNoAxeViolations, hydrated, screenshot, signIn } from "./helpers.ts";

/**
 * Check-ins on the demo case of Eva Visser (demo-case-nl: started 120 days
 * ago, a graded schedule of 12, 18 and then 24 hours a week). Eva records two
 * weeks of hours well below the plan and two check-ins, one shared with her
 * employer and one for herself; the chart's table shows planned against
 * worked, and she is offered a review. Her manager, Mark Jansen, reads the
 * shared check-in's comment and never the private one's.
 */
const page = "/cases/demo-case-nl/checkins";

test("Eva records hours and check-ins, sees the plan against them and a suggestion; Mark reads only what she shared", async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const run = crypto.randomUUID().slice(0, 8);
  const shared = `Mornings go well, afternoons are long (${run}).`;
  const kept = `Only for me: slept badly all week (${run}).`;

  const evaContext = await browser.newContext({ locale: "en-GB" });
  const eva = await signIn(evaContext, "employee@demo.werkpad.test");
  await eva.goto(page);
  await hydrated(eva);
  await expect(eva.getByRole("heading", { level: 1 })).toHaveText(en.title);

  // Two weeks of hours, far below the plan: last week and the week before.
  // The weeks to choose from and the table's rows both start with this week.
  const rows = eva.getByTestId("hours-table").locator("tbody tr");
  const recorded: string[] = [];
  for (const index of [2, 1]) {
    const week = eva.getByLabel(en.hours.week, { exact: true });
    await week.selectOption({ index });
    recorded.push(await week.inputValue());
    await eva.getByLabel(en.hours.hours, { exact: true }).fill("2");
    await eva.getByRole("button", { name: en.hours.save }).click();
    await expect(eva.getByText(en.hours.saved)).toBeVisible();
    await expect(rows.nth(index).locator("td").nth(1)).toHaveText("2");
  }
  expect(new Set(recorded).size).toBe(2);

  // A check-in shared with the employer, and one kept private.
  const checkIn = async (scores: [string, string, string], comment: string, sharing: string) => {
    for (const [field, score] of [
      [en.pulse.energy.question, scores[0]],
      [en.pulse.workload.question, scores[1]],
      [en.pulse.planFit.question, scores[2]],
    ] as const)
      await eva
        .getByRole("radiogroup", { name: field })
        .getByRole("radio", { name: new RegExp(`^${score}\\b`) })
        .check();
    await eva.getByLabel(en.pulse.comment).fill(comment);
    await eva.getByRole("radio", { name: sharing, exact: true }).check();
    await eva.getByRole("button", { name: en.pulse.save }).click();
  };
  await checkIn(["4", "3", "3"], shared, en.sharing.EMPLOYER);
  await expect(eva.getByText(en.pulse.saved.EMPLOYER)).toBeVisible();
  await expect(eva.getByText(shared)).toBeVisible();
  await checkIn(["3", "2", "3"], kept, en.sharing.PRIVATE);
  await expect(eva.getByText(en.pulse.saved.PRIVATE)).toBeVisible();
  await expect(eva.getByText(kept)).toBeVisible();

  // The chart's table: this week first, then the two weeks she recorded, each planned against worked.
  for (const index of [1, 2]) {
    const cells = rows.nth(index).locator("td");
    await expect(cells.nth(0)).toHaveText(/\d/);
    await expect(cells.nth(0)).not.toHaveText(en.chart.none);
    await expect(cells.nth(1)).toHaveText("2");
  }
  await expect(eva.getByRole("img", { name: en.chart.hoursTitle })).toBeVisible();
  const pulse = eva.getByTestId("pulse-table").locator("tbody tr").first();
  await expect(pulse.locator("td")).toHaveText(["3", "2", "3"]);

  // The suggestion, for Eva alone: why, and what she can do about it.
  const suggestion = eva.getByRole("region", { name: en.review.heading });
  await expect(suggestion).toBeVisible();
  await expect(suggestion.getByText(en.review.hoursBelowPlan)).toBeVisible();
  await expect(
    suggestion
      .getByRole("button", { name: en.review.ask })
      .or(suggestion.getByText(/^A review is planned on /)),
  ).toBeVisible();
  await expectNoAxeViolations(eva);
  await screenshot(eva, testInfo, "checkins-employee");

  // Mark reads the hours and the shared check-in, not the private one, and no suggestion.
  const markContext = await browser.newContext({ locale: "en-GB" });
  const mark = await signIn(markContext, "manager@demo.werkpad.test");
  await mark.goto(page);
  await hydrated(mark);
  await expect(mark.getByRole("heading", { name: en.list.headingShared })).toBeVisible();
  await expect(mark.getByText(shared)).toBeVisible();
  await expect(mark.getByText(kept)).toHaveCount(0);
  await expect(mark.getByText(en.review.heading)).toHaveCount(0);
  await expect(mark.getByRole("button", { name: en.pulse.save })).toHaveCount(0);
  const markRows = mark.getByTestId("hours-table").locator("tbody tr");
  await expect(markRows.nth(1).locator("td").nth(1)).toHaveText("2");
  expect(await mark.content()).not.toContain(kept);
  await expectNoAxeViolations(mark);
  await screenshot(mark, testInfo, "checkins-manager");
  await evaContext.close();
  await markContext.close();
});

test("without JavaScript a refused check-in comes back as it was filled in, and nothing is saved", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const eva = await signIn(context, "employee@demo.werkpad.test", { javaScript: false });
  await eva.goto(page);
  const comment = `Not saved: no scores (${crypto.randomUUID().slice(0, 8)}).`;
  await eva
    .getByRole("radiogroup", { name: en.pulse.workload.question })
    .getByRole("radio", { name: "2", exact: true })
    .check();
  await eva.getByLabel(en.pulse.comment).fill(comment);
  await eva.getByRole("radio", { name: en.sharing.PHYSICIAN, exact: true }).check();
  await eva.getByRole("button", { name: en.pulse.save }).click();
  await expect(eva.getByLabel(en.pulse.comment)).toHaveValue(comment);
  await expect(
    eva
      .getByRole("radiogroup", { name: en.pulse.workload.question })
      .getByRole("radio", { name: "2", exact: true }),
  ).toBeChecked();
  await expect(eva.getByRole("radio", { name: en.sharing.PHYSICIAN, exact: true })).toBeChecked();
  const energy = eva.getByRole("radiogroup", { name: en.pulse.energy.question });
  await expect(energy).toHaveAttribute("aria-invalid", "true");
  await expect(energy.getByText(en.errors.score)).toBeVisible();
  // Hours out of range: the message at the field, the value kept.
  await eva.getByLabel(en.hours.hours, { exact: true }).fill("95");
  await eva.getByRole("button", { name: en.hours.save }).click();
  await expect(eva.getByLabel(en.hours.hours, { exact: true })).toHaveValue("95");
  await expect(eva.getByText(en.errors.hours)).toBeVisible();
  // Nothing was saved: the comment appears nowhere once the page is loaded afresh.
  await eva.goto(page);
  await expect(eva.getByRole("heading", { level: 1 })).toHaveText(en.title);
  await expect(eva.getByText(comment)).toHaveCount(0);
  await context.close();
});
