import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { ownerFor, sizeOf } from "./owner";

// Where focus goes after each action that changes or removes the control that had it:
// never back to the page's start (<body>), where a keyboard or screen reader user is lost.

test("on a key's page, focus stays put through Escape, Disable, Enable and Delete", async ({ page }, testInfo) => {
  const name = `Focus key ${sizeOf(testInfo)}`;
  await page.goto(`/api-keys?q=${encodeURIComponent(name)}`);
  await createKeyInUi(page, name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Escape from Delete: back on Delete.
  const del = page.getByRole("button", { name: "Delete", exact: true });
  await del.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(del).toBeFocused();

  // Disable, then Enable from the keyboard: focus stays on the button, which turns back into Disable.
  await page.getByRole("button", { name: "Disable", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  const enable = page.getByRole("button", { name: "Enable", exact: true });
  await expect(enable).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Key “${name}” enabled.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable", exact: true })).toBeFocused();

  // Delete: the list, with focus on the page's content.
  await del.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.locator("#main-content")).toBeFocused();
});

test("a failed sign-in focuses its error; a failed sign-up focuses the field at fault", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ownerFor(testInfo).email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByLabel("Password").press("Enter");
  const error = page.getByRole("alert").filter({ hasText: "The email or password is wrong." });
  await expect(error).toBeVisible();
  await expect(error).toBeFocused();
  // The next try starts where the person left it.
  await expect(page.getByLabel("Email")).toHaveValue(ownerFor(testInfo).email);

  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("Focus Works");
  await page.getByLabel("Your name").fill("Fay Focus");
  await page.getByLabel("Email").fill(`fay.${sizeOf(testInfo)}@focus.example`);
  await page.getByLabel("Password").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText('Repeated characters like "aaa" are easy to guess.')).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await context.close();
});
