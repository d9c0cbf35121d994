import type { Page } from "@playwright/test";
import { expect, test, watchForProblems } from "./fixtures";
import { mainNav } from "./helpers";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function setLevel(page: Page, area: string, level: "No Access" | "Read Access" | "Full Access") {
  // Keyboard, as a person using only the keyboard would: focus the option, press Space.
  const option = page.getByRole("dialog").getByRole("radio", { name: `${area}: ${level}` });
  await option.focus();
  await page.keyboard.press("Space");
  await expect(option).toBeChecked();
}

test("a custom role decides what its key may do, and a raised level applies on the next call", async ({
  page,
  request,
}) => {
  await page.goto("/roles");
  await expect(page.getByRole("row", { name: /Owner/ })).toContainText("Built-in");
  // Built-in: opened read-only (e2e/role-forms.spec.ts), never edited.
  await expect(page.getByRole("button", { name: "Edit Owner" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "View Owner" })).toBeEnabled();

  // A role with mixed levels.
  await page.getByRole("button", { name: "Add Role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Role" });
  await dialog.getByLabel("Role Name").fill("User Auditor");
  await setLevel(page, "Users", "Read Access");
  await setLevel(page, "Vouchers", "Full Access");
  await setLevel(page, "Audit Log", "Read Access");
  await expect(dialog.getByLabel("Audit Log: Full Access")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Save Role" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /User Auditor/ })).toBeVisible();

  // A key with that role; the dialog shows what the role allows.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create Key" });
  await create.getByLabel("Key Name").fill("Auditor script");
  await create.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "User Auditor" }).click();
  const summary = create.getByLabel("What this role allows");
  await expect(summary).toContainText("UsersRead Access");
  await expect(summary).toContainText("NetworksNo Access");
  await create.getByRole("button", { name: "Create Key" }).click();
  const secret = (await page.getByTestId("new-key-secret").textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "I have saved the key" }).click();
  const auth = { Authorization: `Bearer ${secret}` };

  expect((await request.get("/api/v1/users", { headers: auth })).status()).toBe(200);
  const refused = await request.post("/api/v1/users", { headers: auth, data: { username: "guest-1" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ area: "users", required: "FULL", granted: "READ" });
  expect((await request.get("/api/v1/networks", { headers: auth })).status()).toBe(403);

  // Raise Users to Full Access in the portal: the very next write succeeds.
  await page.goto("/roles");
  await page.getByRole("button", { name: "Edit User Auditor" }).click();
  await setLevel(page, "Users", "Full Access");
  await page.getByRole("dialog").getByRole("button", { name: "Save Role" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const allowed = await request.post("/api/v1/users", { headers: auth, data: { username: "guest-1" } });
  expect(allowed.status()).toBe(201);

  // In use by the key: the role can't be deleted, and Delete says why before anyone confirms.
  const del = page.getByRole("button", { name: "Delete User Auditor" });
  await expect(del).toBeDisabled();
  await expect(del).toHaveAccessibleDescription(/^In use by 1 API key/);

  await page.goto("/users");
  await expect(page.getByRole("row", { name: /guest-1/ })).toBeVisible();
});

test("invite a team member; they choose a password, land on the first page they may see, and see only their areas", async ({
  page,
  browser,
}, testInfo) => {
  const email = `rita.${sizeOf(testInfo)}@acme.example`;
  await page.goto("/team");
  await page.getByRole("button", { name: "Add Member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member" });
  await dialog.getByLabel("Name").fill("Rita Reader");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "User Auditor" }).click();
  await dialog.getByRole("button", { name: "Add Member" }).click();
  const link = (await page.getByTestId("invitation-url").textContent())!;
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /Rita Reader/ });
  await expect(row).toContainText("User Auditor");
  await expect(row).toContainText("Invited");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const problems = await watchForProblems(context);
  const rita = await context.newPage();
  await rita.goto(link);
  await expect(rita.getByRole("heading", { name: "Join Acme Wi-Fi" })).toBeVisible();
  await rita.getByLabel("Password").fill("aaaaaaaaaaaa");
  await rita.getByRole("button", { name: "Join Acme Wi-Fi" }).click();
  await expect(rita.getByText('Repeated characters like "aaa" are easy to guess.')).toBeVisible();
  await rita.screenshot({ path: testInfo.outputPath("invitation.png"), fullPage: true });
  await rita.getByLabel("Password").fill("lantern orchard velvet 77");
  await rita.getByRole("button", { name: "Join Acme Wi-Fi" }).click();
  await confirmEmail(rita, email, "code");
  // No API Keys access: she lands on Users, the first page her role may see.
  await expect(rita).toHaveURL(/\/users$/);
  const nav = await mainNav(rita);
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Networks" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(0);
  await rita.goto("/api-keys");
  await expect(rita.getByText("Your role has No Access to API Keys.")).toBeVisible();

  // Signed out, a wrong password says only that; the right one comes back to the page asked for.
  await (await mainNav(rita)).page().getByRole("button", { name: "Sign out" }).click();
  await expect(rita).toHaveURL(/\/sign-in/);
  await rita.goto("/vouchers");
  await expect(rita).toHaveURL(/\/sign-in\?next=%2Fvouchers$/);
  await rita.getByLabel("Email").fill(email);
  await rita.getByLabel("Password").fill("wrong password!");
  await rita.getByRole("button", { name: "Sign in" }).click();
  await expect(rita.getByText("The email or password is wrong.")).toBeVisible();
  await rita.getByLabel("Password").fill("lantern orchard velvet 77");
  await rita.getByRole("button", { name: "Sign in" }).click();
  await expect(rita).toHaveURL(/\/vouchers$/);
  await context.close();
  expect(problems(), "console errors or CSP violations").toEqual([]);

  await page.reload();
  await expect(page.getByRole("row", { name: /Rita Reader/ })).toContainText("Active");
});
