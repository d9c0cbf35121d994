import type { Page } from "@playwright/test";
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
  // Read Only here, Owner in Acme: the sidebar must show the role of the account in view.
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await other.getByRole("option", { name: "Read Only" }).click();
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
  await expectInAccount(ada, "Harbour Cafe", "Read Only");
  // On a phone the switcher is in the menu drawer.
  await mainNav(ada);
  await ada.screenshot({ path: testInfo.outputPath("account-switcher.png"), fullPage: true });

  // Acme Wi-Fi: its own keys and team, nothing of Harbour Cafe's; every part of the layout
  // names it at once, and the switch is confirmed.
  await switchTo(ada, "Acme Wi-Fi");
  await expect(ada.getByText("Now in Acme Wi-Fi")).toBeVisible();
  await expectFocusAfterSwitch(ada);
  await expect(ada.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await expect(ada.getByRole("row", { name: /Cafe till/ })).toHaveCount(0);
  await expectInAccount(ada, "Acme Wi-Fi", "Owner");
  await ada.goto("/team");
  await expect(ada.getByRole("row", { name: /Ada Owner/ })).toBeVisible();
  await expect(ada.getByRole("row", { name: /Hana Harbour/ })).toHaveCount(0);

  await mainNav(ada);
  await switchTo(ada, "Harbour Cafe");
  await expect(ada.getByText("Now in Harbour Cafe")).toBeVisible();
  await expectFocusAfterSwitch(ada);
  await expect(ada.getByRole("row", { name: /Cafe till/ })).toBeVisible();
  await expectInAccount(ada, "Harbour Cafe", "Read Only");
  await ada.goto("/team");
  await expect(ada.getByRole("row", { name: /Hana Harbour/ })).toBeVisible();
  await expectInAccount(ada, "Harbour Cafe", "Read Only");
  // Back to Acme Wi-Fi: a later sign-in of this shared login lands in the account it used last.
  await mainNav(ada);
  await switchTo(ada, "Acme Wi-Fi");
  await expect(ada.getByText("Now in Acme Wi-Fi")).toBeVisible();
  await expectFocusAfterSwitch(ada);
  await ada.context().close();
  await other.context().close();
});

// The account switcher, the phone's header and the name under it all name the account in
// view, with this person's role there.
async function expectInAccount(page: Page, account: string, role: string) {
  await mainNav(page);
  const switcher = page.getByRole("combobox", { name: "Account" }).first();
  await expect
    .poll(() => switcher.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text))
    .toBe(account);
  await expect(page.getByText(new RegExp(`· ${role}$`)).filter({ visible: true })).toBeVisible();
  if (await page.getByRole("dialog", { name: "Menu" }).isVisible()) {
    await page.keyboard.press("Escape");
    await expect(page.getByRole("banner")).toContainText(account);
  }
}

// As a person does it: the switcher has focus when its choice changes.
async function switchTo(page: Page, account: string) {
  const switcher = page.getByRole("combobox", { name: "Account" });
  await switcher.focus();
  await switcher.selectOption({ label: account });
}

// After a switch focus stays on the switcher, or on a phone goes back to the menu button as
// the drawer closes on the other account's page: never to the page's start.
async function expectFocusAfterSwitch(page: Page) {
  // Below 768 px the switcher is in the menu drawer.
  if (page.viewportSize()!.width < 768) await expect(page.getByRole("button", { name: "Open menu" })).toBeFocused();
  else await expect(page.getByRole("combobox", { name: "Account" })).toBeFocused();
}
