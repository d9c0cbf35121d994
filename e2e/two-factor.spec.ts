import type { Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { axeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { hydrated, mainNav } from "./helpers";
import { confirmEmail, mailTo } from "./mail";

// Two-factor in Chromium: an authenticator app set up on /account (its codes computed here
// from the secret the dialog shows, on the server's test clock), the sign-in's second step,
// recovery codes, the step-up dialog, and "Require two-factor". Each test makes its own
// organisation: the shared owner's login stays without a second factor.
const signedOut = { storageState: { cookies: [], origins: [] } };
const PASSWORD = "amber lantern orchard 58";

async function serverEpoch(page: Page): Promise<number> {
  const { now } = (await (await page.request.get("/api/test/clock")).json()) as { now: string };
  return Math.floor(new Date(now).getTime() / 1000);
}

async function codeFor(page: Page, secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: (await serverEpoch(page)) + steps * 30 });
}

async function expectNoSeriousViolations(page: Page, include?: string) {
  const serious = (await axeViolations(page, include ? { include } : {})).filter((violation) =>
    ["serious", "critical"].includes(violation.impact ?? ""),
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function newOrganisation(browser: Browser, name: string) {
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill(name);
  await page.getByLabel("Your name").fill(`${name} Owner`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);
  return { context, page, email };
}

// Sets up the authenticator app from where its button is; returns the secret and codes.
async function setUpAuthenticator(page: Page) {
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const dialog = page.getByRole("dialog", { name: "Set up an authenticator app" });
  await expect(dialog.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoSeriousViolations(page, "[role=dialog]");
  const secret = (await dialog.getByTestId("totp-secret").textContent())!.trim();
  await dialog.getByLabel("Code from the app").fill("000000" === (await codeFor(page, secret)) ? "111111" : "000000");
  await dialog.getByRole("button", { name: "Turn on" }).click();
  await expect(dialog.getByText("This code is not right")).toBeVisible();
  await dialog.getByLabel("Code from the app").fill(await codeFor(page, secret));
  await dialog.getByRole("button", { name: "Turn on" }).click();
  const saved = page.getByRole("dialog", { name: "Save your recovery codes" });
  const list = saved.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await expectNoSeriousViolations(page, "[role=dialog]");
  const codes = await list.getByRole("listitem").allTextContents();
  await saved.getByRole("button", { name: "I saved them" }).click();
  return { secret, codes };
}

// Waits for each page's script: a click before it has loaded (hydration) is lost, and a
// form sent without it reloads the page (method="post") instead of signing in.
async function signOut(page: Page) {
  await mainNav(page);
  await (await hydrated(page.getByRole("button", { name: "Sign out", exact: true }))).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await hydrated(page.getByRole("button", { name: "Sign in" }));
}

async function passwordStep(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/two-factor$/, { timeout: 15_000 });
}

async function secondStep(page: Page, code: string) {
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an authenticator app: the password alone no longer signs in; codes and recovery codes do, once", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page, email } = await newOrganisation(browser, "Two Step");
  await page.goto("/account");
  await expectNoSeriousViolations(page);
  const { secret, codes } = await setUpAuthenticator(page);
  await expect(page.getByText("Authenticator app:")).toBeVisible();
  await expect(page.getByText("10 of 10 recovery codes left")).toBeVisible();
  await mailTo(email, (mail) => mail.subject === "An authenticator app was added to your login");

  await signOut(page);
  await passwordStep(page, email);
  await expectNoSeriousViolations(page);
  // No session yet: the portal still sends this browser to sign in.
  await page.goto("/api-keys");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapi-keys$/);
  await page.goto("/sign-in/two-factor");
  await secondStep(page, "123456" === (await codeFor(page, secret, 1)) ? "654321" : "123456");
  await expect(page.getByText("This code is not right, or it was used already.")).toBeVisible();
  // What was typed stays after the refusal.
  await expect(page.getByLabel("Code")).not.toHaveValue("");
  await secondStep(page, await codeFor(page, secret, 1));
  await expect(page).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  await signOut(page);
  await passwordStep(page, email);
  await secondStep(page, codes[0]);
  await expect(page).toHaveURL(/\/api-keys$/, { timeout: 15_000 });
  await signOut(page);
  await passwordStep(page, email);
  await secondStep(page, codes[0]);
  await expect(page.getByText("This code is not right, or it was used already.")).toBeVisible();
  await context.close();
});

test("step-up: a dangerous change asks for the password again and keeps what was typed", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await newOrganisation(browser, "Sudo Check");
  // Past the proof's window (STEP_UP_WINDOW of the test servers, playwright.config.ts).
  await page.request.post("/api/test/clock", { data: { offsetSeconds: 3_700 } });
  try {
    await page.getByRole("button", { name: "Create Key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create Key" });
    await dialog.getByLabel("Key Name").fill("Deploy robot");
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: "Owner", exact: true }).click();
    await dialog.getByRole("button", { name: "Create Key" }).click();
    const stepUp = page.getByRole("dialog", { name: "Confirm it's you" });
    await expect(stepUp).toBeVisible();
    await expectNoSeriousViolations(page, "[role=dialog]");
    await stepUp.getByLabel("Password").fill("not the password at all");
    await stepUp.getByRole("button", { name: "Confirm" }).click();
    await expect(stepUp.getByText("This is not your password.")).toBeVisible();
    await stepUp.getByLabel("Password").fill(PASSWORD);
    await stepUp.getByRole("button", { name: "Confirm" }).click();
    await expect(stepUp).toBeHidden();
    // The same request went again, with what was typed before the question.
    await expect(page.getByTestId("new-key-secret")).toHaveText(/^wisp_/);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("button", { name: "I have saved the key" }).click();
    await expect(page.getByRole("row", { name: /Deploy robot/ })).toBeVisible();
  } finally {
    await page.request.post("/api/test/clock", { data: { offsetSeconds: 0 } });
    await context.close();
  }
});

test("Require two-factor: an Owner turns it on; a new member is held at the setup until they set one up", async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const { context, page } = await newOrganisation(browser, "Strict Team");
  await page.goto("/account");
  await setUpAuthenticator(page);
  await page.goto("/team");
  await expect(page.getByRole("row", { name: /Strict Team Owner/ })).toContainText("2FA on");
  await page.getByRole("button", { name: "Change two-factor policy" }).click();
  const policy = page.getByRole("dialog", { name: "Two-factor policy" });
  await expectNoSeriousViolations(page, "[role=dialog]");
  await policy.getByLabel("Require two-factor").check();
  await policy.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Two-factor required for every member")).toBeVisible();

  const email = `held-${testInfo.project.name}-${Date.now()}@mail.example`;
  await page.getByRole("button", { name: "Add Member" }).click();
  const add = page.getByRole("dialog", { name: "Add Member" });
  await add.getByLabel("Name").fill("Hal Held");
  await add.getByLabel("Email").fill(email);
  await add.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Read Only" }).click();
  await add.getByRole("button", { name: "Add Member" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  const link = (await mailTo(email, (mail) => /^Join /.test(mail.subject))).links.find((url) =>
    url.includes("/invite/"),
  );

  const held = await (await browser.newContext(signedOut)).newPage();
  await held.goto(link!);
  await held.getByLabel("Password").fill("velvet harbour lantern 41");
  await held.getByRole("button", { name: /^Join / }).click();
  await confirmEmail(held, email, "link");
  await expect(held).toHaveURL(/\/two-factor-setup/);
  await expectNoSeriousViolations(held);
  await held.goto("/api-keys");
  await expect(held).toHaveURL(/\/two-factor-setup\?next=%2Fapi-keys$/);
  await setUpAuthenticator(held);
  await expect(held).toHaveURL(/\/api-keys$/);
  await held.context().close();
  await page.reload();
  await expect(page.getByRole("row", { name: /Hal Held/ })).toContainText("2FA on");
  await context.close();
});
