import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, screenshot, signIn } from "./helpers.ts";

/**
 * Nothing a person typed is lost, and what the screen says is true: saved
 * advice stays in its form, a refused note comes back whole, a medical note
 * can be corrected or withdrawn, and a change to the schedule says what it
 * will reopen before anyone confirms it.
 */
test("the physician's advice stays as saved, and a medical note can be corrected and withdrawn", async ({
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString(36);
  const context = await browser.newContext({ locale: "en-GB" });
  const physician = await signIn(context, "physician@demo.werkpad.test");
  await physician.goto("/cases/demo-case-nl/physician");
  await physician.locator("html[data-hydrated]").waitFor();
  // Who reads the advice is said as it is now: the employee has not shared the capacities.
  await expect(physician.getByTestId("advice-readers")).toContainText("except the part");

  const capacities = physician.getByLabel("What the employee can and cannot do at work");
  await capacities.fill(`Four hours a day, breaks every two hours ${stamp}`);
  await physician.getByRole("button", { name: "Save advice" }).click();
  await expect(physician.getByText("Your advice is saved.")).toBeVisible();
  await expect(capacities).toHaveValue(`Four hours a day, breaks every two hours ${stamp}`);
  // Changing another field and saving again keeps the new advice, not the one before.
  await physician.getByLabel("Expected duration (optional)").fill(`about two months ${stamp}`);
  // The first save's message is still on the page: wait for this save's own answer before reloading.
  const saved = physician.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().includes("/physician"),
  );
  await physician.getByRole("button", { name: "Save advice" }).click();
  await saved;
  await expect(physician.getByText("Your advice is saved.")).toBeVisible();
  await physician.reload();
  await expect(capacities).toHaveValue(`Four hours a day, breaks every two hours ${stamp}`);
  await expect(physician.getByLabel("Expected duration (optional)")).toHaveValue(
    `about two months ${stamp}`,
  );

  // A shared note, corrected: the employee reads the new text; the earlier one stays for the physician.
  await physician.getByRole("textbox", { name: "Note", exact: true }).fill(`First text ${stamp}`);
  await physician.locator("#medical").getByLabel("Share this note with the employee").check();
  await physician.getByRole("button", { name: "Save medical note" }).click();
  const note = physician.getByRole("listitem").filter({ hasText: `First text ${stamp}` });
  await note.getByText("Correct this note").click();
  await note.getByLabel("Corrected note").fill(`Corrected text ${stamp}`);
  await note.getByRole("button", { name: "Save the correction" }).click();
  await expect(physician.getByText("The note is corrected.")).toBeVisible();
  const corrected = physician.getByRole("listitem").filter({ hasText: `Corrected text ${stamp}` });
  await corrected.getByText("1 earlier text (only you)").click();
  await expect(corrected.getByText(`First text ${stamp}`)).toBeVisible();
  // The correction form starts from the note as it is now, not from its first text.
  await corrected.getByText("Correct this note").click();
  await expect(corrected.getByRole("textbox", { name: "Corrected note" })).toHaveValue(
    `Corrected text ${stamp}`,
  );
  await corrected.getByText("Correct this note").click();
  await expectNoAxeViolations(physician);
  await screenshot(physician, testInfo, "physician-note-corrected-en");

  const employeeContext = await browser.newContext({ locale: "en-GB" });
  const employee = await signIn(employeeContext, "employee@demo.werkpad.test");
  await employee.goto("/cases/demo-case-nl/notes");
  await expect(employee.getByText(`Corrected text ${stamp}`)).toBeVisible();
  await expect(employee.getByText(`First text ${stamp}`)).toHaveCount(0);

  await corrected.getByText("Withdraw this note").click();
  await corrected.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(physician.getByText("The note is withdrawn.")).toBeVisible();
  await expect(
    physician
      .getByRole("listitem")
      .filter({ hasText: `Corrected text ${stamp}` })
      .getByText(/Withdrawn on/),
  ).toBeVisible();
  await employee.reload();
  await expect(employee.getByText(`Corrected text ${stamp}`)).toHaveCount(0);
  await context.close();
  await employeeContext.close();
});

test("refused advice comes back as typed, without JavaScript too", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const physician = await signIn(context, "physician@demo.werkpad.test", { javaScript: false });
  await physician.goto("/cases/demo-case-nl/physician");
  const capacities = physician.getByLabel("What the employee can and cannot do at work");
  const tooLong = `${"Short days, no night shifts. ".repeat(60)}End.`;
  await capacities.fill(tooLong);
  await physician.getByLabel("Expected duration (optional)").fill("about three months");
  await physician.getByRole("button", { name: "Save advice" }).click();
  await expect(capacities).toHaveValue(tooLong);
  await expect(capacities).toHaveAttribute("aria-invalid", "true");
  await expect(physician.getByLabel("Expected duration (optional)")).toHaveValue(
    "about three months",
  );
  await expect(physician.getByText("Please use at most 1500 characters.").first()).toBeVisible();
  await screenshot(physician, testInfo, "advice-refused-no-javascript-en");
  await context.close();
});

for (const javaScript of [true, false]) {
  test(`a private note over the limit comes back whole, with the error at the field (${javaScript ? "with" : "without"} JavaScript)`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const employee = await signIn(context, "employee.be@demo.werkpad.test", { javaScript });
    await employee.goto("/cases/demo-case-be/notes");
    if (javaScript) await employee.locator("html[data-hydrated]").waitFor();
    const field = employee.getByRole("textbox", { name: "Note", exact: true });
    // The limit is there before anyone types.
    await expect(employee.getByText("0 of 4000 characters")).toBeVisible();
    const text = `${"Tired in the afternoons, better in the mornings. ".repeat(90)}End ${javaScript}.`;
    await field.fill(text);
    if (javaScript) await expect(employee.getByText(/characters too many/)).toBeVisible();
    await employee.getByRole("button", { name: "Save note" }).click();
    await expect(field).toHaveValue(text);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    // The message is tied to the field: a screen reader hears it with the field.
    const describedBy = ((await field.getAttribute("aria-describedby")) ?? "").split(" ");
    const errorId = describedBy.find((id) => id.endsWith("-error")) ?? "";
    await expect(employee.locator(`[id="${errorId}"]`)).toHaveText(
      "Please use at most 4000 characters.",
    );
    await screenshot(employee, testInfo, `private-note-too-long-${javaScript ? "js" : "nojs"}`);
    await context.close();
  });
}

test("stepping back in the schedule says what it changes before it happens", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const manager = await signIn(context, "manager.be@demo.werkpad.test");
  await manager.goto("/cases/demo-case-be");
  await manager.locator("html[data-hydrated]").waitFor();
  const schedule = manager.locator("#schedule");
  for (const [week, hours] of [
    ["60", "10"],
    ["62", "20"],
    ["64", "30"],
  ] as const) {
    await schedule.getByText("Add a phase").click();
    await schedule.getByLabel("Starts in week").fill(week);
    await schedule.getByLabel("Hours per week").fill(hours);
    await schedule.getByRole("button", { name: "Propose" }).click();
    await expect(
      manager.getByRole("heading", { name: `From week ${week}: ${hours} hours a week` }),
    ).toBeVisible();
  }
  const phase = (week: string, hours: string) =>
    manager.getByRole("listitem").filter({
      has: manager.getByRole("heading", { name: `From week ${week}: ${hours} hours a week` }),
    });
  // No step back from a phase whose phase before has more hours, or from the first phase.
  await expect(phase("60", "10").getByText("Step back to the phase before")).toHaveCount(0);
  // The link opens what stepping back would do (the element it controls), without a page load.
  const stepBackLink = phase("62", "20").getByRole("link", {
    name: "Step back to the phase before",
  });
  await stepBackLink.click();
  await expect(stepBackLink).toHaveAttribute("aria-expanded", "true");
  const stepBack = manager.locator(`[id="${await stepBackLink.getAttribute("aria-controls")}"]`);
  await expect(
    stepBack.getByText(
      "After this phase, you go back to 10 hours a week for 2 weeks, from week 64.",
    ),
  ).toBeVisible();
  await expect(
    stepBack.getByText(
      "1 following phase moves 2 weeks on. It needs the other side's agreement again.",
    ),
  ).toBeVisible();
  await screenshot(manager, testInfo, "schedule-step-back-preview-en");
  await stepBack.getByRole("button", { name: "Yes, step back" }).click();
  await expect(
    manager.getByRole("heading", { name: "From week 64: 10 hours a week" }),
  ).toBeVisible();
  await expect(
    manager.getByRole("heading", { name: "From week 66: 30 hours a week" }),
  ).toBeVisible();
  await context.close();
});

for (const javaScript of [true, false]) {
  test(`a refused absence period and a refused meeting time come back as chosen, the reason at the field (${javaScript ? "with" : "without"} JavaScript)`, async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: javaScript });
    const manager = await signIn(context, "manager@demo.werkpad.test", { javaScript });
    await manager.goto("/cases/demo-case-nl/timeline");
    if (javaScript) await manager.locator("html[data-hydrated]").waitFor();
    const from = manager.getByLabel("First day of absence");
    const back = manager.getByLabel("Back at work on (optional)");
    await from.fill("2026-11-20");
    await back.fill("2026-11-10");
    await manager.getByRole("button", { name: "Add the period" }).click();
    await expect(back).toHaveAttribute("aria-invalid", "true");
    await expect(
      manager.getByText("The day back must come after the first day of absence."),
    ).toBeVisible();
    await expect(from).toHaveValue("2026-11-20");
    await expect(back).toHaveValue("2026-11-10");
    if (javaScript) await expectNoAxeViolations(manager);
    await screenshot(manager, testInfo, `absence-refused-${javaScript ? "js" : "nojs"}`);

    await manager.goto("/cases/demo-case-nl/conversations");
    if (javaScript) await manager.locator("html[data-hydrated]").waitFor();
    const guide = manager.getByLabel("Guide", { exact: true });
    await guide.selectOption("talking-with-colleagues");
    await manager.getByLabel("Time (optional)").fill("10:30");
    await manager.getByRole("button", { name: "Start the conversation" }).click();
    await expect(
      manager.getByText("A time needs a date. Choose the day of the conversation"),
    ).toBeVisible();
    await expect(guide).toHaveValue("talking-with-colleagues");
    await expect(manager.getByLabel("Time (optional)")).toHaveValue("10:30");
    await screenshot(manager, testInfo, `conversation-refused-${javaScript ? "js" : "nojs"}`);
    await context.close();
  });
}
