import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { expectAxeCleanBothThemes } from "./layout";
import { sizeOf } from "./owner";

// The server stops answering while a page is open: the browser's requests to it fail
// (`page.route` aborts them, as an unreachable server would), then it comes back.
const UNREACHABLE = "Couldn't reach the server, so nothing was saved. What you entered is kept: try again in a moment.";

// The browser reports each refused request in the console; nothing else may appear.
test.use({ expectedProblems: [/net::ERR_CONNECTION_REFUSED|Failed to fetch|server isn't answering/] });

async function serverDown(page: Page) {
  await page.route("**/*", (route) => route.abort("connectionrefused"));
}

async function serverBack(page: Page) {
  await page.unrouteAll({ behavior: "ignoreErrors" });
}

test("a dialog sent while the server is unreachable stays open with what was typed, says so, and saves once it is back", async ({
  page,
}, testInfo) => {
  const name = `Outage desk ${sizeOf(testInfo)}`;
  await page.goto("/roles");
  await page.getByRole("button", { name: "Add Role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Role" });
  await dialog.getByLabel("Role Name").fill(name);
  const users = dialog.getByRole("radio", { name: "Users: Read Access" });
  await users.focus();
  await page.keyboard.press("Space");
  await expect(users).toBeChecked();

  await serverDown(page);
  await dialog.getByRole("button", { name: "Save Role" }).click();
  await expect(page.getByText(UNREACHABLE)).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Role Name")).toHaveValue(name);
  await expect(users).toBeChecked();
  await expect(dialog.getByRole("button", { name: "Save Role" })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath("dialog-unreachable.png") });

  await serverBack(page);
  await dialog.getByRole("button", { name: "Save Role" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
});

test("a sort header clicked while the server is unreachable shows the portal's error with Retry, and the page comes back by itself", async ({
  page,
}, testInfo) => {
  await page.goto("/api-keys");
  await createKeyInUi(page, `Outage sort ${sizeOf(testInfo)}`);
  const table = page.getByRole("region", { name: "API keys" });
  await expect(table).toBeVisible();

  await serverDown(page);
  await page.getByRole("button", { name: "Name" }).click();
  const heading = page.getByRole("heading", { name: "The server isn't answering" });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  // Still the portal: its navigation stays, only the page's content is replaced.
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/\/api-keys$/);
  await expectAxeCleanBothThemes(page);
  await page.screenshot({ path: testInfo.outputPath("page-unreachable.png"), fullPage: true });

  // Back: the page asks the server every few seconds and shows the list again, no reload.
  await serverBack(page);
  await expect(table).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name/);
});
