import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test, watchForProblems } from "./fixtures";
import { api, createKeyInUi } from "./helpers";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

// Users, groups, networks and vouchers managed in the portal: the same table, search,
// create/edit dialog and delete confirmation as keys. Each list is filtered to this
// spec's records (`res-`), so other specs' data never gets in the way.

async function addRecord(page: Page, singular: string, fill: Record<string, string>) {
  await page.getByRole("button", { name: `Add ${singular}` }).click();
  const dialog = page.getByRole("dialog", { name: `Add ${singular}` });
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole("button", { name: `Add ${singular}` }).click();
  await expect(dialog).toBeHidden();
}

async function deleteRecord(page: Page, name: string) {
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete “${name}”?` });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
}

test("users: add (a server error keeps what was typed), edit and delete", async ({ page }, testInfo) => {
  await page.goto("/users?q=res-");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Username").fill("res ana");
  await dialog.getByLabel("Email").fill("ana@example.com");
  await dialog.getByLabel("Name", { exact: true }).fill("Ana Example");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Use letters, digits and . _ @ + - only.");
  await expect(dialog.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Email")).toHaveValue("ana@example.com");
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("Ana Example");
  await page.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-user-error.png`) });
  await dialog.getByLabel("Username").fill("res-ana");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: /res-ana/ });
  await expect(row).toContainText("ana@example.com");
  await expect(page.getByRole("button", { name: "Add user" })).toBeFocused();

  // A username another user has: the conflict shows under the field.
  await page.getByRole("button", { name: "Add user" }).click();
  await dialog.getByLabel("Username").fill("res-ana");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("A user with this username already exists.").first()).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Edit res-ana" }).click();
  const edit = page.getByRole("dialog", { name: "Edit user" });
  await expect(edit.getByLabel("Username")).toHaveValue("res-ana");
  await edit.getByLabel("Name", { exact: true }).fill("Ana Renamed");
  await edit.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Disabled" }).click();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("Ana Renamed");
  await expect(page.getByRole("button", { name: "Edit res-ana" })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-users.png`), fullPage: true });

  await deleteRecord(page, "res-ana");
});

test("groups: add, edit, members added and removed, delete", async ({ page }, testInfo) => {
  await page.goto("/users?q=res-");
  await addRecord(page, "user", { Username: "res-bob" });
  await page.goto("/groups?q=res-");
  await addRecord(page, "group", { Name: "res-staff", Description: "Everyone on the payroll" });
  await expect(page.getByRole("row", { name: /res-staff/ })).toContainText("Everyone on the payroll");

  await page.getByRole("button", { name: "Edit res-staff" }).click();
  const edit = page.getByRole("dialog", { name: "Edit group" });
  await expect(edit.getByText("No members yet.")).toBeVisible();
  await edit.getByRole("combobox", { name: "User" }).click();
  await page.getByRole("option", { name: "res-bob" }).click();
  await edit.getByLabel("Priority").fill("3");
  await edit.getByRole("button", { name: "Add to group" }).click();
  const members = edit.getByRole("list", { name: "Members" });
  await expect(members).toContainText("res-bob · priority 3");
  await page.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-group-members.png`) });
  // Out of range: the server's message under the field, the choice kept.
  await edit.getByRole("combobox", { name: "User" }).click();
  await page.getByRole("option", { name: "res-bob" }).click();
  await edit.getByLabel("Priority").fill("11");
  await edit.getByRole("button", { name: "Add to group" }).click();
  await expect(edit.getByText("Priority is 1 to 10.")).toBeVisible();
  await edit.getByLabel("Name", { exact: true }).fill("res-staff-2");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("row", { name: /res-staff-2/ })).toContainText("1");

  await page.getByRole("button", { name: "Edit res-staff-2" }).click();
  await edit.getByRole("button", { name: "Remove res-bob from the group" }).click();
  await expect(edit.getByText("No members yet.")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.getByRole("row", { name: /res-staff-2/ })).toContainText("0");

  await deleteRecord(page, "res-staff-2");
  await page.goto("/users?q=res-");
  await deleteRecord(page, "res-bob");
});

test("networks: add (an SSID too long keeps the form), edit, delete", async ({ page }) => {
  await page.goto("/networks?q=res-");
  await page.getByRole("button", { name: "Add network" }).click();
  const dialog = page.getByRole("dialog", { name: "Add network" });
  await dialog.getByLabel("Name", { exact: true }).fill("res-lobby");
  await dialog.getByLabel("SSID").fill("x".repeat(33));
  await dialog.getByRole("button", { name: "Add network" }).click();
  await expect(dialog.getByText("An SSID has at most 32 characters.")).toBeVisible();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("res-lobby");
  await dialog.getByLabel("SSID").fill("ACME Guest");
  await dialog.getByRole("button", { name: "Add network" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /res-lobby/ })).toContainText("ACME Guest");

  await page.getByRole("button", { name: "Edit res-lobby" }).click();
  const edit = page.getByRole("dialog", { name: "Edit network" });
  await edit.getByLabel("SSID").fill("ACME Visitors");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /res-lobby/ })).toContainText("ACME Visitors");

  // Delete from inside the Edit dialog.
  await page.getByRole("button", { name: "Edit res-lobby" }).click();
  await edit.getByRole("button", { name: "Delete network" }).click();
  await page.getByRole("alertdialog", { name: "Delete “res-lobby”?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row", { name: /res-lobby/ })).toHaveCount(0);
});

test("vouchers: a batch with a prefix, its CSV, then edit and delete one", async ({ page }, testInfo) => {
  await page.goto("/vouchers?q=RES-");
  await page.getByRole("button", { name: "Create vouchers" }).click();
  const dialog = page.getByRole("dialog", { name: "Create vouchers" });
  await dialog.getByLabel("How many").fill("1001");
  await dialog.getByLabel("Prefix").fill("RES");
  await dialog.getByRole("button", { name: "Create vouchers" }).click();
  await expect(dialog.getByText("At most 1000 vouchers at once.")).toBeVisible();
  await expect(dialog.getByLabel("Prefix")).toHaveValue("RES");
  await dialog.getByLabel("How many").fill("25");
  await dialog.getByLabel("Validity (minutes)").fill("120");
  await dialog.getByLabel("Usage limit").fill("2");
  await dialog.getByRole("button", { name: "Create vouchers" }).click();
  const done = page.getByRole("dialog", { name: "25 vouchers created" });
  await expect(done).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-voucher-batch.png`) });

  const download = page.waitForEvent("download");
  await done.getByRole("button", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^vouchers-.*\.csv$/);
  const lines = readFileSync((await file.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("code,validity_minutes,usage_limit,expires_at");
  const rows = lines.slice(1).map((line) => line.split(","));
  expect(rows).toHaveLength(25);
  for (const [code, minutes, limit, expires] of rows) {
    expect(code).toMatch(/^RES-[A-Z0-9]{10}$/);
    expect([minutes, limit, expires]).toEqual(["120", "2", ""]);
  }
  expect(new Set(rows.map(([code]) => code)).size).toBe(25);
  await done.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("button", { name: "Create vouchers" })).toBeFocused();

  // Exactly this batch's codes are in the list.
  const listed = await page.getByRole("row", { name: /RES-/ }).count();
  expect(listed).toBe(20);
  // The list is oldest first, the file by code: the first row listed is one of the file's.
  const code = (await page.getByRole("row", { name: /RES-/ }).first().getByRole("cell").first().textContent())!.trim();
  expect(rows.map(([listedCode]) => listedCode)).toContain(code);
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("0 of 2");

  await page.getByRole("button", { name: `Edit ${code}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit voucher" });
  await expect(edit.getByLabel("Validity (minutes)")).toHaveValue("120");
  await edit.getByLabel("Usage limit").fill("5");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("0 of 5");
  await page.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-vouchers.png`), fullPage: true });
  await deleteRecord(page, code);
});

test("a member with Read Access sees every change disabled, with the reason", async ({
  browser,
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `res-setup-${Date.now()}`));
  await rest.post("/api/v1/users", { username: "res-readable" });
  const rheaEmail = `rhea.${sizeOf(testInfo)}@acme.example`;
  const { invitationUrl } = await rest.post("/api/v1/team", {
    name: "Rhea Reader",
    email: rheaEmail,
    roleId: await rest.roleId("Read Only"),
  });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const problems = await watchForProblems(context);
  const rhea = await context.newPage();
  await rhea.goto(invitationUrl);
  await rhea.getByLabel("Password").fill("lantern orchard velvet 77");
  await rhea.getByRole("button", { name: /^Join/ }).click();
  await confirmEmail(rhea, rheaEmail, "code");
  await expect(rhea).not.toHaveURL(/invite|verify-email/);

  await rhea.goto("/users?q=res-readable");
  const reason = "Your role has Read Access to Users, so you can't change users.";
  await expect(rhea.getByRole("button", { name: "Add user" })).toBeDisabled();
  await expect(rhea.getByRole("button", { name: "Add user" })).toHaveAccessibleDescription(reason);
  await expect(rhea.locator("p", { hasText: reason })).toBeVisible();
  const editButton = rhea.getByRole("button", { name: "Edit res-readable" });
  await expect(editButton).toHaveAttribute("aria-disabled", "true");
  await expect(editButton).toHaveAccessibleDescription(reason);
  await editButton.click({ force: true });
  await expect(rhea.getByRole("dialog")).toHaveCount(0);
  await rhea.screenshot({ path: testInfo.outputPath(`${sizeOf(testInfo)}-read-access.png`), fullPage: true });

  for (const [path, label, button] of [
    ["groups", "Groups", "Add group"],
    ["networks", "Networks", "Add network"],
    ["vouchers", "Vouchers", "Create vouchers"],
  ]) {
    await rhea.goto(`/${path}`);
    await expect(rhea.getByRole("button", { name: button })).toBeDisabled();
    await expect(rhea.getByRole("button", { name: button })).toHaveAccessibleDescription(
      `Your role has Read Access to ${label}, so you can't change ${path}.`,
    );
  }
  await context.close();
  expect(problems(), "console errors or CSP violations").toEqual([]);
});
