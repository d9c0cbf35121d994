import { expect, test } from "./fixtures";
import { confirmEmail, mailTo } from "./mail";

// "Forgot password?" end to end: the person asks on the sign-in page, the mail arrives at
// the test SMTP server, its link lets them choose a new password, and they sign in with it;
// the session that was open elsewhere has ended, and the link works only once. The login
// is this spec's own: the shared owner's password is left alone.
const signedOut = { storageState: { cookies: [], origins: [] } };
test.use(signedOut);

test("a forgotten password is replaced through the mailed link, then signs in", async ({ page, browser }, testInfo) => {
  // Four Argon2 hashes and two mail round trips: seconds each on a busy machine.
  test.setTimeout(90_000);
  const email = `fay-${testInfo.project.name}-${Date.now()}@forgetful.example`;
  await page.goto("/sign-up");
  await page.getByLabel("Organisation").fill("Forgetful Ltd");
  await page.getByLabel("Your name").fill("Fay Forgetful");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("copper lighthouse meadow 19");
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, email, "code");
  await expect(page).toHaveURL(/\/api-keys$/);

  const fay = await (await browser.newContext(signedOut)).newPage();
  await fay.goto("/sign-in");
  await fay.getByRole("link", { name: "Forgot password?" }).click();
  await expect(fay.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await fay.getByLabel("Email").fill(email);
  await fay.getByRole("button", { name: "Send the link" }).click();
  await expect(
    fay.getByText(
      "If an account uses that email, a link to choose a new password is on its way. It works for 30 minutes.",
    ),
  ).toBeVisible();

  const mail = await mailTo(email, (received) => received.subject === "Choose a new password for Wisp Portal");
  const link = mail.links.find((url) => url.includes("/reset-password/"));
  expect(link, "a reset link in the mail").toBeTruthy();
  await fay.goto(link!);
  await expect(fay.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(fay.getByText(email)).toBeVisible();
  await fay.getByLabel("New password").fill("password1234");
  await fay.getByRole("button", { name: "Set new password" }).click();
  await expect(fay.getByText("This is similar to a commonly used password.")).toBeVisible();
  const newPassword = "saffron tugboat orchard 72";
  await fay.getByLabel("New password").fill(newPassword);
  await fay.getByRole("button", { name: "Set new password" }).click();
  await expect(fay).toHaveURL(/\/sign-in\?reset=done$/, { timeout: 15_000 });
  await expect(fay.getByText("Your new password is set")).toBeVisible();

  await fay.getByLabel("Email").fill(email);
  await fay.getByLabel("Password").fill(newPassword);
  await fay.getByRole("button", { name: "Sign in" }).click();
  await expect(fay).toHaveURL(/\/api-keys$/, { timeout: 15_000 });

  // The session opened at sign-up has ended.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);

  // The link worked once; its page says so and offers a new one.
  await fay.goto(link!);
  await expect(fay.getByText(/^This link to choose a new password doesn't work any more/)).toBeVisible();
  await fay.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(fay.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await fay.context().close();
});
