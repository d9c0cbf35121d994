import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations } from "./axe";
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
  // The panel is read by the browser after the page: wait for it, then for the counts.
  const requests = usage.getByText("Requests", { exact: true }).locator("..").locator("dd");
  await expect(async () => {
    await page.reload();
    await expect(requests).toBeVisible({ timeout: 5_000 });
    await expect(requests).not.toHaveText("0", { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(usage.getByTestId("requests-chart").locator(".recharts-area-area").first()).toBeVisible();
  await expect(usage.getByTestId("top-routes-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await usage.getByText("Requests as a table").click();
  await expect(usage.getByRole("table", { name: /Requests by outcome class/ }).getByRole("row")).not.toHaveCount(1);
  await usage.getByText("Top routes as a table").click();
  await expect(usage.getByRole("rowheader", { name: "getWhoami" })).toBeVisible();

  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const violations = await axeViolations(page, { include: "#usage" });
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

test.describe("the keys page's usage panel", () => {
  test.use({ expectedProblems: [/Failed to load resource: the server responded with a status of 500/] });

  test("loads after the page, follows the address through back and forward, and retries a failed read", async ({
    page,
  }) => {
    const usage = page.getByRole("region", { name: "Usage of all keys" });
    const periodRead = (period: string) =>
      page.waitForResponse((response) => response.url().includes(`/api-keys/usage?period=${period}`));
    // A shared link opens on its period, and the period links keep the list's parameters.
    let read = periodRead("30d");
    await page.goto("/api-keys?state=active&usage=30d");
    expect((await read).status()).toBe(200);
    await expect(usage.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
    await expect(usage.getByRole("link", { name: "12 months" })).toHaveAttribute(
      "href",
      /\?state=active&usage=12m#usage$/,
    );
    read = periodRead("12m");
    await usage.getByRole("link", { name: "12 months" }).click();
    await read;
    await expect(page).toHaveURL(/\?state=active&usage=12m#usage$/);
    await expect(usage.getByRole("link", { name: "12 months" })).toHaveAttribute("aria-current", "page");
    await expect(usage).not.toHaveAttribute("aria-busy", "true");

    read = periodRead("30d");
    await page.goBack();
    await read;
    await expect(page).toHaveURL(/usage=30d/);
    await expect(usage.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
    read = periodRead("12m");
    await page.goForward();
    await read;
    await expect(usage.getByRole("link", { name: "12 months" })).toHaveAttribute("aria-current", "page");

    // A read that fails says so, and "Try again" reads again.
    let failures = 1;
    await page.route("**/api-keys/usage?*", (route) =>
      failures-- > 0 ? route.fulfill({ status: 500, body: "" }) : route.continue(),
    );
    await page.goto("/api-keys?usage=1h");
    await expect(usage.getByRole("alert")).toContainText("The usage could not be loaded.");
    await usage.getByRole("button", { name: "Try again" }).click();
    await expect(usage.getByRole("alert")).toHaveCount(0);
    await expect(usage.getByRole("link", { name: "1 hour" })).toHaveAttribute("aria-current", "page");
    await expect(usage.getByRole("term").filter({ hasText: /^Requests$/ })).toBeVisible();
  });
});

test("a key's limits are set in the dialogs, and its page shows the quota left and its usage", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const name = `quota ${sizeOf(testInfo)}`;
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create Key" });
  await create.getByLabel("Key Name").fill(name);
  await create.getByLabel("Requests per second").fill("ten");
  await create.getByRole("button", { name: "Create Key" }).click();
  await expect(create.getByText("Requests per second must be a whole number.")).toBeVisible();
  await create.getByLabel("Requests per second").fill("5");
  await create.getByLabel("Quota (requests)").fill("100");
  await create.getByRole("combobox", { name: "Quota period" }).click();
  await page.getByRole("option", { name: "Per day (UTC)" }).click();
  await create.getByRole("button", { name: "Create Key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "I have saved the key" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  const headers = { Authorization: `Bearer ${secret}` };
  for (let i = 0; i < 3; i++) {
    const response = await page.request.get("/api/v1/whoami", { headers });
    expect(response.headers()["ratelimit-limit"]).toBe("5");
  }
  const { keyId, quota } = await (await page.request.get("/api/v1/whoami", { headers })).json();
  expect(quota).toMatchObject({ limit: 100, period: "day", remaining: 96 });

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/api-keys/${keyId}$`));
  await expect(page.getByTestId("quota-remaining")).toContainText("96 of 100 left this day");
  const usage = page.getByRole("region", { name: "Usage of this key" });
  await expect(async () => {
    await page.reload();
    await expect(usage.getByText("Requests", { exact: true }).locator("..").locator("dd")).toHaveText("4", {
      timeout: 500,
    });
  }).toPass({ timeout: 20_000 });
  await expect(usage.getByTestId("requests-chart").locator(".recharts-area-area").first()).toBeVisible();
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === "critical" || v.impact === "serious")).toEqual([]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/${sizeOf(testInfo)}-${theme}-key-usage.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });

  // Edit: per minute instead of per second.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit key" });
  await expect(edit.getByLabel("Requests per second")).toHaveValue("5");
  await edit.getByLabel("Requests per second").fill("");
  await edit.getByLabel("Requests per minute").fill("60");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  const after = await page.request.get("/api/v1/whoami", { headers });
  expect(after.headers()["ratelimit-policy"]).toBe("60;w=60");
});
