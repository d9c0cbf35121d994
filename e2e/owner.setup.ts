import { expect, test as setup } from "@playwright/test";
import { OWNER } from "./owner";

// Creates the account through the sign-up page once; the other specs reuse the session.
setup("create the account", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Organisation").fill(OWNER.accountName);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters for the password.")).toBeVisible();
  // What was typed is still there after the server's refusal.
  await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  // One account per server: the PostgreSQL project keeps its session in its own file.
  const path = (setup.info().project.metadata.storageState as string | undefined) ?? "e2e/.auth/owner.json";
  await page.context().storageState({ path });
});
