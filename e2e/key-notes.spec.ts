import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { confirmEmail } from "./mail";

// A key's description and tags in the dialogs, the list (tags filter it) and the key's page;
// "Unused for N days" once the test clock has moved on.
test.afterEach(async ({ request }) => {
  expect((await request.post("/api/test/clock", { data: { offsetSeconds: 0 } })).status()).toBe(200);
});

test("describe and tag a key, filter the list by a tag, and edit both", async ({ page, browser }, testInfo) => {
  const run = randomUUID().slice(0, 8);
  const name = `Tagged ${run}`;
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create Key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create Key" });
  await dialog.getByLabel("Key Name").fill(name);
  await dialog.getByLabel("Description").fill("Nightly export to billing.");
  // A malformed line is named, and nothing typed is lost.
  await dialog.getByLabel("Tags").fill("env prod");
  await dialog.getByRole("button", { name: "Create Key" }).click();
  await expect(dialog.getByText("“env prod” is not key=value.")).toBeVisible();
  await expect(dialog.getByLabel("Key Name")).toHaveValue(name);
  await expect(dialog.getByLabel("Description")).toHaveValue("Nightly export to billing.");
  await dialog.getByLabel("Tags").fill(`env=prod\nrun=${run}`);
  await dialog.getByRole("button", { name: "Create Key" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Save your API key" });
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await secretDialog.getByRole("button", { name: "I have saved the key" }).click();
  await expect(secretDialog).toBeHidden();

  // The tag on the key's row filters the list by it.
  const row = page.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("link", { name: `run=${run}` }).click();
  await expect(page).toHaveURL(new RegExp(`tag=run%3A${run}`));
  await expect(page.getByRole("region", { name: "API keys" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByText(`run:${run}`)).toBeVisible();
  await page.getByRole("button", { name: `Clear the tag filter run:${run}` }).click();
  await expect(page).not.toHaveURL(/tag=/);

  // The edit dialog starts from them; the key's page shows what was saved.
  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit key" });
  await expect(edit.getByLabel("Tags")).toHaveValue(`env=prod\nrun=${run}`);
  await expect(edit.getByLabel("Description")).toHaveValue("Nightly export to billing.");
  await edit.getByLabel("Description").fill("Nightly export, owned by finance.");
  await edit.getByLabel("Tags").fill(`run=${run}`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Nightly export, owned by finance.", { exact: true })).toBeVisible();
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("link")).toHaveText([`run=${run}`]);

  await expect(page.getByText("Unused for")).toHaveCount(0);

  // Never used: it counts from its creation, here and in the list. Eight idle days end a
  // session, and a sign-in then clears its login's expired sessions: a login of its own
  // looks, so the session the other specs share lives on.
  const email = `una-${testInfo.project.name}-${run}@unused.example`;
  const password = "amber lantern thistle 63";
  const una = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await una.goto("/sign-up");
  await una.getByLabel("Organisation").fill("Unused Ltd");
  await una.getByLabel("Your name").fill("Una Unused");
  await una.getByLabel("Email").fill(email);
  await una.getByLabel("Password").fill(password);
  await una.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(una, email, "code");
  await expect(una).toHaveURL(/\/api-keys$/);
  await una.getByRole("button", { name: "Create Key" }).first().click();
  const idle = una.getByRole("dialog", { name: "Create Key" });
  await idle.getByLabel("Key Name").fill("Idle key");
  await idle.getByRole("button", { name: "Create Key" }).click();
  await una.getByRole("button", { name: "Done" }).click();
  await una.getByRole("button", { name: "I have saved the key" }).click();
  await una.getByRole("link", { name: "Idle key", exact: true }).click();
  await expect(una.getByRole("heading", { name: "Idle key" })).toBeVisible();
  const keyPage = una.url();
  await page.goto("about:blank");
  expect((await page.request.post("/api/test/clock", { data: { offsetSeconds: 8 * 86_400 } })).status()).toBe(200);
  await una.goto(keyPage);
  await una.getByLabel("Email").fill(email);
  await una.getByLabel("Password").fill(password);
  await una.getByRole("button", { name: "Sign in" }).click();
  await expect(una.getByText("Unused for 8 days")).toBeVisible();
  await una.goto("/api-keys");
  await expect(una.getByRole("row", { name: /Idle key/ })).toContainText("Unused for 8 days");
  await una.context().close();
});
