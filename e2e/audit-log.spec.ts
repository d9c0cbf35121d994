import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";
import { ownerFor, sizeOf } from "./owner";

// Changes made in the portal show up in the Audit Log, filter, expand and export as CSV.
test("the audit log lists, filters, expands and exports the account's changes", async ({ page }, testInfo) => {
  await page.goto("/roles");
  await page.getByRole("button", { name: "Add Role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Role" });
  await dialog.getByLabel("Role Name").fill("Auditors");
  await dialog.getByRole("button", { name: "Save Role" }).click();
  await expect(dialog).toBeHidden();

  await (await mainNav(page)).getByRole("link", { name: "Audit Log" }).click();
  await expect(page.getByRole("heading", { name: "Audit Log", exact: true })).toBeVisible();
  const created = page.getByRole("row", { name: /Role created/ });
  await expect(created).toContainText("Auditors");
  await expect(created).toContainText(ownerFor(testInfo).email);
  await created.getByRole("button", { name: /fields/ }).click();
  await expect(created.getByRole("button", { name: /fields/ })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("rowheader", { name: "permissions.users" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`audit-log-${sizeOf(testInfo)}.png`), fullPage: true });

  // Filter by action (shown in words): only role.create rows remain.
  await page.getByRole("combobox", { name: "Action" }).click();
  await page.getByRole("option", { name: "Role created" }).click();
  await expect(page).toHaveURL(/action=role\.create/);
  await expect(page.getByRole("row", { name: /Member signed in/ })).toHaveCount(0);
  // One event row (its details, still open, are the row under it).
  await expect(page.getByRole("button", { name: /fields/ })).toHaveCount(1);

  // Export the filtered rows.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toContain("time,actor_type,actor_id,actor,action");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain("role.create");
  expect(csv[1]).toContain("Auditors");

  // The role's own history is one click from the Roles page.
  await page.goto("/roles");
  await page.getByRole("link", { name: "History of Auditors" }).click();
  await expect(page).toHaveURL(/targetType=role&targetId=/);
  await expect(page.getByRole("button", { name: /fields/ })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath(`audit-log-history-${sizeOf(testInfo)}.png`), fullPage: true });
});
