import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";

// Page numbers stay within the list, whatever the address says or a delete leaves.

async function expectPage(page: Page, range: string, pageOf: string) {
  const nav = page.getByRole("navigation", { name: "Pagination" });
  await expect(nav).toContainText(range);
  await expect(nav).toContainText(pageOf);
}

async function looksDisabled(page: Page, name: string) {
  const button = page.getByRole("navigation", { name: "Pagination" }).getByRole("button", { name });
  await expect(button).toBeDisabled();
  expect(Number(await button.evaluate((element) => getComputedStyle(element).opacity))).toBeLessThan(0.6);
}

test("out-of-range pages are clamped, and emptying the last page goes back one", async ({ page, request }) => {
  // 41 keys made through the API first: on a busy 2-core machine that alone can take half
  // of Playwright's default 30 s.
  test.setTimeout(60_000);
  await page.goto("/api-keys");
  const secret = await createKeyInUi(page, "pagination seeder");
  const rest = api(request, secret);
  const roleId = await rest.roleId("Read Only");
  for (let i = 1; i <= 41; i++) {
    await rest.post("/api/v1/api-keys", { name: `pg-${String(i).padStart(2, "0")}`, roleId });
  }

  // Page 99 of 3: the last page is shown and the address says so.
  await page.goto("/api-keys?q=pg-&page=99");
  await expectPage(page, "41–41 of 41", "Page 3 of 3");
  await expect(page).toHaveURL(/[?&]page=3(&|$)/);
  await expect(page.getByRole("region", { name: "API keys" }).locator("tbody tr")).toHaveCount(1);
  await looksDisabled(page, "Next");
  await expect(page.getByRole("button", { name: "Previous" })).toBeEnabled();

  // Deleting the only row of the last page goes to the page before it.
  await page.getByRole("button", { name: "Delete pg-01" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expectPage(page, "21–40 of 40", "Page 2 of 2");
  await expect(page.getByRole("region", { name: "API keys" }).locator("tbody tr")).toHaveCount(20);
  await expect(page.getByRole("region", { name: "API keys" })).toBeFocused();
  await looksDisabled(page, "Next");

  // Page 0 or a page that isn't a number is the first page, and the address drops it.
  await page.goto("/api-keys?q=pg-&page=0");
  await expectPage(page, "1–20 of 40", "Page 1 of 2");
  await expect(page).not.toHaveURL(/page=/);
  await looksDisabled(page, "Previous");
  await page.getByRole("button", { name: "Next" }).click();
  await expectPage(page, "21–40 of 40", "Page 2 of 2");
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
});
