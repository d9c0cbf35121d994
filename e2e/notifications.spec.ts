import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";

// An Owner finds the account's mail on the Notifications page (an invitation, delivered to
// the test SMTP server), and turns a notice off and on again on /account; the security
// notice stays on.
test("an Owner sees the account's mail on Notifications and sets which notices to get", async ({ page }, testInfo) => {
  const email = `nia-${testInfo.project.name}-${Date.now()}@mail.example`;
  await page.goto("/team");
  await page.getByRole("button", { name: "Add Member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill("Nia Notice");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add Member" }).click();
  await page.getByRole("button", { name: "Done" }).click();

  await (await mainNav(page)).getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Join Acme Wi-Fi on Wisp Portal");
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Mail of this account" })).not.toContainText("/invite/");
  await page.screenshot({ path: testInfo.outputPath("notifications.png"), fullPage: true });

  await page.goto("/account");
  const expiry = page.getByRole("switch", { name: "Key expiry" });
  await expect(expiry).toBeChecked();
  await expiry.click();
  await expect(page.getByText("Key expiry notices turned off.")).toBeVisible();
  await page.reload();
  await expect(expiry).not.toBeChecked();
  await expiry.click();
  await expect(page.getByText("Key expiry notices turned on.")).toBeVisible();
  const leaked = page.getByRole("switch", { name: "Leaked key" });
  await expect(leaked).toBeChecked();
  await expect(leaked).toBeDisabled();
  // Each security notice (a leaked key, a two-factor change) says so beside its switch.
  await expect(page.locator("#notice-key_leaked-reason")).toHaveText(
    "Security notices can't be turned off. Always on.",
  );
  await page.screenshot({ path: testInfo.outputPath("account.png"), fullPage: true });
});
