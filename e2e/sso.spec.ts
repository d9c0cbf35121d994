import type { Page } from "@playwright/test";
import { axeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

// Single sign-on in Chromium, against the real OpenID provider Playwright starts
// (e2e/oidc-provider.mts): an Owner sets it up on its page, a newcomer of the allowed
// domain joins with "Continue with SSO", and an address of another domain is refused with
// a clear page. The new page, its dialog and the SSO sign-in page pass axe, light and dark.
// The spec signs up an account of its own, so "Require SSO" never meets the other specs.
test.use({ storageState: { cookies: [], origins: [] } });

async function expectNoSeriousViolations(page: Page, state: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    const violations = await axeViolations(page, {
      exclude: "[data-sonner-toaster]",
      rules: theme === "dark" ? ["color-contrast"] : undefined,
    });
    const serious = violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
    expect(
      serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
      `${state} (${theme})`,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function signOut(page: Page) {
  await (await mainNav(page)).page().getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("an Owner sets up single sign-on; a newcomer of the domain joins through it; another domain is refused", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const size = sizeOf(testInfo);
  const domain = `sso-${size}.example`;
  const ownerEmail = `olga.${size}@owner.example`;

  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("Single Sign-On Ltd");
  await page.getByLabel("Your name").fill("Olga Owner");
  await page.getByLabel("Email").fill(ownerEmail);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, ownerEmail, "code");
  await expect(page).toHaveURL(/\/api-keys$/);

  await (await mainNav(page)).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByText(/\/sign-in\/sso\/callback$/)).toBeVisible();
  await expectNoSeriousViolations(page, "single-sign-on (empty)");

  await page.getByLabel("Issuer URL").fill(process.env.E2E_OIDC_ISSUER!);
  await page.getByLabel("Client ID").fill(process.env.E2E_OIDC_CLIENT_ID!);
  // A bad domain first: the error shows, and nothing typed is lost.
  await page.getByLabel("Allowed email domains").fill("example.com, not-a-domain");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("“not-a-domain” is not a domain: enter domains such as example.com")).toBeVisible();
  await expect(page.getByLabel("Issuer URL")).toHaveValue(process.env.E2E_OIDC_ISSUER!);
  await page.getByLabel("Allowed email domains").fill(domain);
  await page.getByLabel("Client secret").fill(process.env.E2E_OIDC_CLIENT_SECRET!);
  await page.getByRole("switch", { name: "Let new people from the allowed domains join" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Single sign-on is saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is set.")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Let new people from the allowed domains join" })).toBeChecked();
  await expectNoSeriousViolations(page, "single-sign-on (set)");
  await page.getByRole("button", { name: "Remove single sign-on" }).click();
  await expect(page.getByRole("alertdialog", { name: "Remove single sign-on?" })).toBeVisible();
  await expectNoSeriousViolations(page, "dialog-remove-sso");
  await page.getByRole("button", { name: "Cancel" }).click();
  await signOut(page);

  // A newcomer: "Continue with SSO", the provider's sign-in, and into the portal.
  const newcomer = `nico.${size}@${domain}`;
  await page.getByRole("link", { name: "Continue with SSO" }).click();
  await expect(page).toHaveTitle("Sign in with SSO · Wisp Portal");
  await expectNoSeriousViolations(page, "sign-in-sso");
  await page.getByLabel("Work email").fill(newcomer);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(newcomer);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await mainNav(page);
  await expect(page.getByText(`${newcomer} · Read Only`).filter({ visible: true })).toBeVisible();
  await signOut(page);

  // The provider vouches for an address outside the allowed domains: a clear page. (Its
  // own session, which would sign Nico in again at once, ends first.)
  await page.context().clearCookies({ name: /^_session/ });
  await page.goto("/sign-in/sso");
  await page.getByLabel("Work email").fill(`nora.${size}@${domain}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(`nora.${size}@elsewhere.example`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/sso\?error=domain$/);
  await expect(
    page.getByRole("alert").filter({ hasText: "Your organisation's single sign-on does not accept email addresses" }),
  ).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in-sso (refused)");

  // An address no organisation signs in with single sign-on.
  await page.getByLabel("Work email").fill(`someone.${size}@nowhere.example`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/^No organisation signs in with single sign-on for this email address/)).toBeVisible();
});
