import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";
import { expectAxeClean } from "./layout";
import { sizeOf } from "./owner";

// Issue 26, item 13: the one banner about leaked keys links to them and can be dismissed by
// each member; it stays away on every page and after a reload, and comes back when another
// key is reported.

async function reportLeak(request: APIRequestContext, secret: string) {
  const reported = await request.post("/api/v1/leaked-keys", { data: { secrets: [secret], source: "a scanner" } });
  expect(reported.status()).toBe(202);
}

test("the leaked keys banner is dismissible per member and returns for a new leak", async ({
  page,
  request,
}, testInfo) => {
  const tag = randomUUID().slice(0, 4);
  await page.goto("/api-keys");
  const seed = await createKeyInUi(page, `leak seeder ${tag}`);
  const rest = api(request, seed);
  const first = await createKeyInUi(page, `leaked one ${tag}`);
  const second = await createKeyInUi(page, `leaked two ${tag}`);
  await reportLeak(request, first);

  await page.goto("/roles");
  const banner = page.getByRole("alert").filter({ hasText: "after a leak report" });
  await expect(banner).toContainText(`leaked one ${tag}`);
  await expect(banner.getByRole("link", { name: "Show disabled keys" })).toHaveAttribute(
    "href",
    "/api-keys?state=disabled",
  );
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAxeClean(page);
    await page.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-${theme}-leak-banner.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
  const dismiss = banner.getByRole("button", { name: "Dismiss the leaked keys notice" });
  const box = (await dismiss.boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(sizeOf(testInfo) === "phone" ? 44 : 24);
  await dismiss.click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator("#main-content")).toBeFocused();

  // Gone on a reload and on other pages.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API Keys", level: 1 })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Another leak: it is back, with both keys.
  await reportLeak(request, second);
  await page.reload();
  await expect(banner).toContainText(`leaked two ${tag}`);
  await expect(banner).toContainText(`leaked one ${tag}`);

  // Leave the shared account without leaked keys.
  const { items } = await rest.get(`/api/v1/api-keys?q=${encodeURIComponent(tag)}&pageSize=100`);
  for (const key of items.filter((item: { name: string }) => item.name.startsWith("leaked"))) {
    const deleted = await request.delete(`/api/v1/api-keys/${key.keyId}`, {
      headers: { Authorization: `Bearer ${seed}` },
    });
    expect(deleted.status()).toBe(204);
  }
  await page.reload();
  await expect(banner).toHaveCount(0);
});
