import { expect, test as setup } from "./fixtures";
import { confirmEmail } from "./mail";
import { ownerFor, sizeOf } from "./owner";

// Signs up this screen size's account once; the other specs reuse the session.
setup("create the account", async ({ page }, testInfo) => {
  // Three sign-up attempts, the last with two Argon2 hashes, and the email's confirmation.
  setup.setTimeout(90_000);
  const owner = ownerFor(testInfo);
  await page.goto("/");
  // A fresh portal starts at "Create your account"; once an account exists, at sign-in.
  const heading = page.getByRole("heading", { name: /Create your account|Sign in/ });
  if ((await heading.textContent()) === "Sign in")
    await page.getByRole("link", { name: "Create your account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Organisation").fill(owner.accountName);
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters for the password.")).toBeVisible();
  // Long enough but guessable: the form says why and how to fix it.
  await page.getByLabel("Password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This is similar to a commonly used password.")).toBeVisible();
  // What was typed is still there after the server's refusal.
  await expect(page.getByLabel("Email")).toHaveValue(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The new login confirms its email with the code from the mail before anything else.
  await expect(page).toHaveURL(/\/verify-email$/, { timeout: 30_000 });
  await page.goto("/api-keys");
  await expect(page).toHaveURL(/\/verify-email\?next=%2Fapi-keys$/);
  await confirmEmail(page, owner.email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  await page.context().storageState({ path: `e2e/.auth/${sizeOf(testInfo)}.json` });
});
