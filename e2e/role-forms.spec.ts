import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { expectAxeCleanBothThemes } from "./layout";
import { ownerFor, sizeOf } from "./owner";

test("a taken role name or invited email shows under its field, which gets focus; a fixed name clears its error", async ({
  page,
}, testInfo) => {
  await page.goto("/roles");
  await page.getByRole("button", { name: "Add Role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Role" });
  const name = dialog.getByLabel("Role Name");
  await dialog.getByRole("button", { name: "Save Role" }).click();
  const missing = dialog.getByText("Enter a name for the role.");
  await expect(missing).toBeVisible();
  await expect(name).toBeFocused();
  await page.keyboard.type("Read Only");
  await expect(missing).toHaveCount(0);

  // A built-in role's name is taken.
  await dialog.getByRole("button", { name: "Save Role" }).click();
  const taken = dialog.getByText("A role with this name already exists.");
  await expect(taken).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expectAxeCleanBothThemes(page, '[role="dialog"]');
  await page.screenshot({ path: testInfo.outputPath("role-name-taken.png") });
  await page.keyboard.press("Escape");

  // The Owner's own email is a member already.
  await page.goto("/team");
  await page.getByRole("button", { name: "Add Member" }).click();
  const invite = page.getByRole("dialog", { name: "Add Member" });
  await invite.getByLabel("Name").fill("Ada Again");
  await invite.getByLabel("Email").fill(ownerFor(testInfo).email);
  await invite.getByRole("button", { name: "Add Member" }).click();
  await expect(invite.getByText("This email is already a member of this account")).toBeVisible();
  await expect(invite.getByLabel("Email")).toBeFocused();
  await expectAxeCleanBothThemes(page, '[role="dialog"]');
  await page.screenshot({ path: testInfo.outputPath("email-taken.png") });
  await page.keyboard.press("Escape");
});

test("the Roles table shows each role's levels; built-in roles open read-only; a role in use can't be deleted, and says why", async ({
  page,
}, testInfo) => {
  const roleName = `Printer ${sizeOf(testInfo)}`;
  await page.goto("/roles");
  await expect(page.getByRole("row", { name: /^Owner/ })).toContainText("Full Access everywhere");
  await expect(page.getByRole("row", { name: /^Read Only/ })).toContainText("Read Access everywhere");

  // A custom role with mixed levels, used by a key.
  await page.getByRole("button", { name: "Add Role" }).click();
  const add = page.getByRole("dialog", { name: "Add Role" });
  await add.getByLabel("Role Name").fill(roleName);
  for (const radio of ["Vouchers: Full Access", "Users: Read Access"]) {
    await add.getByRole("radio", { name: radio }).focus();
    await page.keyboard.press("Space");
  }
  await add.getByRole("button", { name: "Save Role" }).click();
  await expect(add).toBeHidden();
  const row = page.getByRole("row", { name: new RegExp(roleName) });
  await expect(row).toContainText("Full: Vouchers · Read: Users");

  // Owner: opened read-only, its levels shown, nothing to change.
  const view = page.getByRole("button", { name: "View Owner" });
  await view.click();
  const owner = page.getByRole("dialog", { name: "Owner" });
  await expect(owner).toContainText("Built-in roles can't be edited or deleted.");
  await expect(owner.getByRole("radio", { name: "Users: Full Access" })).toBeChecked();
  await expect(owner.getByRole("radio", { name: "Users: No Access" })).toBeDisabled();
  await expect(owner.getByRole("button", { name: "Save Role" })).toHaveCount(0);
  await expectAxeCleanBothThemes(page, '[role="dialog"]');
  await page.screenshot({ path: testInfo.outputPath("view-owner.png") });
  await owner.getByRole("button", { name: "Close", exact: true }).first().click();
  await expect(view).toBeFocused();

  // In use by a key: Delete is unavailable, with the reason read out.
  await page.goto("/api-keys");
  await createKeyInUi(page, `Printer key ${sizeOf(testInfo)}`, roleName);
  await page.goto("/roles");
  const del = page.getByRole("button", { name: `Delete ${roleName}` });
  await expect(del).toBeDisabled();
  await expect(del).toHaveAccessibleDescription(/In use by 1 API key/);
  await expectAxeCleanBothThemes(page);
  await page.screenshot({ path: testInfo.outputPath("roles.png"), fullPage: true });

  // Removing a member says Remove on its button, as in its title.
  await page.goto("/team");
  const { name } = ownerFor(testInfo);
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  const remove = page.getByRole("alertdialog", { name: `Remove ${name}?` });
  await expect(remove.getByRole("button", { name: "Remove", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
});
