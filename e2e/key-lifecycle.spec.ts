import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test as base } from "./fixtures";
import { ownerFor } from "./owner";

// Expiry, disable/enable, roll, IP allowlists, leak reports and the key policy in the
// portal, with the server's test clock (WISP_TEST_CLOCK=1) instead of waiting.
// `request` here carries no session cookie: moving the server's clock days ahead must not
// meet (and end) the session the other specs share; keys are sent as Bearer headers.
const test = base.extend({
  request: async ({ playwright, baseURL }, provide) => {
    const context = await playwright.request.newContext({ baseURL });
    await provide(context);
    await context.dispose();
  },
});
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const whoami = (request: APIRequestContext, secret: string) =>
  request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } });

async function setClockOffset(request: APIRequestContext, seconds: number) {
  expect((await request.post("/api/test/clock", { data: { offsetSeconds: seconds } })).status()).toBe(200);
}

test.afterEach(async ({ request }) => {
  await setClockOffset(request, 0);
});

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("dialog").getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).click();
}

// The show-once dialog after create or roll: returns the secret, closes through the confirmation.
async function saveSecret(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "Save your API key" });
  const secret = (await dialog.getByTestId("new-key-secret").textContent())!;
  expect(secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await dialog.getByRole("button", { name: "I have saved the key" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

test.describe("testing a key from the browser", () => {
  // "Test it" from an address outside the key's allowlist is refused (403), as it should be.
  test.use({ expectedProblems: [/Failed to load resource: the server responded with a status of 403/] });

  test("the show-once dialog: whole key, copy as export, curl, Test it, and a confirmation before it closes", async ({
    page,
  }) => {
    await page.goto("/api-keys");
    await page.getByRole("button", { name: "Create Key" }).first().click();
    const create = page.getByRole("dialog", { name: "Create Key" });
    await create.getByLabel("Key Name").fill("Office router");
    await chooseOption(page, "Expiry", "7 days");
    await create.getByLabel("IP allowlist").fill("10.0.0.0/8\n2001:db8::/32");
    await page.screenshot({ path: "test-results/lifecycle-create-1280.png" });
    await create.getByRole("button", { name: "Create Key" }).click();

    const dialog = page.getByRole("dialog", { name: "Save your API key" });
    const secretBox = dialog.getByTestId("new-key-secret");
    const secret = (await secretBox.textContent())!;
    expect(secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
    // Not clipped: the box is as wide as its content needs (it wraps rather than scrolls).
    expect(await secretBox.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

    await dialog.getByRole("button", { name: "Copy as export WISP_API_KEY=…" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`export WISP_API_KEY=${secret}`);
    const origin = new URL(page.url()).origin;
    await expect(dialog.locator("pre")).toHaveText(`curl -H "Authorization: Bearer ${secret}" ${origin}/api/v1/whoami`);

    // This browser calls from 127.0.0.1, outside the allowlist: the test says so.
    await dialog.getByRole("button", { name: "Test it" }).click();
    await expect(dialog.getByRole("status")).toContainText(
      "403 ip_not_allowed: This key may not be used from 127.0.0.1.",
    );
    await page.screenshot({ path: "test-results/lifecycle-show-once-1280.png" });

    // Escape, × and Done all ask first.
    await page.keyboard.press("Escape");
    await expect(dialog.getByText("Have you saved the key?")).toBeVisible();
    await dialog.getByRole("button", { name: "Back to the key" }).click();
    await expect(dialog.getByText("Have you saved the key?")).toBeHidden();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog.getByText("Have you saved the key?")).toBeVisible();
    await dialog.getByRole("button", { name: "I have saved the key" }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole("row", { name: /Office router/ });
    await expect(row).toContainText("Expiring in 7 days");
    await expect(page.getByRole("status").filter({ hasText: "within 7 days" })).toContainText("Office router");
    await page.screenshot({ path: "test-results/lifecycle-keys-1280.png", fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Create Key" }).first().click();
    await create.getByLabel("Key Name").fill("Phone key");
    await create.getByRole("button", { name: "Create Key" }).click();
    await dialog.getByRole("button", { name: "Test it" }).click();
    await expect(dialog.getByRole("status")).toContainText("200 OK: key “Phone key”");
    const phoneBox = dialog.getByTestId("new-key-secret");
    expect(await phoneBox.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await page.screenshot({ path: "test-results/lifecycle-show-once-390.png" });
    await saveSecret(page);
  });
});

test("the key page: details, disable and enable, roll with a grace period, history and activity", async ({
  page,
  request,
}, testInfo) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  await page.getByRole("dialog").getByLabel("Key Name").fill("Deploy bot");
  await page.getByRole("dialog").getByRole("button", { name: "Create Key" }).click();
  const secret = await saveSecret(page);
  expect((await whoami(request, secret)).status()).toBe(200);

  await page.getByRole("link", { name: "Deploy bot", exact: true }).click();
  await expect(page).toHaveURL(/\/api-keys\/key_[0-9A-Za-z]{16}$/);
  const keyId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Deploy bot" })).toBeVisible();
  await expect(page.getByText(keyId)).toBeVisible();
  const owner = ownerFor(testInfo);
  await expect(page.getByText(`${owner.name} (${owner.email})`)).toBeVisible();
  await expect(page.getByText("Any address")).toBeVisible();

  // Disable: asks first, then the API refuses the key at once; Enable brings it back.
  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  expect((await whoami(request, secret)).status()).toBe(401);
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  expect((await whoami(request, secret)).status()).toBe(200);

  // Roll with a one-hour grace period; the new secret is shown once and tested.
  await page.getByRole("button", { name: "Roll" }).click();
  const roll = page.getByRole("dialog", { name: "Roll “Deploy bot”" });
  await roll.getByLabel("1 hour").check();
  await roll.getByRole("button", { name: "Roll key" }).click();
  await page.getByRole("dialog", { name: "Save your API key" }).getByRole("button", { name: "Test it" }).click();
  await expect(page.getByRole("dialog").getByRole("status")).toContainText("200 OK: key “Deploy bot”");
  const rolled = await saveSecret(page);
  expect(rolled).not.toBe(secret);

  const history = page.getByRole("region", { name: "Roll history" });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText("Current");
  await expect(history.getByRole("row").nth(2)).toContainText("Grace period, until");
  const activity = page.getByRole("region", { name: "Activity" });
  for (const action of ["api_key.create", "api_key.disable", "api_key.enable", "api_key.roll"]) {
    await expect(activity.getByText(action, { exact: true })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/lifecycle-detail-1280.png", fullPage: true });

  // Both work until the grace period ends; then only the new one.
  expect((await whoami(request, secret)).status()).toBe(200);
  await setClockOffset(request, 3601);
  expect((await whoami(request, secret)).status()).toBe(401);
  expect((await whoami(request, rolled)).status()).toBe(200);
  await page.reload();
  await expect(history.getByRole("row").nth(2)).toContainText("Stopped");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/lifecycle-detail-390.png", fullPage: true });
});

// Sessions last 12 hours however the clock moves: the key expires minutes from now, so
// moving the server's clock past it leaves the shared session open.
test("expired keys: refused, shown as Expired, found by the state filter; editing the expiry", async ({
  page,
  request,
}) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key Name").fill("Trial script");
  await chooseOption(page, "Expiry", "Custom date and time");
  // Ten minutes from now, as the browser's date-time field writes it (local time).
  const soon = await page.evaluate(() => {
    const at = new Date(Date.now() + 10 * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  });
  await dialog.getByLabel("Expiry date and time").fill(soon);
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secret = await saveSecret(page);
  await expect(page.getByRole("row", { name: /Trial script/ })).toContainText("Expires within a day");

  await setClockOffset(request, 11 * 60);
  expect((await whoami(request, secret)).status()).toBe(401);
  await page.reload();
  await expect(page.getByRole("row", { name: /Trial script/ })).toContainText("Expired");
  await page.getByRole("combobox", { name: "Filter keys by state" }).click();
  await page.getByRole("option", { name: "Expired" }).click();
  await expect(page).toHaveURL(/state=expired/);
  await expect(page.getByRole("row", { name: /Trial script/ })).toBeVisible();
  const keysTable = page.getByRole("region", { name: "API keys" });
  await expect(keysTable.locator("tbody tr").filter({ hasNotText: "Expired" })).toHaveCount(0);

  // A new expiry brings it back at once.
  await page.getByRole("button", { name: "Edit Trial script" }).click();
  await chooseOption(page, "Expiry", "90 days");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect((await whoami(request, secret)).status()).toBe(200);
});

test("a reported leak disables the key and shows a banner to members", async ({ page, request }) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  await page.getByRole("dialog").getByLabel("Key Name").fill("Pasted key");
  await page.getByRole("dialog").getByRole("button", { name: "Create Key" }).click();
  const secret = await saveSecret(page);

  const format = await (await request.get("/.well-known/api-key-format")).json();
  expect(`found in a gist: ${secret}.`.match(new RegExp(format.pattern))?.[0]).toBe(secret);
  const reported = await request.post("/api/v1/leaked-keys", {
    data: { secrets: [secret], source: "a secret scanner" },
  });
  expect(reported.status()).toBe(202);
  expect((await whoami(request, secret)).status()).toBe(401);

  await page.goto("/roles");
  const banner = page.getByRole("alert").filter({ hasText: "after a leak report" });
  await expect(banner).toContainText("1 key was disabled after a leak report: Pasted key.");
  await banner.getByRole("link", { name: "Pasted key" }).click();
  await expect(page.getByRole("heading", { name: "Pasted key" })).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(page.getByText("Reporter's note:")).toContainText("a secret scanner");
  await page.screenshot({ path: "test-results/lifecycle-leaked-1280.png", fullPage: true });

  // Roll (the leaked secret gets no grace), then enable: the banner goes.
  await page.getByRole("button", { name: "Roll" }).click();
  await expect(page.getByRole("dialog")).toContainText("reported leaked: its old secret stops now");
  await page.getByRole("dialog").getByRole("button", { name: "Roll key" }).click();
  const fresh = await saveSecret(page);
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "after a leak report" })).toHaveCount(0);
  expect((await whoami(request, fresh)).status()).toBe(200);
  expect((await whoami(request, secret)).status()).toBe(401);
});

test("the account's maximum key lifetime limits the create dialog's choices", async ({ page }) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Change key policy" }).click();
  const policy = page.getByRole("dialog", { name: "Key policy" });
  await policy.getByLabel("Keys must expire").check();
  await policy.getByLabel("Within (days)").fill("30");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Keys expire within 30 days")).toBeVisible();

  await page.getByRole("button", { name: "Create Key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create Key" });
  await expect(create.getByRole("combobox", { name: "Expiry" })).toHaveText("30 days");
  await create.getByRole("combobox", { name: "Expiry" }).click();
  await expect(page.getByRole("option", { name: /Never/ })).toHaveAttribute("data-disabled", "");
  await expect(page.getByRole("option", { name: /90 days/ })).toHaveAttribute("data-disabled", "");
  await page.screenshot({ path: "test-results/lifecycle-policy-1280.png" });
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Change key policy" }).click();
  await policy.getByLabel("Keys must expire").uncheck();
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("No maximum lifetime")).toBeVisible();
});

test("the unused-key policy is set in the key policy dialog and shown on a key's page", async ({ page }) => {
  const name = `Sweep me ${Date.now()}`;
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  await page.getByRole("dialog", { name: "Create Key" }).getByLabel("Key Name").fill(name);
  await page.getByRole("dialog", { name: "Create Key" }).getByRole("button", { name: "Create Key" }).click();
  await saveSecret(page);

  await page.getByRole("button", { name: "Change key policy" }).click();
  const policy = page.getByRole("dialog", { name: "Key policy" });
  await policy.getByLabel("Disable keys that go unused").check();
  await policy.getByLabel("After (days without a request)").fill("7");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(policy.getByText("Use at least 8 days")).toBeVisible();
  await policy.getByLabel("After (days without a request)").fill("60");
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("unused for 60 days: disabled")).toBeVisible();

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByText(/Disabled on .* if unused/)).toBeVisible();
  await page.screenshot({ path: `test-results/unused-policy-${page.viewportSize()!.width}.png` });

  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Change key policy" }).click();
  await policy.getByLabel("Disable keys that go unused").uncheck();
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("No maximum lifetime")).toBeVisible();
  await expect(page.getByText("unused for 60 days: disabled")).toHaveCount(0);
});
