import { readFileSync } from "node:fs";
import { type BrowserContext, expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { emailTo, expectNoAxeViolations, hydrated, screenshot, signUpOwner } from "./helpers.ts";

const password = "a long walk past the old mill";
const organizationName = "Bakkerij De Korenbloem";

/** The newest e-mail to the address says this, once the server's worker has sent it. */
async function expectEmail(context: BrowserContext, address: string, text: string) {
  await expect(async () => {
    expect((await emailTo(context, address)).text).toContain(text);
  }).toPass({ timeout: 20_000 });
}

test("an owner hands ownership over; the new owner downloads the export, schedules deletion, sees the grace period and cancels", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const ownerEmail = `wim-${stamp}@korenbloem.example`;
  const managerEmail = `lotte-${stamp}@korenbloem.example`;
  const ownerContext = await browser.newContext({ locale: "en-GB" });
  const owner = await signUpOwner(ownerContext, {
    organization: organizationName,
    name: "Wim Owner",
    email: ownerEmail,
    password,
  });

  // The owner invites a manager, who joins.
  await owner.getByRole("link", { name: "Members" }).click();
  await hydrated(owner);
  await owner.getByLabel("E-mail address").fill(managerEmail);
  await owner.getByRole("combobox", { name: "Role" }).selectOption("MANAGER");
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText(`Invitation sent to ${managerEmail}.`)).toBeVisible();
  const managerContext = await browser.newContext({ locale: "en-GB" });
  const manager = await managerContext.newPage();
  await manager.goto((await emailTo(ownerContext, managerEmail)).link);
  await hydrated(manager);
  await manager.getByLabel("Your name").fill("Lotte Bakker");
  await manager.getByLabel("Password").fill(password);
  await manager.getByRole("button", { name: /^Join / }).click();
  await expect(manager).toHaveURL(/\/app$/);
  // The organisation page is the owners' alone.
  await manager.goto("/organization");
  await expect(
    manager.getByRole("heading", { name: "This page is not open to you" }),
  ).toBeVisible();

  // The owner hands ownership to her and becomes HR, in one step.
  await owner
    .getByRole("link", { name: "Ownership, export and deletion of the organisation" })
    .click();
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Organisation");
  await hydrated(owner);
  await expectNoAxeViolations(owner);
  await owner
    .getByRole("combobox", { name: "New owner" })
    .selectOption({ label: "Lotte Bakker (Manager)" });
  await owner.getByRole("combobox", { name: "Your new role" }).selectOption("HR");
  // Without the ticked confirmation nothing happens, and the page says why.
  await owner.getByRole("button", { name: "Hand over ownership" }).click();
  await expect(
    owner.getByText("Please tick the box to confirm that you hand over ownership."),
  ).toBeVisible();
  await screenshot(owner, testInfo, "organization-transfer-form");
  await owner.getByLabel(/I understand that I will no longer be an owner/).check();
  await owner.getByRole("button", { name: "Hand over ownership" }).click();
  await expect(owner).toHaveURL(/\/members$/);
  await expect(owner.getByText("Lotte Bakker is now the owner. Your role now: HR.")).toBeVisible();
  await screenshot(owner, testInfo, "organization-transfer-done");
  await expect(
    owner.getByRole("link", { name: "Ownership, export and deletion of the organisation" }),
  ).toHaveCount(0);
  // The new owner is told by e-mail.
  await expectEmail(
    ownerContext,
    managerEmail,
    `Wim Owner made you the owner of ${organizationName}.`,
  );

  // The new owner downloads the export.
  await manager.goto("/organization");
  await hydrated(manager);
  await expect(manager.getByTestId("last-export")).toHaveText(
    "Nobody has downloaded the export so far.",
  );
  // Deleting without an export is refused, with the typed name kept.
  await manager
    .getByLabel(`To confirm, type the name of the organisation: ${organizationName}`)
    .fill(organizationName);
  await manager.getByRole("button", { name: "Delete the organisation in 30 days" }).click();
  await expect(
    manager.getByText(
      "Download the export first. Deletion can be asked for only within 24 hours after downloading it.",
    ),
  ).toBeVisible();
  const downloading = manager.waitForEvent("download");
  await manager.getByTestId("download-export").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^werkpad-bakkerij-de-korenbloem-\d{4}-\d{2}-\d{2}\.zip$/,
  );
  const files = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? "")));
  expect(Object.keys(files).sort()).toEqual([
    "agreements.json",
    "cases.json",
    "members.json",
    "organization.json",
    "plan-versions.json",
  ]);
  const members = JSON.parse(new TextDecoder().decode(files["members.json"]));
  expect(members.map((member: { email: string }) => member.email).sort()).toEqual(
    [ownerEmail, managerEmail].sort(),
  );
  await manager.reload();
  await expect(manager.getByTestId("last-export")).toContainText("Last downloaded:");

  // A wrong name is refused and kept; the right one schedules the deletion.
  const confirmName = manager.getByLabel(
    `To confirm, type the name of the organisation: ${organizationName}`,
  );
  await confirmName.fill("Bakkerij");
  await manager.getByRole("button", { name: "Delete the organisation in 30 days" }).click();
  await expect(
    manager.getByText(
      "This is not the name of the organisation. Type it exactly as it is written above the field.",
    ),
  ).toBeVisible();
  await expect(confirmName).toHaveValue("Bakkerij");
  await screenshot(manager, testInfo, "organization-deletion-wrong-name");
  await confirmName.fill(organizationName);
  await manager.getByRole("button", { name: "Delete the organisation in 30 days" }).click();
  await expect(manager.getByRole("heading", { name: "Deletion scheduled" })).toBeVisible();
  await expect(manager.getByTestId("deletion-scheduled")).toContainText(
    `All data of ${organizationName} will be deleted on `,
  );
  await expect(manager.locator(".deletion-banner")).toContainText(
    "Until then you can read and download everything, but nothing can be changed.",
  );
  await expectNoAxeViolations(manager);
  await screenshot(manager, testInfo, "organization-deletion-scheduled");

  // Everyone sees the banner; HR can read the members but not invite anyone.
  await owner.goto("/members");
  await hydrated(owner);
  await expect(owner.locator(".deletion-banner")).toBeVisible();
  await expect(
    owner.locator(".deletion-banner").getByRole("link", { name: "Cancel the deletion" }),
  ).toHaveCount(0);
  await owner.getByLabel("E-mail address").fill(`late-${stamp}@korenbloem.example`);
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(
    owner.getByRole("heading", { name: "This organisation is being deleted" }),
  ).toBeVisible();
  await expect(owner.getByText("Nothing was saved.")).toBeVisible();
  await screenshot(owner, testInfo, "organization-read-only-refusal");
  // The HR colleague (the former owner) was told by e-mail.
  await expectEmail(
    ownerContext,
    ownerEmail,
    `Lotte Bakker asked to delete ${organizationName} from Werkpad.`,
  );

  // The owner cancels: the banner goes, and everyone works again.
  await manager
    .locator(".deletion-banner")
    .getByRole("link", { name: "Cancel the deletion" })
    .click();
  await expect(manager).toHaveURL(/\/organization$/);
  await hydrated(manager);
  await manager.getByRole("button", { name: "Cancel the deletion" }).click();
  await expect(
    manager.getByText("The deletion is cancelled. Everyone can work as before."),
  ).toBeVisible();
  await expect(manager.locator(".deletion-banner")).toHaveCount(0);
  await expect(manager.getByRole("heading", { name: "Delete the organisation" })).toBeVisible();
  await screenshot(manager, testInfo, "organization-deletion-cancelled");

  await ownerContext.close();
  await managerContext.close();
});
