import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { mainNav } from "./helpers";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

const signedOut = { storageState: { cookies: [], origins: [] } };

// A new organisation of its own (the shared owner's session is left alone).
async function newOrganisation(browser: Browser, name: string) {
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.com`;
  const password = "copper lighthouse meadow 19";
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(name);
  await page.getByLabel("Your name").fill(`${name} Owner`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);
  return { context, page, email, password };
}

async function signInAgain(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in checks the password's Argon2 hash: seconds on a busy machine.
  await expect(page).toHaveURL(/\/api-keys$/, { timeout: 15_000 });
  return page;
}

test("sign-out ends the session: a copy of its cookies is refused on the next request", async ({ browser }) => {
  // A sign-up and its email confirmation first.
  test.setTimeout(60_000);
  const { context, page } = await newOrganisation(browser, "Copy Cat");
  const thief = await browser.newContext(signedOut);
  await thief.addCookies(await context.cookies());
  const stolen = await thief.newPage();
  await stolen.goto("/api-keys");
  await expect(stolen.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();

  await mainNav(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await stolen.goto("/api-keys");
  await expect(stolen).toHaveURL(/\/sign-in\?next=%2Fapi-keys$/);
  await context.close();
  await thief.close();
});

test("the account page lists sessions, ends one or all others, and a password change ends the rest", async ({
  browser,
}) => {
  // Four sign-ins and two password changes, each an Argon2 hash: 32 s in one CI run.
  test.setTimeout(90_000);
  const { context, page, email, password } = await newOrganisation(browser, "Many Devices");
  const second = await signInAgain(browser, email, password);
  const third = await signInAgain(browser, email, password);

  await mainNav(page);
  await page.getByRole("link", { name: "Many Devices Owner" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);
  await page.screenshot({ path: "test-results/account.png", fullPage: true });

  // End one session.
  await rows
    .filter({ hasNotText: "This session" })
    .first()
    .getByRole("button", { name: /^End session/ })
    .click();
  await expect(rows).toHaveCount(2);

  // A weak new password is refused with the reason; a good one ends every other session.
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is similar to a commonly used password.")).toBeVisible();
  await page.getByLabel("New password").fill("granite poppy harbour 56");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Your other sessions have ended.")).toBeVisible();
  await expect(rows).toHaveCount(1);
  for (const other of [second, third]) {
    await other.goto("/api-keys");
    await expect(other).toHaveURL(/\/sign-in/);
  }

  // "Sign out of all other sessions".
  const fourth = await signInAgain(browser, email, "granite poppy harbour 56");
  await page.reload();
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out of all other sessions" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("1 other session ended.")).toBeVisible();
  // Focus comes back to the button, now unavailable: nobody else is signed in.
  const signOutAll = page.getByRole("button", { name: "Sign out of all other sessions" });
  await expect(signOutAll).toBeFocused();
  await expect(signOutAll).toBeDisabled();
  await fourth.goto("/api-keys");
  await expect(fourth).toHaveURL(/\/sign-in/);
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API Keys", exact: true })).toBeVisible();
  await context.close();
});

test("a password reset by an Owner shows a one-time password once, which the member must replace", async ({
  page,
  browser,
}, testInfo) => {
  // Three Argon2 hashes (joining, signing in, the new password) and a reset: like the test
  // above, more than the 30 s default when CI shares the machine.
  test.setTimeout(90_000);
  // One login per screen size: both sizes' accounts share the server.
  const ollyEmail = `olly.${sizeOf(testInfo)}@acme.example`;
  // The shared owner invites Olly, who joins.
  await page.goto("/team");
  await page.getByRole("button", { name: "Add Member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill("Olly Forgetful");
  await dialog.getByLabel("Email").fill(ollyEmail);
  await dialog.getByRole("button", { name: "Add Member" }).click();
  const link = (await page.getByTestId("invitation-url").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  const olly = await (await browser.newContext(signedOut)).newPage();
  await olly.goto(link);
  await olly.getByLabel("Password").fill("saffron tunnel breeze 31");
  await olly.getByRole("button", { name: /^Join/ }).click();
  await confirmEmail(olly, ollyEmail, "code");
  await expect(olly).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  await page.reload();
  await page.getByRole("button", { name: "Reset password of Olly Forgetful" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Reset password" }).click();
  const oneTime = (await page.getByTestId("one-time-password").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();

  // Olly's session ended; the one-time password only leads to choosing a new one.
  await olly.goto("/roles");
  await expect(olly).toHaveURL(/\/sign-in\?next=%2Froles$/);
  await olly.getByLabel("Email").fill(ollyEmail);
  await olly.getByLabel("Password").fill(oneTime);
  await olly.getByRole("button", { name: "Sign in" }).click();
  await expect(olly).toHaveURL(/\/set-password\?next=%2Froles$/, { timeout: 15_000 });
  await olly.getByLabel("One-time password").fill(oneTime);
  await olly.getByLabel("New password").fill("aaaaaaaaaaaa");
  await olly.getByRole("button", { name: "Set password" }).click();
  await expect(olly.getByText('Repeated characters like "aaa" are easy to guess.')).toBeVisible();
  await olly.screenshot({ path: "test-results/set-password.png", fullPage: true });
  await olly.getByLabel("New password").fill("juniper compass ember 64");
  await olly.getByRole("button", { name: "Set password" }).click();
  await expect(olly).toHaveURL(/\/roles$/, { timeout: 15_000 });
  await olly.context().close();
});
