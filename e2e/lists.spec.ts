import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";
import { sizeOf } from "./owner";

// Lists in the browser: totals that stop at "1,000+" with Next still enabled, sorting by
// name without regard to case, the filter box finding a key by part of its Key ID, and the
// search box on the Wi-Fi lists, all done by the server.

const nav = (page: Page) => page.getByRole("navigation", { name: "Pagination" });
const rows = (page: Page, label: string) => page.getByRole("region", { name: label }).locator("tbody tr");

test("a long list shows “1,000+”, keeps Next, and names true pages", async ({ page, request }, testInfo) => {
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `lists seeder ${randomUUID().slice(0, 4)}`));
  const prefix = `L${randomUUID().slice(0, 4).toUpperCase()}`;
  await rest.post("/api/v1/vouchers/batch", { count: 1000, prefix, validitySeconds: 600 });
  await rest.post("/api/v1/vouchers/batch", { count: 3, prefix: `${prefix}X`, validitySeconds: 600 });

  await page.goto(`/vouchers?q=${prefix}`);
  await expect(nav(page)).toContainText("1–20 of 1,000+");
  await expect(nav(page)).toContainText("Page 1 of 50+");
  await page.screenshot({
    path: `test-results/screenshots/${sizeOf(testInfo)}-light-vouchers-1000-plus.png`,
    fullPage: true,
  });
  await nav(page).getByRole("button", { name: "Next" }).click();
  await expect(nav(page)).toContainText("21–40 of 1,000+");
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);

  // Deep in the list the total is a lower bound that grows with the page; at the end it is exact.
  await page.goto(`/vouchers?q=${prefix}&page=50`);
  await expect(nav(page)).toContainText("981–1,000 of 1,000+");
  await expect(nav(page).getByRole("button", { name: "Next" })).toBeEnabled();
  await nav(page).getByRole("button", { name: "Next" }).click();
  await expect(nav(page)).toContainText("1,001–1,003 of 1,003");
  await expect(nav(page)).toContainText("Page 51 of 51");
  await expect(nav(page).getByRole("button", { name: "Next" })).toBeDisabled();

  // A page past the end shows the last page, and the address says so.
  await page.goto(`/vouchers?q=${prefix}&page=900`);
  await expect(nav(page)).toContainText("Page 51 of 51");
  await expect(page).toHaveURL(/[?&]page=51(&|$)/);

  // The search box asks the server: three codes have the longer prefix.
  await page.goto("/vouchers");
  await page.getByRole("searchbox", { name: "Search by code" }).fill(`${prefix}x-`);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}x-`));
  await expect(rows(page, "Vouchers")).toHaveCount(3);
  await expect(nav(page)).toContainText("1–3 of 3");
});

test("keys sort by name without regard to case, and the filter finds part of a Key ID", async ({ page, request }) => {
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `sort seeder ${randomUUID().slice(0, 4)}`));
  const tag = randomUUID().slice(0, 6);
  const roleId = await rest.roleId("Read Only");
  for (const name of [`Guest voucher printer ${tag}`, `backup-server ${tag}`, `Zulu ${tag}`, `alpha ${tag}`]) {
    await rest.post("/api/v1/api-keys", { name, roleId });
  }

  await page.goto(`/api-keys?q=${tag}`);
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(rows(page, "API keys").first()).toContainText(`alpha ${tag}`);
  const order = await rows(page, "API keys").locator("td:first-child").allTextContents();
  expect(order).toEqual([`alpha ${tag}`, `backup-server ${tag}`, `Guest voucher printer ${tag}`, `Zulu ${tag}`]);

  const { items } = await rest.get(`/api/v1/api-keys?q=${encodeURIComponent(`Zulu ${tag}`)}`);
  const part = (items[0].keyId as string).slice(7, 14);
  await page.goto("/api-keys");
  await page.getByRole("searchbox", { name: "Filter keys by name or Key ID" }).fill(part.toLowerCase());
  await expect(rows(page, "API keys")).toHaveCount(1);
  await expect(rows(page, "API keys").first()).toContainText(`Zulu ${tag}`);
});

test("users, groups and networks have a search box that asks the server", async ({ page, request }) => {
  await page.goto("/api-keys");
  const rest = api(request, await createKeyInUi(page, `search seeder ${randomUUID().slice(0, 4)}`));
  const tag = randomUUID().slice(0, 6);
  await rest.post("/api/v1/users", { username: `ada-${tag}`, fullName: "Ada Lovelace", email: null });
  await rest.post("/api/v1/groups", { name: `Night Shift ${tag}` });
  await rest.post("/api/v1/networks", { name: `Office ${tag}`, ssid: `hq-${tag}` });

  for (const [path, box, query, label, expected] of [
    ["/users", "Search by username, name or email", `ADA-${tag}`, "Users", `ada-${tag}`],
    ["/groups", "Search by name", `night shift ${tag}`, "Groups", `Night Shift ${tag}`],
    ["/networks", "Search by name or SSID", `HQ-${tag}`, "Networks", `Office ${tag}`],
  ]) {
    await page.goto(path);
    await page.getByRole("searchbox", { name: box }).fill(query);
    await expect(rows(page, label)).toHaveCount(1);
    await expect(rows(page, label).first()).toContainText(expected);
    await page.getByRole("searchbox", { name: box }).fill(`nothing ${tag}`);
    await expect(page.getByText(`Nothing matches “nothing ${tag}”.`)).toBeVisible();
  }
});
