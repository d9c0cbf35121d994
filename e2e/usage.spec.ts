import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { sizeOf } from "./owner";

// The usage charts with real data: a key makes requests (some of them 404s), and once
// they are written (every 5 s) the keys page draws them, in light and dark, with the
// tables beside the charts. Screenshots go to test-results/screenshots/ (look at them).
const SCREENSHOTS = "test-results/screenshots";

const HOUR = 3600 * 1000;
const setClock = (page: Page, offsetMs: number) => page.request.post("/api/test/clock", { data: { offsetMs } });

// Requests spread over the last 12 hours (the server's test clock moved back), more
// each hour, some 404s; and a key limited to 2 a second, sent 6 at once, gets 429s.
async function makeRequests(page: Page, secret: string, limitedSecret: string) {
  const headers = { Authorization: `Bearer ${secret}` };
  try {
    for (let hour = 11; hour >= 0; hour--) {
      await setClock(page, -hour * HOUR);
      const count = 4 + (11 - hour) * 2;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          page.request.get(i % 5 === 0 ? `/api/v1/roles/${crypto.randomUUID()}` : "/api/v1/whoami", { headers }),
        ),
      );
      const limited = { Authorization: `Bearer ${limitedSecret}` };
      await Promise.all(Array.from({ length: 6 }, () => page.request.get("/api/v1/whoami", { headers: limited })));
    }
  } finally {
    await setClock(page, 0);
  }
}

test("the keys page charts the account's usage, with tables, in light and dark", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto("/api-keys");
  const secret = await createKeyInUi(page, `charted ${sizeOf(testInfo)}`);
  const limitedSecret = await createKeyInUi(page, `limited ${sizeOf(testInfo)}`);
  const limitedId = (
    await (await page.request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${limitedSecret}` } })).json()
  ).keyId;
  const patched = await page.request.patch(`/api/v1/api-keys/${limitedId}`, {
    headers: { Authorization: `Bearer ${secret}` },
    data: { rateLimit: { perSecond: 2 } },
  });
  expect(patched.status()).toBe(200);
  await makeRequests(page, secret, limitedSecret);
  const usage = page.getByRole("region", { name: "Usage of all keys" });
  await expect(async () => {
    await page.reload();
    await expect(usage.getByText("Requests", { exact: true }).locator("..").locator("dd")).not.toHaveText("0", {
      timeout: 500,
    });
  }).toPass({ timeout: 20_000 });
  await expect(usage.getByTestId("requests-chart").locator(".recharts-area-area").first()).toBeVisible();
  await expect(usage.getByTestId("top-routes-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await usage.getByText("Requests as a table").click();
  await expect(usage.getByRole("table", { name: /Requests by outcome class/ }).getByRole("row")).not.toHaveCount(1);
  await usage.getByText("Top routes as a table").click();
  await expect(usage.getByRole("rowheader", { name: "getWhoami" })).toBeVisible();

  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const { violations } = await new AxeBuilder({ page }).include("#usage").analyze();
    expect(violations.filter((v) => v.impact === "critical" || v.impact === "serious")).toEqual([]);
    await page.mouse.move(0, 0);
    await usage.screenshot({ path: `${SCREENSHOTS}/${sizeOf(testInfo)}-${theme}-usage.png` });
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The other periods draw the same requests in hours and days.
  await usage.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/usage=30d/);
  await expect(usage.getByTestId("requests-chart").locator(".recharts-area-area").first()).toBeVisible();
});
