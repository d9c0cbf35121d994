import type { Browser, BrowserContext, CDPSession, Page } from "@playwright/test";
import { axeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { hydrated, mainNav } from "./helpers";
import { confirmEmail, mailTo } from "./mail";

// Passkeys in Chromium, with the DevTools Protocol's virtual authenticator: added on
// /account (named, several), the sign-in's second step, the step-up dialog, removal.
// Browsers refuse an IP address as WebAuthn relying party, so these pages are opened at
// http://localhost:<port> (the servers' PASSKEY_ORIGIN, playwright.config.ts); the
// absolute redirects the servers build from APP_URL (http://127.0.0.1:<port>) are sent
// on to the same path at localhost. Each test makes its own organisation.
const PASSWORD = "amber lantern orchard 58";

async function expectNoSeriousViolations(page: Page, include?: string) {
  const serious = (await axeViolations(page, include ? { include } : {})).filter((violation) =>
    ["serious", "critical"].includes(violation.impact ?? ""),
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function atLocalhost(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const loopback = new URL(baseURL);
  const local = `http://localhost:${loopback.port}`;
  const context = await browser.newContext({ baseURL: local, storageState: { cookies: [], origins: [] } });
  await context.route(`${loopback.origin}/**`, (route) =>
    route.fulfill({ status: 307, headers: { location: route.request().url().replace(loopback.origin, local) } }),
  );
  return context;
}

async function virtualAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return authenticatorId;
}

// Waits for each page's script: a click before it has loaded (hydration) is lost, and a
// form sent without it reloads the page (method="post") instead of signing in.
async function signOut(page: Page) {
  await mainNav(page);
  await (await hydrated(page.getByRole("button", { name: "Sign out", exact: true }))).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await hydrated(page.getByRole("button", { name: "Sign in" }));
}

async function addPasskey(page: Page, name: string) {
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name").fill(name);
  await dialog.getByRole("button", { name: "Add passkey" }).click();
  return dialog;
}

test("passkeys: added on /account, the password alone no longer signs in, a passkey does; step-up and removal", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const context = await atLocalhost(browser, baseURL!);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const first = await virtualAuthenticator(cdp);

  const email = `passkey-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("Passkey Org");
  await page.getByLabel("Your name").fill("Pat Passkey");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);

  await page.goto("/account");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  let dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await expectNoSeriousViolations(page, "[role=dialog]");
  await dialog.getByRole("button", { name: "Add passkey" }).click();
  await expect(dialog.getByText("Name the passkey.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await addPasskey(page, "Work laptop");
  const list = page.getByRole("list", { name: "Passkeys" });
  await expect(list.getByRole("listitem")).toHaveText([/Work laptop/]);
  await mailTo(email, (mail) => mail.subject === "A passkey was added to your login");

  // A second passkey, on another authenticator; the same one can't be added twice, and the
  // dialog keeps its name when the browser refuses.
  await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first });
  await virtualAuthenticator(cdp);
  await addPasskey(page, "Phone");
  await expect(list.getByRole("listitem")).toHaveText([/Work laptop/, /Phone/]);
  dialog = await addPasskey(page, "Phone again");
  await expect(dialog.getByText(/No passkey was used/)).toBeVisible();
  await expect(dialog.getByLabel("Passkey name")).toHaveValue("Phone again");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await signOut(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/two-factor$/, { timeout: 15_000 });
  await expectNoSeriousViolations(page);
  // No session from the password alone.
  await page.goto("/api-keys");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapi-keys$/);
  expect((await (await page.request.get("/api/auth/session")).json()) ?? null).toBeNull();
  await page.goto("/sign-in/two-factor");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  // Past the proof's window, removing a passkey asks for a fresh one: a passkey gives it.
  await page.request.post("/api/test/clock", { data: { offsetSeconds: 3_700 } });
  try {
    await page.goto("/account");
    await page.getByRole("button", { name: "Remove Work laptop" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    const stepUp = page.getByRole("dialog", { name: "Confirm it's you" });
    await expect(stepUp).toBeVisible();
    await expectNoSeriousViolations(page, "[role=dialog]");
    await stepUp.getByRole("button", { name: "Use a passkey" }).click();
    await expect(stepUp).toBeHidden();
    await expect(list.getByRole("listitem")).toHaveText([/Phone/]);
    await mailTo(email, (mail) => mail.subject === "A passkey was removed from your login");
  } finally {
    await page.request.post("/api/test/clock", { data: { offsetSeconds: 0 } });
    await context.close();
  }
});

test("passwordless: a passkey added on /account signs in alone, without the email or password", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const context = await atLocalhost(browser, baseURL!);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const authenticatorId = await virtualAuthenticator(cdp);
  try {
    const email = `passwordless-${Date.now()}@example.com`;
    await page.goto("/sign-up");
    await page.getByLabel("Organisation").fill("Passwordless Org");
    await page.getByLabel("Your name").fill("Poppy Passwordless");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await confirmEmail(page, email, "code");
    await expect(page).toHaveURL(/\/api-keys$/);

    await page.goto("/account");
    await addPasskey(page, "This laptop");
    await expect(page.getByRole("list", { name: "Passkeys" }).getByRole("listitem")).toHaveText([/This laptop/]);
    // Registered as a discoverable credential: the authenticator keeps it for this site.
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials.map((credential) => credential.isResidentCredential)).toEqual([true]);

    await signOut(page);
    await expectNoSeriousViolations(page);
    await (await hydrated(page.getByRole("button", { name: "Use a passkey" }))).click();
    await expect(page).toHaveURL(/\/api-keys$/, { timeout: 15_000 });
    const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe(email);

    // Without the authenticator, the browser has no passkey to offer: the page says so.
    await signOut(page);
    await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
    await virtualAuthenticator(cdp);
    await (await hydrated(page.getByRole("button", { name: "Use a passkey" }))).click();
    // (Next's route announcer is an empty alert too.)
    await expect(page.getByRole("alert").filter({ hasText: /No passkey was used|not accepted/ })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
  } finally {
    await context.close();
  }
});
