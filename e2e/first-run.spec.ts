import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { api, createKeyInUi } from "./helpers";
import { expectAxeCleanBothThemes } from "./layout";
import { confirmEmail } from "./mail";
import { sizeOf } from "./owner";

const signedOut = { storageState: { cookies: [], origins: [] } };

// The words' lines in an element: the top of each word's box (a line's words share it).
async function lastLineWords(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => {
    const text = element.firstChild!;
    const content = text.textContent!;
    const tops: number[] = [];
    for (const match of content.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      tops.push(Math.round(range.getBoundingClientRect().top));
    }
    const last = tops.at(-1)!;
    return tops.filter((top) => top === last).length;
  });
}

async function signUp(browser: Browser, organisation: string, email: string, password: string) {
  const page = await (await browser.newContext(signedOut)).newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(organisation);
  await page.getByLabel("Your name").fill(`${organisation} Owner`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);
  return page;
}

test("first run: Create Key sits in the empty state; a read-only member sees why it is unavailable, isn't asked to edit expiries, and a deep link survives signing in again", async ({
  browser,
}, testInfo) => {
  // A sign-up, an invitation accepted and a sign-in: each an Argon2 hash on a shared machine.
  test.setTimeout(120_000);
  const size = sizeOf(testInfo);
  const stamp = Date.now();
  const owner = await signUp(browser, `First Run ${size}`, `first-run-${stamp}@example.com`, "quiet meadow lantern 42");

  // The empty account: one Create Key, inside the explanation, whose last line isn't one word.
  const empty = owner.getByRole("region", { name: "No API keys yet" });
  await expect(empty).toBeVisible();
  await expect(empty.getByRole("button", { name: "Create Key" })).toBeVisible();
  await expect(owner.getByRole("button", { name: "Create Key" })).toHaveCount(1);
  expect(await lastLineWords(owner, "#no-keys-heading + p")).toBeGreaterThan(1);
  await expectAxeCleanBothThemes(owner);
  await owner.screenshot({ path: testInfo.outputPath("empty-state.png"), fullPage: true });

  // A key, and one that expires within days (by the server's clock, which specs move).
  const rest = api(owner.request, await createKeyInUi(owner, "Till sync"));
  const { now } = await (await owner.request.get("/api/test/clock")).json();
  const expiresAt = new Date(Date.parse(now) + 3 * 86_400_000).toISOString();
  await rest.post("/api/v1/api-keys", {
    name: "Short-lived export",
    roleId: await rest.roleId("Read Only"),
    expiresAt,
  });
  await owner.reload();
  await expect(owner.getByText("Edit their expiry, or roll them into new keys before then.")).toBeVisible();

  // A read-only member.
  const readerEmail = `reader-${stamp}@example.com`;
  const readerPassword = "brisk harbour pebble 17";
  const { invitationUrl } = await rest.post("/api/v1/team", {
    name: "Rory Reader",
    email: readerEmail,
    roleId: await rest.roleId("Read Only"),
  });
  const reader = await (await browser.newContext(signedOut)).newPage();
  await reader.goto(invitationUrl);
  await reader.getByLabel("Password").fill(readerPassword);
  await reader.getByRole("button", { name: /^Join/ }).click();
  await confirmEmail(reader, readerEmail, "code");
  await expect(reader).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  const create = reader.getByRole("button", { name: "Create Key" });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription("Your role has Read Access to API Keys, so you can't create keys.");
  await expect(reader.getByText("Your role has Read Access to API Keys, so you can't create keys.")).toBeVisible();
  const banner = reader.getByRole("status").filter({ hasText: "expires within" });
  await expect(banner).toContainText("Ask a member with Full Access to API Keys");
  await expect(banner).not.toContainText("Edit their expiry");
  await expectAxeCleanBothThemes(reader);
  await reader.screenshot({ path: testInfo.outputPath("read-only.png"), fullPage: true });

  // Signed out, a deep link keeps its query through the sign-in.
  await reader.context().clearCookies();
  await reader.goto("/api-keys?sort=name&dir=asc&page=2");
  await expect(reader).toHaveURL(/\/sign-in\?next=/);
  expect(new URL(reader.url()).searchParams.get("next")).toBe("/api-keys?sort=name&dir=asc&page=2");
  await reader.getByLabel("Email").fill(readerEmail);
  await reader.getByLabel("Password").fill(readerPassword);
  await reader.getByRole("button", { name: "Sign in" }).click();
  // Two keys fit on page 1, so the list shows page 1 of the same sort.
  await expect(reader).toHaveURL(/\/api-keys\?sort=name&dir=asc/, { timeout: 15_000 });
  await expect(reader.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await reader.context().close();
  await owner.context().close();
});
