import type { Page } from "@playwright/test";
import { startReceiver, verified, type Receiver } from "../tests/helpers/webhook-receiver";
import { axeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";

// The Webhooks page: add an endpoint (its signing secret shown once, with a copy button),
// roll the secret, send a test event to a real receiver that verifies it (with both
// secrets) with the standardwebhooks library, resend it from the delivery log, switch the
// endpoint off and delete it.
// Every state checked with axe, light and dark. The servers allow loopback receivers
// (WEBHOOK_ALLOW_PRIVATE_NETWORKS=1 in playwright.config.ts).
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(() => receiver.stop());

async function noSeriousViolations(page: Page) {
  // Usable at this width: the page itself never scrolls sideways (wide tables scroll inside).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "wider than the screen").toBeLessThanOrEqual(0);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const violations = await axeViolations(page, { exclude: "[data-sonner-toaster]" });
    expect(violations.filter((v) => v.impact === "critical" || v.impact === "serious")).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an endpoint is added, rolls its secret, signs a test event the receiver verifies, resends it and goes", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const url = `${receiver.url}/${testInfo.project.name}`;
  await page.goto("/api-keys");
  await (await mainNav(page)).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveTitle("Webhooks · Wisp Portal");
  await noSeriousViolations(page);

  // Nothing typed is lost when the server refuses it.
  await page.getByRole("button", { name: "Add Endpoint" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Endpoint" });
  await dialog.getByLabel("URL").fill("ftp://example.com/hooks");
  await dialog.getByLabel("Description (optional)").fill("Billing sync");
  await dialog.getByRole("button", { name: "Add Endpoint" }).click();
  await expect(dialog.getByText(/starts with https:\/\//)).toBeVisible();
  await expect(dialog.getByText("Choose at least one event.")).toBeVisible();
  await expect(dialog.getByLabel("Description (optional)")).toHaveValue("Billing sync");
  await noSeriousViolations(page);
  await dialog.getByLabel("URL").fill(url);
  await dialog.getByRole("checkbox", { name: "api_key.created" }).check();
  await dialog.getByRole("checkbox", { name: "role.created" }).check();
  await dialog.getByRole("button", { name: "Add Endpoint" }).click();

  const shown = page.getByRole("dialog", { name: "Save the signing secret" });
  const secret = (await shown.getByTestId("webhook-secret").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  await shown.getByRole("button", { name: "Copy the signing secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await noSeriousViolations(page);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: new RegExp(url) })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  // The endpoint's page. Roll: a new secret, shown once; both sign for 24 hours.
  await page.getByRole("link", { name: url, exact: true }).click();
  await expect(page).toHaveTitle("Webhook Endpoint · Wisp Portal");
  await page.getByRole("button", { name: "Roll secret" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Roll the signing secret?" });
  await noSeriousViolations(page);
  await confirm.getByRole("button", { name: "Roll secret" }).click();
  const rolled = (await page.getByTestId("webhook-secret").textContent())!;
  expect(rolled).not.toBe(secret);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(/the previous one also signs until/)).toBeVisible();

  // A test event reaches the receiver, signed.
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect
    .poll(() => receiver.received.filter((d) => d.headers["webhook-id"] && d.body.includes(url)).length, {
      timeout: 15_000,
    })
    .toBe(1);
  const delivery = receiver.received.find((d) => d.body.includes(url))!;
  // Signed with both secrets during the roll's overlap.
  expect(verified(delivery, secret).type).toBe("webhook.test");
  expect(verified(delivery, rolled).type).toBe("webhook.test");
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Delivery log" })).toContainText("webhook.test", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Delivery log" })).toContainText("thanks");
  await noSeriousViolations(page);

  // Resend: the same event id once more.
  await page.getByRole("button", { name: /^Resend webhook.test/ }).click();
  await expect
    .poll(() => receiver.received.filter((d) => d.headers["webhook-id"] === delivery.headers["webhook-id"]).length, {
      timeout: 15_000,
    })
    .toBe(2);

  // Off, then deleted.
  await page.getByRole("link", { name: "← Webhooks" }).click();
  const row = page.getByRole("row", { name: new RegExp(url) });
  await row.getByRole("switch", { name: `Disable ${url}` }).click();
  await expect(row.getByRole("switch", { name: `Enable ${url}` })).not.toBeChecked();
  await row.getByRole("button", { name: `Delete ${url}` }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete this endpoint?" });
  await noSeriousViolations(page);
  await remove.getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
});
