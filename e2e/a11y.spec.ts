import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { mkdirSync, writeFileSync } from "node:fs";
import { axeViolations } from "./axe";
import { api, mainNav } from "./helpers";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

// Every page of the portal and every open dialog, in light and dark: axe finds no critical
// or serious violation, and nothing is wider than the screen. Screenshots of each are
// written to test-results/screenshots/<size>-<theme>-<name>.png (look at them).
// This test signs up its own account, so its data never meets the other specs'.

test.use({ storageState: { cookies: [], origins: [] } });

const SCREENSHOTS = "test-results/screenshots";
type Finding = { state: string; theme: string; id: string; impact: string; targets: string[] };

async function check(page: Page, testInfo: TestInfo, findings: Finding[], state: string, { dialog = false } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    // All rules in light; in dark only colours change, so only contrast is checked again.
    // Toasts come and go while a state is checked; one is checked on its own below.
    const violations = await axeViolations(page, {
      exclude: "[data-sonner-toaster]",
      rules: theme === "dark" ? ["color-contrast"] : undefined,
    });
    for (const violation of violations) {
      findings.push({
        state,
        theme,
        id: violation.id,
        impact: violation.impact ?? "unknown",
        targets: violation.nodes.map((node) => node.target.join(" ")),
      });
    }
    await page.screenshot({ path: `${SCREENSHOTS}/${sizeOf(testInfo)}-${theme}-${state}.png`, fullPage: !dialog });
  }
  // Usable at this width: the page itself never scrolls sideways (wide tables scroll inside).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${state} is wider than the screen`).toBeLessThanOrEqual(0);
}

test("every page and dialog, light and dark: no serious axe violations; screenshots", async ({
  page,
  request,
}, testInfo) => {
  // Long: every page and dialog in two themes (about 2 to 3 minutes on a loaded machine).
  test.setTimeout(360_000);
  const size = sizeOf(testInfo);
  const findings: Finding[] = [];
  const see = (state: string, options?: { dialog?: boolean }) => check(page, testInfo, findings, state, options);

  await page.goto("/sign-in");
  await expect(page).toHaveTitle("Sign in · Wisp Portal");
  await see("sign-in");
  await page.goto("/sign-up");
  await expect(page).toHaveTitle("Create your account · Wisp Portal");
  await see("sign-up");
  await page.goto("/forgot-password");
  await expect(page).toHaveTitle("Forgot password · Wisp Portal");
  await see("forgot-password");
  await page.goto("/reset-password/not-a-link-that-works");
  await expect(page.getByText(/^This link to choose a new password doesn't work any more/)).toBeVisible();
  await see("reset-password-invalid");
  await page.goto("/sign-up");

  await page.getByLabel("Organisation").fill("Axe & Contrast Ltd");
  await page.getByLabel("Your name").fill("Alex Checker");
  await page.getByLabel("Email").fill(`alex.${size}@axe.example`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveTitle("Check your email · Wisp Portal");
  await see("verify-email");
  await confirmEmail(page, `alex.${size}@axe.example`, "code");
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page).toHaveTitle("API Keys · Wisp Portal");
  await see("api-keys-empty");

  await page.getByRole("button", { name: "Create Key" }).click();
  const create = page.getByRole("dialog", { name: "Create Key" });
  await expect(create.getByLabel("What this role allows")).toBeVisible();
  await see("dialog-create-key", { dialog: true });
  await create.getByRole("combobox", { name: "Role" }).click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await see("dialog-create-key-roles", { dialog: true });
  await page.getByRole("option", { name: "Owner", exact: true }).click();
  await create.getByLabel("Key Name").fill("Inventory sync");
  await create.getByRole("button", { name: "Create Key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!;
  await see("dialog-secret", { dialog: true });
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "I have saved the key" }).click();

  // Data for every list, through the API.
  const rest = api(request, secret);
  const support = await rest.post("/api/v1/roles", {
    name: "Support desk",
    permissions: { users: "FULL", groups: "READ", networks: "READ", vouchers: "FULL", api_keys: "READ" },
  });
  // A role nobody uses, whose Delete asks for confirmation (a role in use can't be deleted).
  await rest.post("/api/v1/roles", { name: "Night audit", permissions: { audit_log: "READ" } });
  const readOnly = await rest.roleId("Read Only");
  for (const [name, roleId] of [
    ["Guest Wi-Fi printer", readOnly],
    ["A very long key name that someone gave the key of the nightly billing export to the ledger", support.id],
    ["Support bot", support.id],
  ])
    await rest.post("/api/v1/api-keys", { name, roleId });
  await rest.post("/api/v1/team", { name: "Sam Support", email: `sam.${size}@axe.example`, roleId: support.id });
  for (const [username, fullName, email] of [
    ["jane.doe", "Jane Doe", "jane@example.com"],
    ["lobby-tablet-3", "Lobby tablet", null],
    ["r.okafor", "Rita Okafor", "rita.okafor@example.com"],
  ])
    await rest.post("/api/v1/users", { username, fullName, email });
  await rest.post("/api/v1/groups", { name: "Staff", description: "Everyone on the payroll" });
  await rest.post("/api/v1/groups", { name: "Guests" });
  await rest.post("/api/v1/networks", { name: "Head office", ssid: "ACME-STAFF", description: "Floors 1–4" });
  await rest.post("/api/v1/networks", { name: "Lobby", ssid: "ACME Guest" });
  await rest.post("/api/v1/vouchers/batch", { count: 3, prefix: "GUEST-", validitySeconds: 86_400 });

  await page.reload();
  await see("api-keys");
  // Nothing in the table wraps (role badges, dates, headers): every row is one line high
  // (the last one has no bottom border). On a phone a line is as high as its 44 px touch
  // targets (row icons, sort headers).
  const phone = page.viewportSize()!.width < 640;
  const heights = await page
    .getByRole("region", { name: "API keys" })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.clientHeight));
  expect(Math.max(...heights)).toBeLessThanOrEqual(phone ? 66 : 56);
  expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(1);
  expect(
    (await page.getByRole("region", { name: "API keys" }).locator("thead").boundingBox())!.height,
  ).toBeLessThanOrEqual(phone ? 48 : 40);
  await page.getByRole("button", { name: "Edit Inventory sync" }).click();
  await see("dialog-edit-key", { dialog: true });
  await page.getByRole("button", { name: "Save" }).click();
  // The toast it shows, once settled, in both themes.
  await expect(page.locator("[data-sonner-toast]").first()).toBeVisible();
  // Hovered, a toast stays until the pointer leaves: a slow machine can't lose it mid-check.
  await page.locator("[data-sonner-toast]").first().hover();
  // Settled: no transition of the toaster's still running.
  await expect
    .poll(() =>
      page
        .locator("[data-sonner-toaster]")
        .first()
        .evaluate(
          (toaster) => toaster.getAnimations({ subtree: true }).filter((a) => a.playState === "running").length,
        ),
    )
    .toBe(0);
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const violations = await axeViolations(page, { include: "[data-sonner-toaster]" });
    for (const { id, impact, nodes } of violations)
      findings.push({
        state: "toast",
        theme,
        id,
        impact: impact ?? "unknown",
        targets: nodes.map((n) => n.target.join(" ")),
      });
    await page.screenshot({ path: `${SCREENSHOTS}/${size}-${theme}-toast.png` });
  }
  await page.getByRole("button", { name: "Delete Support bot" }).click();
  await see("dialog-delete-key", { dialog: true });
  await page.keyboard.press("Escape");

  // A key's own page and its lifecycle dialogs.
  await page.getByRole("link", { name: "Inventory sync", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inventory sync");
  await see("api-key-detail");
  await page.getByRole("button", { name: "Roll" }).click();
  await see("dialog-roll-key", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Disable" }).click();
  await see("dialog-disable-key", { dialog: true });
  await page.keyboard.press("Escape");

  await page.goto("/roles");
  await expect(page).toHaveTitle("Roles · Wisp Portal");
  await see("roles");
  await page.getByRole("button", { name: "Add Role" }).click();
  await see("dialog-add-role", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Delete Night audit" }).click();
  await see("dialog-delete-role", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "View Owner" }).click();
  await see("dialog-view-role", { dialog: true });
  await page.keyboard.press("Escape");

  await page.goto("/team");
  await expect(page).toHaveTitle("Team · Wisp Portal");
  await see("team");
  await page.getByRole("button", { name: "Add Member" }).click();
  await see("dialog-add-member", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Edit Sam Support" }).click();
  await see("dialog-edit-member", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Resend invitation to Sam Support" }).click();
  await see("dialog-resend-invitation", { dialog: true });
  await page.keyboard.press("Escape");

  await page.goto("/audit-log");
  await expect(page).toHaveTitle("Audit Log · Wisp Portal");
  await page
    .getByRole("button", { name: /fields/ })
    .first()
    .click();
  await see("audit-log");

  // The account's mail (the invitations above), and the person's own page with its switches.
  await page.goto("/notifications");
  await expect(page).toHaveTitle("Notifications · Wisp Portal");
  await expect(page.getByRole("region", { name: "Mail of this account" })).toBeVisible();
  await see("notifications");
  await page.goto("/account");
  await expect(page.getByRole("switch", { name: "Key expiry" })).toBeVisible();
  await see("account");

  for (const title of ["Users", "Groups", "Networks", "Vouchers"]) {
    await page.goto(`/${title.toLowerCase()}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(`${title} · Wisp Portal`);
    await see(title.toLowerCase());
  }

  // The dialogs of users, groups, networks and vouchers.
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  // Submitted empty with Enter (a click would leave the button in its hover colour).
  await page.getByRole("dialog", { name: "Add user" }).getByLabel("Username").press("Enter");
  await expect(page.getByRole("dialog").getByText("Enter a username.")).toBeVisible();
  await see("dialog-add-user", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Edit jane.doe" }).click();
  await see("dialog-edit-user", { dialog: true });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Delete jane.doe" }).click();
  await see("dialog-delete-user", { dialog: true });
  await page.keyboard.press("Escape");
  await page.goto("/groups");
  await page.getByRole("button", { name: "Edit Staff" }).click();
  const groupDialog = page.getByRole("dialog", { name: "Edit group" });
  await groupDialog.getByRole("combobox", { name: "User" }).click();
  await page.getByRole("option", { name: "jane.doe" }).click();
  await groupDialog.getByRole("button", { name: "Add to group" }).click();
  await expect(groupDialog.getByRole("list", { name: "Members" })).toContainText("jane.doe");
  await see("dialog-edit-group", { dialog: true });
  await page.keyboard.press("Escape");
  await page.goto("/networks");
  await page.getByRole("button", { name: "Add network" }).click();
  await see("dialog-add-network", { dialog: true });
  await page.keyboard.press("Escape");
  await page.goto("/vouchers");
  await page.getByRole("button", { name: "Create vouchers" }).click();
  await see("dialog-create-vouchers", { dialog: true });
  await page.getByRole("dialog").getByLabel("How many").fill("40");
  await page.getByRole("dialog").getByRole("button", { name: "Create vouchers" }).click();
  await expect(page.getByRole("dialog", { name: "40 vouchers created" })).toBeVisible();
  await see("dialog-voucher-batch", { dialog: true });
  await page.keyboard.press("Escape");

  if (size === "phone") {
    await mainNav(page);
    await see("menu", { dialog: true });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Open menu" })).toBeFocused();
  }

  // The narrowest phones: every page still fits the screen's width.
  if (size === "phone") {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of [
      "api-keys",
      "roles",
      "team",
      "audit-log",
      "notifications",
      "account",
      "users",
      "groups",
      "networks",
      "vouchers",
    ]) {
      await page.goto(`/${path}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at 360 px`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/phone360-light-vouchers.png`, fullPage: true });
    await page.goto("/api-keys");
    await page.getByRole("button", { name: "Edit Inventory sync" }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/phone360-light-dialog-edit-key.png` });
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 390, height: 844 });
  }

  // The API reference is Scalar's page (exempt from the axe check): screenshots, and the way back.
  await page.goto("/api/reference");
  await expect(page.getByRole("link", { name: "← Back to portal" })).toBeVisible();
  await expect(page.getByText("Wisp Portal API").first()).toBeVisible();
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${SCREENSHOTS}/${size}-${theme}-api-reference.png` });
  }
  await page.getByRole("link", { name: "← Back to portal" }).click();
  await expect(page).toHaveURL(/\/api-keys$/);

  // The theme toggle overrides the system setting, and the choice survives a reload.
  await page.emulateMedia({ colorScheme: "light" });
  await mainNav(page);
  // The radio buttons are visually hidden inside their icon labels, which are what one clicks.
  await page.getByRole("radio", { name: "Dark theme" }).locator("xpath=..").click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await mainNav(page);
  await expect(page.getByRole("radio", { name: "Dark theme" })).toBeChecked();
  await page.getByRole("radio", { name: "System theme" }).locator("xpath=..").click();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);

  writeFileSync(`test-results/axe-${size}.json`, JSON.stringify(findings, null, 2));
  const serious = findings.filter((finding) => finding.impact === "critical" || finding.impact === "serious");
  expect(serious, "critical or serious axe violations").toEqual([]);
});
