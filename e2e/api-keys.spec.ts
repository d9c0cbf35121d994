import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function createKey(page: Page, name: string, role?: string): Promise<string> {
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await dialog.getByLabel("Key Name").fill(name);
  if (role) {
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: role }).click();
  }
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Save your API key" });
  await expect(secretDialog.getByText("This key will not be shown again.")).toBeVisible();
  await secretDialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(secretDialog.getByRole("button", { name: "Copy", exact: true })).toContainText("Copied");
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
  await expect(secretDialog.getByTestId("new-key-secret")).toHaveText(secret);
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await secretDialog.getByRole("button", { name: "I have saved the key" }).click();
  await expect(secretDialog).toBeHidden();
  // Once the dialog is closed the secret is nowhere in the page or its HTML.
  expect(await page.content()).not.toContain(secret);
  return secret;
}

test("create, use, edit and delete a key, and see the API refuse it at once", async ({ page, request }) => {
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

  // A name is required: the dialog says so and keeps the choice of role.
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await dialog.getByRole("button", { name: "Create Key" }).click();
  await expect(dialog.getByText("Enter a name for the key.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const secret = await createKey(page, "Billing sync", "Owner");
  const row = page.getByRole("row", { name: /Billing sync/ });
  await expect(row).toContainText("Owner");
  const keyId = (await row.locator("code").first().textContent())!;
  expect(keyId).toMatch(/^key_/);

  // The page reloaded from the server does not contain the secret either.
  const html = await (await request.get("/api-keys")).text();
  expect(html).not.toContain(secret);

  const whoami = await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } });
  expect(whoami.status()).toBe(200);
  expect(await whoami.json()).toMatchObject({ keyId, name: "Billing sync", role: { name: "Owner" } });

  // Edit: rename and change the role; the API sees both on the next call.
  await page.getByRole("button", { name: "Edit Billing sync" }).click();
  const edit = page.getByRole("dialog", { name: "Edit key" });
  await edit.getByLabel("Key Name").fill("Billing export");
  await edit.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Read Only" }).click();
  await expect(edit.getByLabel("What this role allows")).toContainText("Read Access");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("row", { name: /Billing export/ })).toContainText("Read Only");
  const after = await (await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } })).json();
  expect(after).toMatchObject({ name: "Billing export", role: { name: "Read Only" } });

  // A few more keys, for the filter test below.
  await createKey(page, "Guest voucher printer", "Read Only");
  await createKey(page, "Nightly backup", "Owner");

  // Trash icon, then the confirmation's Delete button.
  await page.getByRole("button", { name: "Delete Billing export" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(keyId);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Key “Billing export” deleted.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Billing export/ })).toHaveCount(0);

  const refused = await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
});

test("filter, sort and page through keys on the server", async ({ page }) => {
  await page.goto("/api-keys");
  await page.getByLabel("Filter keys by name or Key ID").fill("nightly");
  await expect(page).toHaveURL(/q=nightly/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row", { name: /Nightly backup/ })).toBeVisible();
  await page.getByLabel("Filter keys by name or Key ID").fill("zzz-nothing");
  await expect(page.getByText("No keys match “zzz-nothing”.")).toBeVisible();
  await page.getByLabel("Filter keys by name or Key ID").fill("");
  await expect(page.getByRole("row")).toHaveCount(3);

  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/sort=name/);
  const names = await page
    .getByRole("region", { name: "API keys" })
    .locator("tbody tr td:first-child")
    .allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

test("the keyboard alone creates a key", async ({ page }) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await expect(dialog.getByLabel("Key Name")).toBeFocused();
  await page.keyboard.type("Keyboard key");
  await page.keyboard.press("Enter");
  const secretDialog = page.getByRole("dialog", { name: "Save your API key" });
  await expect(secretDialog).toBeVisible();
  // Escape asks first; focus is on the safe choice, the next one closes.
  await page.keyboard.press("Escape");
  await expect(secretDialog.getByRole("button", { name: "Back to the key" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(secretDialog.getByRole("button", { name: "I have saved the key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(secretDialog).toBeHidden();
  await expect(page.getByRole("row", { name: /Keyboard key/ })).toBeVisible();
});
