import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";
import { confirmEmail } from "./mail";
import { ownerFor } from "./owner";

// One login in two organisations: the owner of Acme Wi-Fi is invited to another one,
// accepts with the password they already have, and switches between the two. Done in a
// session of its own, so the shared owner session keeps working in Acme for other specs.
test("an existing person accepts an invitation and switches between two accounts, each page showing only its data", async ({
  browser,
}, testInfo) => {
  // Two sign-ins, a sign-up and its email confirmation, each an Argon2 hash or more.
  test.setTimeout(90_000);
  const OWNER = ownerFor(testInfo);
  const signedOut = { storageState: { cookies: [], origins: [] } };
  const other = await (await browser.newContext(signedOut)).newPage();
  await other.goto("/sign-up");
  await other.getByLabel("Organisation").fill("Harbour Cafe");
  await other.getByLabel("Your name").fill("Hana Harbour");
  const hana = `hana-${Date.now()}@harbour.example`;
  await other.getByLabel("Email").fill(hana);
  await other.getByLabel("Password").fill("teal anchor biscuit 28");
  await other.getByRole("button", { name: "Create account" }).click();
  // The new login confirms its email by the link in the mail.
  await confirmEmail(other, hana, "link");
  await expect(other).toHaveURL(/\/api-keys$/);
  await other.getByRole("button", { name: "Create Key" }).first().click();
  await other.getByRole("dialog", { name: "Create Key" }).getByLabel("Key Name").fill("Cafe till");
  await other.getByRole("dialog", { name: "Create Key" }).getByRole("button", { name: "Create Key" }).click();
  await other.getByRole("button", { name: "Done" }).click();
  await other.getByRole("button", { name: "I have saved the key" }).click();

  // Inviting an email that already has a login answers like any other invitation.
  await other.goto("/team");
  await other.getByRole("button", { name: "Add Member" }).click();
  const dialog = other.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill(OWNER.name);
  await dialog.getByLabel("Email").fill(OWNER.email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await other.getByRole("option", { name: "Owner" }).click();
  await dialog.getByRole("button", { name: "Add Member" }).click();
  await expect(other.getByRole("dialog", { name: "Invitation created" })).toBeVisible();
  const link = (await other.getByTestId("invitation-url").textContent())!;

  const ada = await (await browser.newContext(signedOut)).newPage();
  await ada.goto(link);
  await expect(ada.getByRole("heading", { name: "Join Harbour Cafe" })).toBeVisible();
  await ada.getByLabel("Password").fill(OWNER.password);
  await ada.getByRole("button", { name: "Join Harbour Cafe" }).click();
  await expect(ada).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  await expect(ada.getByRole("row", { name: /Cafe till/ })).toBeVisible();
  // On a phone the switcher is in the menu drawer.
  const switcher = ada.getByRole("combobox", { name: "Account" });
  await mainNav(ada);
  await expect(switcher).toHaveValue(/.+/);
  await ada.screenshot({ path: testInfo.outputPath("account-switcher.png"), fullPage: true });

  // Acme Wi-Fi: its own keys and team, nothing of Harbour Cafe's.
  await switcher.selectOption({ label: "Acme Wi-Fi" });
  await expect(ada.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await mainNav(ada);
  await expect(switcher).toHaveText(/Acme Wi-Fi/);
  await expect(ada.getByRole("row", { name: /Cafe till/ })).toHaveCount(0);
  await ada.goto("/team");
  await expect(ada.getByRole("row", { name: /Ada Owner/ })).toBeVisible();
  await expect(ada.getByRole("row", { name: /Hana Harbour/ })).toHaveCount(0);

  await mainNav(ada);
  await ada.getByRole("combobox", { name: "Account" }).selectOption({ label: "Harbour Cafe" });
  await expect(ada.getByRole("row", { name: /Cafe till/ })).toBeVisible();
  await ada.goto("/team");
  await expect(ada.getByRole("row", { name: /Hana Harbour/ })).toBeVisible();
  await ada.context().close();
  await other.context().close();
});
