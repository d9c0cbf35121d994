import { expect, type Page } from "@playwright/test";
import { mailsIn, readable, type ReceivedMail } from "../tests/helpers/smtp";

// What the Playwright servers mailed (through the test SMTP server of playwright.config.ts,
// which saves each message in E2E_MAIL_DIR), for specs that follow a link in a mail.
export type E2eMail = ReceivedMail & { body: string; links: string[] };

function mailDir(): string {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the specs through playwright.config.ts");
  return dir;
}

const linksIn = (body: string) => [...new Set(body.match(/https?:\/\/[^\s"<>]+/g) ?? [])];

// Polls (no fixed wait) until a mail to `to` matching `match` has arrived; the newest such.
export async function mailTo(to: string, match: (mail: E2eMail) => boolean = () => true): Promise<E2eMail> {
  const found = () =>
    mailsIn(mailDir())
      .map((mail) => ({ ...mail, body: readable(mail.raw) }))
      .map((mail) => ({ ...mail, links: linksIn(mail.body) }))
      .filter((mail) => mail.to.some((address) => address.includes(to)) && match(mail))
      .at(-1);
  await expect.poll(() => found() !== undefined, { timeout: 20_000, message: `a mail to ${to}` }).toBe(true);
  return found()!;
}

// A new login lands on "Check your email": it confirms with the code from the mail (typed
// on that page) or by following the mail's link and pressing its button, in the same
// browser; either way it goes on into the portal.
export async function confirmEmail(page: Page, email: string, how: "code" | "link"): Promise<void> {
  // After a sign-up or an acceptance: two Argon2 hashes, seconds on a busy machine.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 30_000 });
  const mail = await mailTo(email, (received) => received.subject === "Confirm your email address for Wisp Portal");
  if (how === "code") {
    const code = /Your code: (\d{3} \d{3})/.exec(mail.body)?.[1];
    expect(code, "a code in the mail").toBeTruthy();
    // The form submits through React: before the page is hydrated a click would send it as a
    // plain GET (…/verify-email?code=…). React marks the elements it has hydrated.
    await expect
      .poll(() =>
        page.getByLabel("Code").evaluate((field) => Object.keys(field).some((key) => key.startsWith("__reactProps"))),
      )
      .toBe(true);
    await page.getByLabel("Code").fill(code!);
    await page.getByRole("button", { name: "Confirm email" }).click();
  } else {
    const link = mail.links.find((url) => url.includes("/verify-email/"));
    expect(link, "a confirmation link in the mail").toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
    await page.getByRole("button", { name: "Confirm my email" }).click();
  }
  // Confirming writes the login and an audit event, then renders the page it goes on to:
  // seconds on a busy machine.
  await expect(page).not.toHaveURL(/\/verify-email/, { timeout: 30_000 });
}
