import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { createKeyInUi } from "./helpers";
import { expectAxeClean } from "./layout";
import { sizeOf } from "./owner";

// Issue 26, item 11: a key younger than a day opens on its last hour, where its requests
// fill the chart instead of a sliver at the edge of 24 hours; a key without requests says
// so instead of drawing all-zero charts.

test("a new key's page charts its last hour, and a key without requests says so", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const tag = randomUUID().slice(0, 4);
  await page.goto("/api-keys");
  const secret = await createKeyInUi(page, `fresh ${tag}`);
  const idle = await createKeyInUi(page, `idle ${tag}`);
  const headers = { Authorization: `Bearer ${secret}` };
  const { keyId } = await (await page.request.get("/api/v1/whoami", { headers })).json();
  await page.request.get("/api/v1/whoami", { headers });
  await page.request.get("/api/v1/whoami", { headers });
  const idleId = (
    await (await page.request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${idle}` } })).json()
  ).keyId;

  await page.goto(`/api-keys/${keyId}`);
  const usage = page.getByRole("region", { name: "Usage of this key" });
  await expect(usage.getByRole("link", { name: "1 hour" })).toHaveAttribute("aria-current", "page");
  await expect(async () => {
    await page.reload();
    await expect(usage.getByText("Requests", { exact: true }).locator("..").locator("dd")).toHaveText("3", {
      timeout: 500,
    });
  }).toPass({ timeout: 20_000 });
  await expect(usage).toContainText("Requests by outcome, last hour, by minute");
  await expect(usage.getByTestId("requests-chart").locator(".recharts-area-area").first()).toBeVisible();
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expectAxeClean(page, "#usage");
    await page.mouse.move(0, 0);
    await usage.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-${theme}-new-key-usage.png` });
  }
  await page.emulateMedia({ colorScheme: "light" });
  // The 24 hours are still one click away.
  await usage.getByRole("link", { name: "24 hours" }).click();
  await expect(page).toHaveURL(/usage=24h/);
  await expect(usage.getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "page");

  // The other key made one request (whoami, to learn its id): in its last hour. Over the
  // last 12 months as well; but a key with none in the period shows no chart.
  await page.goto(`/api-keys/${idleId}?usage=1h`);
  await expect(async () => {
    await page.reload();
    await expect(usage.getByText("Requests", { exact: true }).locator("..").locator("dd")).toHaveText("1", {
      timeout: 500,
    });
  }).toPass({ timeout: 20_000 });
  // Move the server's clock 90 minutes on: nothing in the key's last hour. (Two hours would
  // end the session itself, idle for SESSION_IDLE_TIMEOUT's 2 h on that clock, unless an
  // earlier spec had left its last-seen time ahead.)
  await page.request.post("/api/test/clock", { data: { offsetMs: 90 * 60 * 1000 } });
  try {
    await page.reload();
    await expect(usage.getByTestId("usage-idle")).toHaveText("This key has made no requests in this period.");
    await expect(usage.getByTestId("requests-chart")).toHaveCount(0);
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectAxeClean(page, "#usage");
      await usage.screenshot({ path: `test-results/screenshots/${sizeOf(testInfo)}-${theme}-idle-key-usage.png` });
    }
    await page.emulateMedia({ colorScheme: "light" });
  } finally {
    await page.request.post("/api/test/clock", { data: { offsetMs: 0 } });
  }
});
