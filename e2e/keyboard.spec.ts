import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { tabTo } from "./helpers";

// Without the mouse: every dialog gives focus back to the control that opened it, and a
// delete leaves focus on the next row.

async function createWithKeyboard(page: Page, name: string) {
  const createButton = page.getByRole("button", { name: "Create Key" });
  await tabTo(page, createButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await expect(dialog.getByLabel("Key Name")).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  const secret = page.getByRole("dialog", { name: "Save your API key" });
  // A wait, not a time limit: at load 11 on 2 cores one create took over the default 10 s.
  await expect(secret.getByRole("button", { name: "Copy", exact: true })).toBeFocused({ timeout: 30_000 });
  await tabTo(page, secret.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  // Done asks first, with focus on the safe choice; the next one closes.
  await expect(secret.getByRole("button", { name: "Back to the key" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(secret.getByRole("button", { name: "I have saved the key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(secret).toBeHidden();
  await expect(createButton).toBeFocused();
}

test("create, edit and delete a key with the keyboard alone", async ({ page }) => {
  // Three keys created, edited and deleted through a dozen dialogs: more than the default 30 s
  // on a busy machine.
  test.setTimeout(90_000);
  // Only this test's keys are listed, newest first.
  await page.goto("/api-keys?q=kbd-");

  // The skip link is the first stop and jumps over the navigation.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();

  for (const name of ["kbd-1", "kbd-2", "kbd-3"]) await createWithKeyboard(page, name);
  await expect(page.getByRole("row", { name: /kbd-/ })).toHaveCount(3);

  // Escape closes the Create Key dialog and focus is back on its button.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Create Key" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Create Key" })).toBeFocused();

  // Edit: rename with Enter; focus returns to the row's Edit button.
  const edit = page.getByRole("button", { name: "Edit kbd-2" });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  const editDialog = page.getByRole("dialog", { name: "Edit key" });
  await expect(editDialog.getByLabel("Key Name")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("kbd-2 renamed");
  await page.keyboard.press("Enter");
  await expect(editDialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Edit kbd-2 renamed" })).toBeFocused();

  // Cancel (Escape) also returns focus, and so does Delete key → Cancel inside the Edit dialog.
  await page.keyboard.press("Enter");
  await expect(editDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Edit kbd-2 renamed" })).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, editDialog.getByRole("button", { name: "Delete key" }));
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: "Delete “kbd-2 renamed”?" });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: "Edit kbd-2 renamed" })).toBeFocused();

  // Delete: the confirmation starts on Cancel; after the delete, focus is on the next row.
  await tabTo(page, page.getByRole("button", { name: "Delete kbd-2 renamed" }));
  await page.keyboard.press("Enter");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(confirm.getByRole("button", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row", { name: /kbd-2/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /kbd-1/ })).toBeFocused();

  // Deleting the last row focuses the row before it.
  await tabTo(page, page.getByRole("button", { name: "Delete kbd-1" }));
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row", { name: /kbd-1/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /kbd-3/ })).toBeFocused();

  // Deleting the only row leaves focus on the list ("No keys match" when the filter has none).
  await tabTo(page, page.getByRole("button", { name: "Delete kbd-3" }));
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByText("No keys match “kbd-”.")).toBeVisible();
  await expect(page.locator("#main-content")).toBeFocused();
});

test("create a voucher batch, download its CSV and close, with the keyboard alone", async ({ page }) => {
  await page.goto("/vouchers?q=KBD-");
  const createButton = page.getByRole("button", { name: "Create vouchers" });
  await tabTo(page, createButton);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create vouchers" });
  await expect(dialog.getByLabel("How many")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("3");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Prefix")).toBeFocused();
  await page.keyboard.type("KBD");
  await page.keyboard.press("Enter");

  const done = page.getByRole("dialog", { name: "3 vouchers created" });
  await expect(done.getByRole("button", { name: "Download CSV" })).toBeFocused();
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const file = await download;
  const lines = readFileSync((await file.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines).toHaveLength(4);
  for (const line of lines.slice(1)) expect(line).toMatch(/^KBD-[A-Z0-9]{10},60,1,$/);
  await tabTo(page, done.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(done).toBeHidden();
  await expect(createButton).toBeFocused();
  await expect(page.getByRole("row", { name: /KBD-/ })).toHaveCount(3);

  // Escape closes it too, and focus is back on the button.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(createButton).toBeFocused();

  // Edit one voucher and delete it, focus back on the opener each time.
  const code = lines[1].split(",")[0];
  const edit = page.getByRole("button", { name: `Edit ${code}` });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  const editDialog = page.getByRole("dialog", { name: "Edit voucher" });
  await expect(editDialog.getByLabel("Validity (minutes)")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("90");
  await page.keyboard.press("Enter");
  await expect(editDialog).toBeHidden();
  await expect(edit).toBeFocused();
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("1 hour 30 minutes");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Delete ${code}` })).toBeFocused();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: `Delete “${code}”?` });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: /KBD-/ })).toHaveCount(2);
  // Focus moved to the next row.
  await expect(page.locator(":focus")).not.toHaveCount(0);
});
