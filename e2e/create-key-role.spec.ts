import { expect, test } from "./fixtures";
import { expectAxeClean } from "./layout";

// Create Key starts on Read Only, even when a custom role allows less, and warns when the
// chosen role has no access anywhere (such a key could call nothing but whoami).
test("Create Key defaults to Read Only and warns about a role with no access", async ({ page }) => {
  await page.goto("/roles");
  await page.getByRole("button", { name: "Add Role" }).click();
  const add = page.getByRole("dialog", { name: "Add Role" });
  await add.getByLabel("Role Name").fill("Nothing at all");
  await add.getByRole("button", { name: "Save Role" }).click();
  await expect(add).toBeHidden();

  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  const role = dialog.getByRole("combobox", { name: "Role" });
  await expect(role).toHaveText("Read Only");
  const warning = dialog.getByText("This role has no access to any area");
  await expect(warning).toHaveCount(0);
  await role.click();
  await page.getByRole("option", { name: "Nothing at all" }).click();
  await expect(warning).toBeVisible();
  await expectAxeClean(page, '[role="dialog"]');
  await role.click();
  await page.getByRole("option", { name: "Read Only" }).click();
  await expect(warning).toHaveCount(0);
  await page.keyboard.press("Escape");

  await page.goto("/roles");
  await page.getByRole("button", { name: "Delete Nothing at all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row", { name: /Nothing at all/ })).toHaveCount(0);
});
