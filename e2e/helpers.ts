import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

// The main navigation: the sidebar from `md` up, behind the menu button on a phone.
export async function mainNav(page: Page): Promise<Locator> {
  const menu = page.getByRole("button", { name: "Open menu" });
  const dialog = page.getByRole("dialog", { name: "Menu" });
  if (await menu.isVisible()) {
    // Right after a full page load the button may not be hydrated yet: click until it opens.
    // A click that opened it late must not be repeated: the open menu hides the button.
    await expect(async () => {
      if (!(await dialog.isVisible())) await menu.click({ timeout: 2000 });
      await expect(dialog).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 30_000 });
  }
  return page.getByRole("navigation", { name: "Main" });
}

// Presses Tab until `target` has focus, as a keyboard user would.
export async function tabTo(page: Page, target: Locator, { max = 40, shift = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

// Creates a key through the Create Key dialog and returns its secret (from the page).
export async function createKeyInUi(page: Page, name: string, role = "Owner"): Promise<string> {
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await dialog.getByLabel("Key Name").fill(name);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: role, exact: true }).click();
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "I have saved the key" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  return secret;
}

// The account's REST API with a key, for setting up data quickly.
export function api(request: APIRequestContext, secret: string) {
  const headers = { Authorization: `Bearer ${secret}` };
  return {
    async get(path: string) {
      const response = await request.get(path, { headers });
      expect(response.status(), `GET ${path}`).toBe(200);
      return response.json();
    },
    async post(path: string, data: unknown) {
      const response = await request.post(path, { headers, data });
      expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(201);
      return response.json();
    },
    async roleId(name: string): Promise<string> {
      const { items } = await this.get("/api/v1/roles?pageSize=100");
      return items.find((role: { name: string }) => role.name === name).id;
    },
  };
}

// Waits until React has hydrated `target` (it marks the elements it hydrated): a click on a
// control that works through React does nothing before then.
export async function hydrated(target: Locator): Promise<Locator> {
  await expect
    .poll(() => target.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps"))))
    .toBe(true);
  return target;
}
